/**
 * Helpers for the async step loop: the peer's tokens as an iterator, and
 * waiting on a promise under an AbortSignal.
 *
 * @module
 */
import { abortError } from './errors.js';

/**
 * The peer's tokens for {@link SecurityContext.steps}: any async or sync
 * iterable of byte arrays (a transport from {@link lengthPrefixedTransport},
 * an async generator, an array, ...).
 *
 * @example
 * ```ts
 * const incoming: TokenSource = memoryTransportPair()[0];
 * const fromArray: TokenSource = [tokenFromPeer];
 * ```
 */
export type TokenSource = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

/** One pull from a token source. @internal */
export type TokenIterator = AsyncIterator<Uint8Array> | Iterator<Uint8Array>;

/** Opens a token source; TypeError for anything else. @internal */
export function openTokens(source: unknown): TokenIterator {
  if (source !== null && typeof source === 'object') {
    const s = source as Partial<AsyncIterable<Uint8Array> & Iterable<Uint8Array>>;
    const asyncOpen = s[Symbol.asyncIterator];
    if (typeof asyncOpen === 'function') return asyncOpen.call(source);
    const open = s[Symbol.iterator];
    if (typeof open === 'function') return open.call(source);
  }
  throw new TypeError('incoming must be an AsyncIterable or an Iterable of Uint8Array tokens');
}

/** The signal option, checked. @internal */
export function signalArg(signal: unknown, arg = 'options.signal'): AbortSignal | undefined {
  if (signal === undefined || signal === null) return undefined;
  if (!(signal instanceof AbortSignal)) throw new TypeError(`${arg} must be an AbortSignal`);
  return signal;
}

/**
 * `promise`, or an AbortError as soon as `signal` aborts (the promise itself
 * keeps running; a later rejection of it is handled here). @internal
 */
export function raceAbort<T>(
  promise: Promise<T>,
  signal: AbortSignal | undefined,
  onAbort?: (error: DOMException) => void,
): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    const error = abortError(signal);
    onAbort?.(error);
    return Promise.reject(error);
  }
  return new Promise<T>((resolve, reject) => {
    const abort = () => {
      const error = abortError(signal);
      onAbort?.(error);
      reject(error);
    };
    signal.addEventListener('abort', abort, { once: true });
    // Stop listening before settling: an abort right after the caller's
    // `await` (a `finally { controller.abort() }`) must not undo a finished step.
    const off = () => signal.removeEventListener('abort', abort);
    promise.then(
      (value) => {
        off();
        resolve(value);
      },
      (error: unknown) => {
        off();
        reject(error);
      },
    );
  });
}
