/**
 * RFC 2743/2744 per-message protection: MICs, wrap size limit, wrap, unwrap.
 * Each as `fn()` (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { contextArg, nativeContext, type SecurityContextLike } from './handles.js';
import type { UnwrapResult, WrapResult } from './results.js';
import { booleanArg, bytesArg, optionsArg, textOrBytesArg, uint32Arg } from './validate.js';

/** Options of {@link getMic}. */
export interface GetMicOptions {
  /** Quality of protection (default 0: the mechanism's default). */
  qop?: number;
}

/** Options of {@link wrap}. */
export interface WrapOptions {
  /** Encrypt (default true); false only protects integrity. */
  confidential?: boolean;
  /** Quality of protection (default 0: the mechanism's default). */
  qop?: number;
}

/** Options of {@link wrapSizeLimit}. */
export interface WrapSizeLimitOptions {
  /** Whether messages will be encrypted (default true). */
  confidential?: boolean;
  /** Quality of protection (default 0). */
  qop?: number;
}

const ctx = (context: unknown) => nativeContext(contextArg(context, 'context'));
const tokenOf = (r: { token?: Buffer }): Buffer => r.token as Buffer;

function micArgs(context: unknown, message: unknown, options: GetMicOptions | undefined): NativeArgs['getMic'] {
  return [ctx(context), textOrBytesArg(message, 'message'), uint32Arg(optionsArg(options).qop, 'options.qop', 0)];
}

/**
 * A message integrity code for `message` (`gss_get_mic`), sent beside it.
 *
 * @param context - an established context.
 * @param message - the message (strings are UTF-8).
 * @param options - `qop`.
 * @returns the MIC token.
 * @example
 * ```ts
 * const mic = await getMic(ctx, payload);
 * ```
 */
export async function getMic(
  context: SecurityContextLike,
  message: string | Uint8Array,
  options?: GetMicOptions,
): Promise<Buffer> {
  return callAsync('getMic', micArgs(context, message, options), tokenOf);
}

/**
 * Synchronous form of {@link getMic}.
 *
 * @param context - an established context.
 * @param message - the message.
 * @param options - `qop`.
 * @returns the MIC token.
 * @example
 * ```ts
 * const mic = getMicSync(ctx, 'hello');
 * ```
 */
export function getMicSync(
  context: SecurityContextLike,
  message: string | Uint8Array,
  options?: GetMicOptions,
): Buffer {
  return callSync('getMic', micArgs(context, message, options), tokenOf);
}

const qopOf = (r: NativeResults['verifyMic']): number => r.qop ?? 0;

function verifyArgs(context: unknown, message: unknown, token: unknown): NativeArgs['verifyMic'] {
  return [ctx(context), textOrBytesArg(message, 'message'), bytesArg(token, 'token')];
}

/**
 * Checks a MIC against its message (`gss_verify_mic`).
 *
 * @param context - an established context.
 * @param message - the message.
 * @param token - the MIC from the peer.
 * @returns the quality of protection used.
 * @throws BadMICError when the MIC does not match; DuplicateTokenError, TokenTooLateError,
 *   TokenTooEarlyError for replays and reordering (with replay/sequence detection).
 * @example
 * ```ts
 * await verifyMic(ctx, payload, mic);
 * ```
 */
export async function verifyMic(
  context: SecurityContextLike,
  message: string | Uint8Array,
  token: Uint8Array,
): Promise<number> {
  return callAsync('verifyMic', verifyArgs(context, message, token), qopOf);
}

/**
 * Synchronous form of {@link verifyMic}.
 *
 * @param context - an established context.
 * @param message - the message.
 * @param token - the MIC from the peer.
 * @returns the quality of protection used.
 * @example
 * ```ts
 * verifyMicSync(ctx, 'hello', mic); // 0
 * ```
 */
export function verifyMicSync(context: SecurityContextLike, message: string | Uint8Array, token: Uint8Array): number {
  return callSync('verifyMic', verifyArgs(context, message, token), qopOf);
}

function sizeArgs(
  context: unknown,
  outputSize: unknown,
  options: WrapSizeLimitOptions | undefined,
): NativeArgs['wrapSizeLimit'] {
  const o = optionsArg(options);
  return [
    ctx(context),
    uint32Arg(outputSize, 'outputSize'),
    booleanArg(o.confidential, 'options.confidential', true),
    uint32Arg(o.qop, 'options.qop', 0),
  ];
}
const maxInputOf = (r: NativeResults['wrapSizeLimit']): number => r.maxInputSize ?? 0;

