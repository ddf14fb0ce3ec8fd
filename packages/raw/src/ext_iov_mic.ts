/**
 * IOV MIC extension (MIT krb5 1.12+, `gssapi/gssapi_ext.h`): a MIC over a
 * message spread over several buffers (`gss_get_mic_iov`,
 * `gss_get_mic_iov_length`, `gss_verify_mic_iov`). The data and sign-only
 * buffers of an {@link IOV} are signed in order, as if joined into one
 * message for `gss_get_mic`; the MIC goes into its
 * {@link IOVBufferType.micToken} buffer. Each as `fn()` (Promise, worker
 * thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { IOV } from './ext_dce.js';
import { requireSymbol } from './extensions.js';
import { contextArg, nativeContext, type SecurityContextLike } from './handles.js';
import { optionsArg, uint32Arg } from './validate.js';

/** Options of {@link getMicIov} and {@link getMicIovLength}. */
export interface GetMicIovOptions {
  /** Quality of protection (default 0: the mechanism's default). */
  qop?: number;
}

type IovMarshal = ReturnType<typeof IOV.marshal>;

function micIovArgs(
  symbol: 'gss_get_mic_iov' | 'gss_get_mic_iov_length',
  context: unknown,
  iov: unknown,
  options: GetMicIovOptions | undefined,
): [NativeArgs['getMicIov'], IovMarshal] {
  requireSymbol('iovMic', symbol);
  const o = optionsArg(options);
  const native = nativeContext(contextArg(context, 'context'));
  const marshal = IOV.marshal(iov, 'iov');
  return [[native, marshal.buffers, uint32Arg(o.qop, 'options.qop', 0)], marshal];
}

const micIovFinish =
  (marshal: IovMarshal) =>
  (r: NativeResults['getMicIov']): void => {
    marshal.apply(r.iov);
  };

/**
 * Computes a MIC over the data and sign-only buffers of an IOV, in order,
 * and puts it in the IOV's MIC token buffer (`gss_get_mic_iov`, IOV MIC
 * extension of MIT krb5). The MIC token buffer is allocated by the library
 * (`allocate: true`, the default for `IOVBufferType.micToken`) or sized
 * beforehand by {@link getMicIovLength}. Other buffers are unchanged.
 *
 * @param context - an established context.
 * @param iov - the message and a {@link IOVBufferType.micToken} buffer; updated in place.
 * @param options - `qop`.
 * @returns nothing; the MIC is the MIC token buffer's value.
 * @throws GSSError (e.g. when there is no MIC token buffer).
 * @example
 * ```ts
 * const iov = new IOV('part one', [IOVBufferType.signOnly, 'part two'], IOVBufferType.micToken);
 * await getMicIov(ctx, iov);
 * const mic = iov.at(2)?.value; // a MIC that verifyMic() also accepts for 'part onepart two'
 * ```
 */
export async function getMicIov(context: SecurityContextLike, iov: IOV, options?: GetMicIovOptions): Promise<void> {
  const [args, marshal] = micIovArgs('gss_get_mic_iov', context, iov, options);
  return callAsync('getMicIov', args, micIovFinish(marshal));
}

/**
 * Synchronous form of {@link getMicIov}.
 *
 * @param context - an established context.
 * @param iov - the message and a MIC token buffer; updated in place.
 * @param options - `qop`.
 * @returns nothing; the MIC is the MIC token buffer's value.
 * @example
 * ```ts
 * const iov = new IOV('data', IOVBufferType.micToken);
 * getMicIovSync(ctx, iov);
 * ```
 */
export function getMicIovSync(context: SecurityContextLike, iov: IOV, options?: GetMicIovOptions): void {
  const [args, marshal] = micIovArgs('gss_get_mic_iov', context, iov, options);
  callSync('getMicIov', args, micIovFinish(marshal));
}

/**
 * Sizes the MIC token buffer of an IOV for {@link getMicIov}
 * (`gss_get_mic_iov_length`, IOV MIC extension of MIT krb5): it becomes a
 * zero-filled Buffer of the MIC's length, which {@link getMicIov} then writes.
 *
 * @param context - an established context.
 * @param iov - the message and a MIC token buffer; the latter is replaced.
 * @param options - `qop`.
 * @returns nothing; see the MIC token buffer's value.
 * @example
 * ```ts
 * const iov = new IOV('data', IOVBufferType.micToken, { autoAlloc: false });
 * await getMicIovLength(ctx, iov);
 * iov.at(1)?.value?.length; // 28 for an AES MIC
 * await getMicIov(ctx, iov);
 * ```
 */
export async function getMicIovLength(
  context: SecurityContextLike,
  iov: IOV,
  options?: GetMicIovOptions,
): Promise<void> {
  const [args, marshal] = micIovArgs('gss_get_mic_iov_length', context, iov, options);
  return callAsync('getMicIovLength', args, micIovFinish(marshal));
}

/**
 * Synchronous form of {@link getMicIovLength}.
 *
 * @param context - an established context.
 * @param iov - the message and a MIC token buffer; the latter is replaced.
 * @param options - `qop`.
 * @returns nothing; see the MIC token buffer's value.
 * @example
 * ```ts
 * getMicIovLengthSync(ctx, iov);
 * ```
 */
export function getMicIovLengthSync(context: SecurityContextLike, iov: IOV, options?: GetMicIovOptions): void {
  const [args, marshal] = micIovArgs('gss_get_mic_iov_length', context, iov, options);
  callSync('getMicIovLength', args, micIovFinish(marshal));
}

function verifyArgs(context: unknown, iov: unknown): NativeArgs['verifyMicIov'] {
  requireSymbol('iovMic', 'gss_verify_mic_iov');
  const native = nativeContext(contextArg(context, 'context'));
  return [native, IOV.marshal(iov, 'iov').buffers];
}

const qopOf = (r: NativeResults['verifyMicIov']): number => r.qop ?? 0;

/**
 * Checks the MIC in an IOV's MIC token buffer against its data and sign-only
 * buffers, in order (`gss_verify_mic_iov`, IOV MIC extension of MIT krb5).
 * The IOV is not changed.
 *
 * @param context - an established context.
 * @param iov - the message and the MIC token from the peer.
 * @returns the quality of protection used.
 * @throws BadMICError when the MIC does not match; DuplicateTokenError,
 *   TokenTooLateError, TokenTooEarlyError for replays and reordering.
 * @example
 * ```ts
 * const iov = new IOV('part one', [IOVBufferType.signOnly, 'part two'], [IOVBufferType.micToken, mic]);
 * await verifyMicIov(server, iov); // 0
 * ```
 */
export async function verifyMicIov(context: SecurityContextLike, iov: IOV): Promise<number> {
  return callAsync('verifyMicIov', verifyArgs(context, iov), qopOf);
}

/**
 * Synchronous form of {@link verifyMicIov}.
 *
 * @param context - an established context.
 * @param iov - the message and the MIC token from the peer.
 * @returns the quality of protection used.
 * @example
 * ```ts
 * verifyMicIovSync(server, iov);
 * ```
 */
export function verifyMicIovSync(context: SecurityContextLike, iov: IOV): number {
  return callSync('verifyMicIov', verifyArgs(context, iov), qopOf);
}
