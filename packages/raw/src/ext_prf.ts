/**
 * RFC 4401 pseudo-random function: `gss_pseudo_random`, keyed output both
 * peers of an established context can derive without sending it. As
 * `pseudoRandom()` (Promise, worker thread) and `pseudoRandomSync()`.
 */
import type { NativeArgs } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { contextArg, describe, nativeContext, type SecurityContextLike } from './handles.js';
import { bytesArg } from './validate.js';

/**
 * Which key of the context keys the PRF (RFC 4401 section 2): `'full'`
 * (`GSS_C_PRF_KEY_FULL`, 0: for Kerberos the acceptor subkey when there is
 * one) or `'partial'` (`GSS_C_PRF_KEY_PARTIAL`, 1: the initiator's subkey or
 * session key).
 *
 * @example
 * ```ts
 * const key: PrfKey = 'full';
 * ```
 */
export type PrfKey = 'full' | 'partial';

/**
 * `GSS_C_PRF_KEY_FULL` (0): the C value of {@link PrfKey} `'full'`.
 *
 * @example
 * ```ts
 * GSS_C_PRF_KEY_FULL; // 0
 * ```
 */
export const GSS_C_PRF_KEY_FULL = 0;
/**
 * `GSS_C_PRF_KEY_PARTIAL` (1): the C value of {@link PrfKey} `'partial'`.
 *
 * @example
 * ```ts
 * GSS_C_PRF_KEY_PARTIAL; // 1
 * ```
 */
export const GSS_C_PRF_KEY_PARTIAL = 1;

/** The largest output length accepted (2^31 - 1 bytes; RFC 4401 asks implementations for at least 2^14). */
const MAX_OUTPUT = 0x7fffffff;

function prfKeyArg(value: unknown): number {
  if (value === 'full' || value === GSS_C_PRF_KEY_FULL) return GSS_C_PRF_KEY_FULL;
  if (value === 'partial' || value === GSS_C_PRF_KEY_PARTIAL) return GSS_C_PRF_KEY_PARTIAL;
  throw new TypeError(`prfKey must be 'full' or 'partial' (got ${describe(value)})`);
}

function prfArgs(
  context: unknown,
  prfKey: unknown,
  prfIn: unknown,
  desiredOutputLength: unknown,
): NativeArgs['pseudoRandom'] {
  requireSymbol('prf', 'gss_pseudo_random');
  const args: NativeArgs['pseudoRandom'] = [
    nativeContext(contextArg(context, 'context')),
    prfKeyArg(prfKey),
    bytesArg(prfIn, 'prfIn'),
    0,
  ];
  if (typeof desiredOutputLength !== 'number') {
    throw new TypeError(`desiredOutputLength must be a number (got ${describe(desiredOutputLength)})`);
  }
  if (!Number.isInteger(desiredOutputLength) || desiredOutputLength < 0 || desiredOutputLength > MAX_OUTPUT) {
    throw new RangeError(`desiredOutputLength must be an integer from 0 to ${MAX_OUTPUT} (got ${desiredOutputLength})`);
  }
  args[3] = desiredOutputLength;
  return args;
}

const outputOf = (r: { output?: Buffer }): Buffer => r.output ?? Buffer.alloc(0);

/**
 * Derives `desiredOutputLength` pseudo-random bytes from the context's key
 * and `prfIn` (`gss_pseudo_random`, RFC 4401; for Kerberos RFC 4402). The
 * initiator and the acceptor of one context get the same bytes for the same
 * input, so they can derive shared keys (e.g. for channel binding or key
 * export) without sending them. The output is key material: never log it.
 *
 * @param context - an established context.
 * @param prfKey - `'full'` or `'partial'` (see {@link PrfKey}).
 * @param prfIn - the input, e.g. a label and nonces.
 * @param desiredOutputLength - how many bytes to produce (0 gives an empty Buffer).
 * @returns exactly `desiredOutputLength` bytes.
 * @throws GSSError (e.g. `GSS_S_NO_CONTEXT` for a context that is not established).
 * @example
 * ```ts
 * const key = await pseudoRandom(ctx, 'full', Buffer.from('my-app key'), 32);
 * ```
 */
export async function pseudoRandom(
  context: SecurityContextLike,
  prfKey: PrfKey,
  prfIn: Uint8Array,
  desiredOutputLength: number,
): Promise<Buffer> {
  return callAsync('pseudoRandom', prfArgs(context, prfKey, prfIn, desiredOutputLength), outputOf);
}

/**
 * Synchronous form of {@link pseudoRandom}.
 *
 * @param context - an established context.
 * @param prfKey - `'full'` or `'partial'`.
 * @param prfIn - the input.
 * @param desiredOutputLength - how many bytes to produce.
 * @returns exactly `desiredOutputLength` bytes.
 * @example
 * ```ts
 * const mine = pseudoRandomSync(ctx, 'partial', Buffer.from('label'), 44);
 * ```
 */
export function pseudoRandomSync(
  context: SecurityContextLike,
  prfKey: PrfKey,
  prfIn: Uint8Array,
  desiredOutputLength: number,
): Buffer {
  return callSync('pseudoRandom', prfArgs(context, prfKey, prfIn, desiredOutputLength), outputOf);
}