/**
 * The largest message whose wrapped form fits in `outputSize` bytes (`gss_wrap_size_limit`).
 *
 * @param context - an established context.
 * @param outputSize - the largest token the transport takes.
 * @param options - `confidential`, `qop`.
 * @returns the largest input size.
 * @example
 * ```ts
 * const max = await wrapSizeLimit(ctx, 65536);
 * ```
 */
export async function wrapSizeLimit(
  context: SecurityContextLike,
  outputSize: number,
  options?: WrapSizeLimitOptions,
): Promise<number> {
  return callAsync('wrapSizeLimit', sizeArgs(context, outputSize, options), maxInputOf);
}

/**
 * Synchronous form of {@link wrapSizeLimit}.
 *
 * @param context - an established context.
 * @param outputSize - the largest token the transport takes.
 * @param options - `confidential`, `qop`.
 * @returns the largest input size.
 * @example
 * ```ts
 * wrapSizeLimitSync(ctx, 1024, { confidential: false });
 * ```
 */
export function wrapSizeLimitSync(
  context: SecurityContextLike,
  outputSize: number,
  options?: WrapSizeLimitOptions,
): number {
  return callSync('wrapSizeLimit', sizeArgs(context, outputSize, options), maxInputOf);
}

function wrapArgs(context: unknown, message: unknown, options: WrapOptions | undefined): NativeArgs['wrap'] {
  const o = optionsArg(options);
  return [
    ctx(context),
    textOrBytesArg(message, 'message'),
    booleanArg(o.confidential, 'options.confidential', true),
    uint32Arg(o.qop, 'options.qop', 0),
  ];
}
const wrapFinish = (r: NativeResults['wrap']): WrapResult =>
  Object.freeze({ message: r.message as Buffer, encrypted: r.encrypted === true });

/**
 * Protects a message (`gss_wrap`): encrypted and integrity protected, or
 * integrity protected only (`confidential: false`).
 *
 * @param context - an established context.
 * @param message - the message (strings are UTF-8).
 * @param options - `confidential`, `qop`.
 * @returns the token and whether it is encrypted.
 * @example
 * ```ts
 * const { message: sealed, encrypted } = await wrap(ctx, Buffer.from('secret'));
 * ```
 */
export async function wrap(
  context: SecurityContextLike,
  message: string | Uint8Array,
  options?: WrapOptions,
): Promise<WrapResult> {
  return callAsync('wrap', wrapArgs(context, message, options), wrapFinish);
}

/**
 * Synchronous form of {@link wrap}.
 *
 * @param context - an established context.
 * @param message - the message.
 * @param options - `confidential`, `qop`.
 * @returns the token and whether it is encrypted.
 * @example
 * ```ts
 * const { message: signed } = wrapSync(ctx, 'hello', { confidential: false });
 * ```
 */
export function wrapSync(
  context: SecurityContextLike,
  message: string | Uint8Array,
  options?: WrapOptions,
): WrapResult {
  return callSync('wrap', wrapArgs(context, message, options), wrapFinish);
}

const unwrapFinish = (r: NativeResults['unwrap']): UnwrapResult =>
  Object.freeze({ message: r.message as Buffer, encrypted: r.encrypted === true, qop: r.qop ?? 0 });

/**
 * Checks and opens a wrapped message (`gss_unwrap`).
 *
 * @param context - an established context.
 * @param message - the token from the peer.
 * @returns the message, whether it was encrypted, and the QOP.
 * @throws BadMICError for a tampered token, InvalidTokenError for a malformed one,
 *   DuplicateTokenError / TokenTooLateError / TokenTooEarlyError for replays and reordering.
 * @example
 * ```ts
 * const { message, encrypted } = await unwrap(ctx, sealed);
 * ```
 */
export async function unwrap(context: SecurityContextLike, message: Uint8Array): Promise<UnwrapResult> {
  return callAsync('unwrap', [ctx(context), bytesArg(message, 'message')], unwrapFinish);
}

/**
 * Synchronous form of {@link unwrap}.
 *
 * @param context - an established context.
 * @param message - the token from the peer.
 * @returns the message, whether it was encrypted, and the QOP.
 * @example
 * ```ts
 * unwrapSync(ctx, sealed).message.toString(); // 'secret'
 * ```
 */
export function unwrapSync(context: SecurityContextLike, message: Uint8Array): UnwrapResult {
  return callSync('unwrap', [ctx(context), bytesArg(message, 'message')], unwrapFinish);
}
