/**
 * DCE IOV and AEAD extensions (MIT krb5 and Heimdal, `gssapi/gssapi_ext.h`;
 * the model is SSPI's EncryptMessage/DecryptMessage buffers, used by DCE RPC
 * and SMB): wrap a message spread over several buffers, in place, with the
 * token's header, padding and trailer in buffers of their own
 * (`gss_wrap_iov`, `gss_unwrap_iov`, `gss_wrap_iov_length`), and wrap with
 * associated data that is integrity protected but not sent
 * (`gss_wrap_aead`, `gss_unwrap_aead`). Each as `fn()` (Promise, worker
 * thread) and `fnSync()`. The IOV type ({@link IOV}) is also what the IOV MIC
 * functions ({@link getMicIov}) take.
 */
import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import type { NativeArgs, NativeIovBuffer, NativeIovResult, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { contextArg, describe, nativeContext, type SecurityContextLike } from './handles.js';
import type { UnwrapResult, WrapResult } from './results.js';
import { booleanArg, bytesArg, optionsArg, textOrBytesArg, uint32Arg } from './validate.js';

/**
 * The kind of an IOV buffer (`GSS_IOV_BUFFER_TYPE_*`; the numbers are the C values).
 *
 * @example
 * ```ts
 * import { IOV, IOVBufferType } from '@gssapi/raw';
 * const iov = new IOV([IOVBufferType.signOnly, 'routing header'], 'payload');
 * iov.at(1)?.type === IOVBufferType.signOnly; // true (index 0 is the header)
 * ```
 */
export enum IOVBufferType {
  /** `GSS_IOV_BUFFER_TYPE_EMPTY`: ignored by the library. */
  empty = 0,
  /** `GSS_IOV_BUFFER_TYPE_DATA`: message data, encrypted (or only signed) in place. */
  data = 1,
  /** `GSS_IOV_BUFFER_TYPE_HEADER`: the token header the mechanism writes before the data. */
  header = 2,
  /** `GSS_IOV_BUFFER_TYPE_MECH_PARAMS`: mechanism-specific parameters. */
  mechParams = 3,
  /** `GSS_IOV_BUFFER_TYPE_TRAILER`: the token trailer the mechanism writes after the data. */
  trailer = 7,
  /** `GSS_IOV_BUFFER_TYPE_PADDING`: padding up to the cipher's block size (empty for AES in RFC 4121 tokens). */
  padding = 9,
  /** `GSS_IOV_BUFFER_TYPE_STREAM`: a complete wrap token, unwrapped in one piece (see {@link unwrapIov}). */
  stream = 10,
  /** `GSS_IOV_BUFFER_TYPE_SIGN_ONLY`: data that is integrity protected but never encrypted nor sent in the token. */
  signOnly = 11,
  /** `GSS_IOV_BUFFER_TYPE_MIC_TOKEN`: where {@link getMicIov} puts the MIC (IOV MIC extension). */
  micToken = 12,
}

/**
 * Flags OR'ed into an IOV buffer's type in C (`GSS_IOV_BUFFER_FLAG_*`). The
 * raw layer sets and reads them for you through {@link IOVBuffer.allocate}.
 *
 * @example
 * ```ts
 * (IOVBufferType.header | IOVBufferFlag.allocate).toString(16); // '10002'
 * ```
 */
export enum IOVBufferFlag {
  /** `GSS_IOV_BUFFER_FLAG_ALLOCATE`: the library should allocate the buffer. */
  allocate = 0x10000,
  /** `GSS_IOV_BUFFER_FLAG_ALLOCATED`: the library did allocate it. */
  allocated = 0x20000,
}

/**
 * One buffer of an {@link IOV}.
 *
 * The IOV functions update `value` and `allocate` in place with what the
 * library left in the buffer (a new Buffer each time; the bytes you gave are
 * never written to). You may also set them yourself between calls.
 *
 * @example
 * ```ts
 * const iov = new IOV('payload');
 * await wrapIov(ctx, iov);
 * const header: IOVBuffer = iov.at(0)!;
 * header.type;     // IOVBufferType.header
 * header.allocate; // undefined: the library allocated it
 * header.value;    // the header bytes of the token
 * ```
 */
export interface IOVBuffer {
  /** What the buffer holds. */
  readonly type: IOVBufferType;
  /**
   * `true`: the library allocates the buffer during the next call
   * (`GSS_IOV_BUFFER_FLAG_ALLOCATE`); `false`: the buffer is yours (its
   * `value`, sized by {@link wrapIovLength} for a header, padding or trailer);
   * `undefined`: the library allocated it during the last call
   * (`GSS_IOV_BUFFER_FLAG_ALLOCATED`). A later call treats `undefined` like `false`.
   */
  allocate: boolean | undefined;
  /** The bytes; `undefined` when the buffer has no memory (e.g. not allocated yet). */
  value: Buffer | undefined;
}

/**
 * How to describe one buffer to the {@link IOV} constructor:
 *
 * - a `Uint8Array` or a string (UTF-8): a {@link IOVBufferType.data} buffer with those bytes;
 * - an {@link IOVBufferType}: an empty buffer of that type, to be allocated by the
 *   library when it is a header, padding, trailer or MIC token and `autoAlloc` is on;
 * - `[type, bytes]`: a buffer of that type with those bytes (`allocate` false);
 * - `[type, allocate]`: an empty buffer, allocated by the library when `allocate` is true;
 * - `[type, allocate, bytes]`: both.
 *
 * @example
 * ```ts
 * const specs: IOVBufferSpec[] = [
 *   [IOVBufferType.signOnly, 'associated'],
 *   'payload',
 *   [IOVBufferType.header, true],
 * ];
 * ```
 */
export type IOVBufferSpec =
  | Uint8Array
  | string
  | IOVBufferType
  | readonly [type: IOVBufferType, dataOrAllocate: Uint8Array | string | boolean | undefined]
  | readonly [type: IOVBufferType, allocate: boolean | undefined, data: Uint8Array | string | undefined];

/**
 * Options of the {@link IOV} constructor (its last argument).
 *
 * @example
 * ```ts
 * const options: IOVOptions = { stdLayout: false, autoAlloc: false };
 * new IOV([IOVBufferType.header, Buffer.alloc(16)], 'payload', options);
 * ```
 */
export interface IOVOptions {
  /**
   * Add the standard wrap layout around the given buffers (default true): a
   * header first and a padding and a trailer last, each only when the buffers
   * given have none. Not applied to an IOV with a stream or MIC token buffer,
   * whose layout is not a wrap token's.
   */
  stdLayout?: boolean;
  /**
   * Let the library allocate the header, padding, trailer and MIC token
   * buffers that have no bytes (default true). With false, size them first
   * with {@link wrapIovLength} or {@link getMicIovLength}.
   */
  autoAlloc?: boolean;
}

const AUTO_ALLOC: ReadonlySet<number> = new Set([
  IOVBufferType.header,
  IOVBufferType.padding,
  IOVBufferType.trailer,
  IOVBufferType.micToken,
]);

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [IOVBufferType.empty]: 'EMPTY',
  [IOVBufferType.data]: 'DATA',
  [IOVBufferType.header]: 'HEADER',
  [IOVBufferType.mechParams]: 'MECH_PARAMS',
  [IOVBufferType.trailer]: 'TRAILER',
  [IOVBufferType.padding]: 'PADDING',
  [IOVBufferType.stream]: 'STREAM',
  [IOVBufferType.signOnly]: 'SIGN_ONLY',
  [IOVBufferType.micToken]: 'MIC_TOKEN',
};

function typeArg(value: unknown, arg: string): IOVBufferType {
  if (typeof value !== 'number') throw new TypeError(`${arg} must be an IOVBufferType (got ${describe(value)})`);
  if (!Number.isInteger(value) || value < 0 || value > 0xffff) {
    throw new RangeError(`${arg} must be an IOVBufferType from 0 to 65535; give flags through allocate (got ${value})`);
  }
  return value;
}

function bufferBytes(value: unknown, arg: string): Buffer {
  const bytes = textOrBytesArg(value, arg);
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function optionalAllocate(value: unknown, arg: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean') throw new TypeError(`${arg} must be a boolean (got ${describe(value)})`);
  return value;
}

function makeBuffer(type: IOVBufferType, allocate: boolean | undefined, value: Buffer | undefined): IOVBuffer {
  const buffer = { type, allocate, value };
  Object.defineProperty(buffer, 'type', { writable: false });
  return Object.seal(buffer);
}

function isOptions(value: unknown): value is IOVOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function specToBuffer(spec: unknown, autoAlloc: boolean, arg: string): IOVBuffer {
  if (typeof spec === 'string' || spec instanceof Uint8Array) {
    return makeBuffer(IOVBufferType.data, false, bufferBytes(spec, arg));
  }
  if (typeof spec === 'number') {
    const type = typeArg(spec, arg);
    return makeBuffer(type, AUTO_ALLOC.has(type) ? autoAlloc : false, undefined);
  }
  if (Array.isArray(spec)) {
    if (spec.length !== 2 && spec.length !== 3) {
      throw new RangeError(
        `${arg} must be [type, dataOrAllocate] or [type, allocate, data] (got ${spec.length} items)`,
      );
    }
    const type = typeArg(spec[0], `${arg}[0]`);
    if (spec.length === 3) {
      const data = spec[2] === undefined || spec[2] === null ? undefined : bufferBytes(spec[2], `${arg}[2]`);
      return makeBuffer(type, optionalAllocate(spec[1], `${arg}[1]`), data);
    }
    const second: unknown = spec[1];
    if (second === undefined || second === null) return makeBuffer(type, false, undefined);
    if (typeof second === 'boolean') return makeBuffer(type, second, undefined);
    return makeBuffer(type, false, bufferBytes(second, `${arg}[1]`));
  }
  throw new TypeError(
    `${arg} must be bytes, a string, an IOVBufferType or a [type, ...] array (got ${describe(spec)})`,
  );
}

function showBuffer(buffer: IOVBuffer): string {
  const name = TYPE_NAMES[buffer.type] ?? `TYPE_${buffer.type}`;
  const value = buffer.value;
  if (value === undefined) return `${name}(${buffer.allocate ? 'allocate' : 'empty'})`;
  const hex = value.subarray(0, 16).toString('hex') + (value.length > 16 ? '…' : '');
  const size = `${value.length} byte${value.length === 1 ? '' : 's'}`;
  return `${name}(${value.length > 0 ? `${size}: ${hex}` : size}${buffer.allocate === undefined ? ', allocated' : ''})`;
}

/**
 * A GSSAPI IOV (`gss_iov_buffer_desc[]`): the buffers of one message for
 * {@link wrapIov}, {@link unwrapIov}, {@link wrapIovLength} and the IOV MIC
 * functions ({@link getMicIov}, {@link verifyMicIov}).
 *
 * Built like python-gssapi's `IOV`: each argument describes one buffer (see
 * {@link IOVBufferSpec}) and an optional last argument gives {@link IOVOptions}.
 * With the standard layout (the default) a header comes first and a padding
 * and a trailer last, so the first given buffer is at index 1, and after
 * {@link wrapIov} the buffers' values joined in order ({@link IOV.concat}, which
 * leaves sign-only buffers out) are a token {@link unwrap} accepts.
 *
 * **Mutable:** the IOV functions update the buffers' `value` and `allocate`
 * in place (see {@link IOVBuffer}); the number and types of the buffers never
 * change. Do not pass one IOV to two calls that run at the same time.
 *
 * @example
 * ```ts
 * import { IOV, IOVBufferType, wrapIovSync, unwrapIovSync } from '@gssapi/raw';
 * // HEADER | SIGN_ONLY | DATA | PADDING | TRAILER, header/padding/trailer allocated by the library
 * const iov = new IOV([IOVBufferType.signOnly, 'not sent'], 'secret');
 * wrapIovSync(client, iov);
 * String(iov); // '<IOV HEADER(32 bytes: 050406ff…, allocated) | SIGN_ONLY(8 bytes: 6e6f742073656e74) | …>'
 * unwrapIovSync(server, iov);
 * iov.at(2)?.value?.toString(); // 'secret'
 *
 * // The stream form: a whole token in one STREAM buffer, the message in DATA
 * const stream = new IOV([IOVBufferType.stream, token], IOVBufferType.data);
 * unwrapIovSync(server, stream);
 * stream.at(1)?.value?.toString(); // the message
 * ```
 */
export class IOV implements Iterable<IOVBuffer> {
  readonly #buffers: readonly IOVBuffer[];

  /**
   * @param args - one {@link IOVBufferSpec} per buffer, optionally followed by {@link IOVOptions}.
   * @example
   * ```ts
   * const prealloc = new IOV('payload', { autoAlloc: false }); // size it with wrapIovLength
   * ```
   */
  constructor(...args: IOVBufferSpec[] | [...IOVBufferSpec[], IOVOptions]) {
    const specs: unknown[] = [...args];
    const last = specs[specs.length - 1];
    const options = isOptions(last) ? (specs.pop() as IOVOptions) : {};
    const stdLayout = booleanArg(options.stdLayout, 'options.stdLayout', true);
    const autoAlloc = booleanArg(options.autoAlloc, 'options.autoAlloc', true);
    const buffers = specs.map((spec, i) => specToBuffer(spec, autoAlloc, `buffers[${i}]`));
    const has = (type: IOVBufferType) => buffers.some((b) => b.type === type);
    if (stdLayout && !has(IOVBufferType.stream) && !has(IOVBufferType.micToken)) {
      if (!has(IOVBufferType.header)) buffers.unshift(makeBuffer(IOVBufferType.header, autoAlloc, undefined));
      if (!has(IOVBufferType.padding)) buffers.push(makeBuffer(IOVBufferType.padding, autoAlloc, undefined));
      if (!has(IOVBufferType.trailer)) buffers.push(makeBuffer(IOVBufferType.trailer, autoAlloc, undefined));
    }
    this.#buffers = Object.freeze(buffers);
  }

  /**
   * The number of buffers.
   *
   * @example
   * ```ts
   * new IOV('a', 'b').length; // 5: header, two data buffers, padding, trailer
   * ```
   */
  get length(): number {
    return this.#buffers.length;
  }

  /**
   * The buffer at `index` (negative: from the end), or undefined.
   *
   * @param index - the position.
   * @returns the buffer (the live object the IOV functions update).
   * @example
   * ```ts
   * iov.at(-1)?.type; // IOVBufferType.trailer
   * ```
   */
  at(index: number): IOVBuffer | undefined {
    return this.#buffers.at(index);
  }

  /**
   * The position of the first buffer of type `search` (or of the buffer
   * object `search`) from `fromIndex` on, or -1.
   *
   * @param search - an {@link IOVBufferType}, or one of this IOV's buffers.
   * @param fromIndex - where to start (default 0).
   * @returns the index, or -1 when there is none.
   * @example
   * ```ts
   * const data = iov.at(iov.index(IOVBufferType.data));
   * ```
   */
  index(search: IOVBufferType | IOVBuffer, fromIndex = 0): number {
    for (let i = Math.max(0, fromIndex); i < this.#buffers.length; i++) {
      const buffer = this.#buffers[i] as IOVBuffer;
      if (typeof search === 'number' ? buffer.type === search : buffer === search) return i;
    }
    return -1;
  }

  /**
   * The values of the buffers joined in order, except sign-only buffers
   * (protected by the token but not part of it); a buffer without a value
   * adds nothing. After {@link wrapIov} with the standard layout this is the
   * token, which {@link unwrap} opens (or, with sign-only data,
   * {@link unwrapAead} given that data as `associated`).
   *
   * @returns a new Buffer.
   * @example
   * ```ts
   * const iov = new IOV('hello');
   * wrapIovSync(client, iov);
   * unwrapSync(server, iov.concat()).message.toString(); // 'hello'
   * ```
   */
  concat(): Buffer {
    return Buffer.concat(this.#buffers.flatMap((b) => (b.value && b.type !== IOVBufferType.signOnly ? [b.value] : [])));
  }

  /**
   * Iterates over the buffers in order.
   *
   * @returns an iterator of the live buffer objects.
   * @example
   * ```ts
   * for (const { type, value } of iov) console.log(IOVBufferType[type], value?.length);
   * ```
   */
  [Symbol.iterator](): IterableIterator<IOVBuffer> {
    return this.#buffers[Symbol.iterator]();
  }

  /**
   * A description like python-gssapi's:
   * `<IOV HEADER(allocate) | DATA(5 bytes: 68656c6c6f) | PADDING(allocate) | TRAILER(allocate)>`.
   *
   * @returns the description (values shown as hex, at most 16 bytes each).
   * @example
   * ```ts
   * String(new IOV('hello')); // '<IOV HEADER(allocate) | DATA(5 bytes: 68656c6c6f) | PADDING(allocate) | TRAILER(allocate)>'
   * ```
   */
  toString(): string {
    return `<IOV ${this.#buffers.map(showBuffer).join(' | ')}>`;
  }

  /**
   * Same as {@link IOV.toString}, for `console.log` and `util.inspect`.
   *
   * @returns the description.
   * @example
   * ```ts
   * console.log(iov); // <IOV HEADER(allocate) | ...>
   * ```
   */
  [inspect.custom](): string {
    return this.toString();
  }

  /**
   * The IOV as the addon takes it, and the function that writes a call's
   * results back into the buffers (the ones of this moment: assignments made
   * while the call runs are overwritten).
   * @internal
   */
  static marshal(
    value: unknown,
    arg: string,
  ): { readonly buffers: NativeIovBuffer[]; apply(results: NativeIovResult[] | undefined): void } {
    if (!(value instanceof IOV)) throw new TypeError(`${arg} must be an IOV (got ${describe(value)})`);
    const targets = value.#buffers;
    const buffers = targets.map((buffer, i): NativeIovBuffer => {
      const allocate = optionalAllocate(buffer.allocate, `${arg}.at(${i}).allocate`);
      const bytes = buffer.value === undefined || buffer.value === null ? undefined : buffer.value;
      if (bytes !== undefined && !(bytes instanceof Uint8Array)) {
        throw new TypeError(`${arg}.at(${i}).value must be a Buffer or undefined (got ${describe(bytes)})`);
      }
      return [buffer.type | (allocate ? IOVBufferFlag.allocate : 0), bytes];
    });
    return {
      buffers,
      apply(results) {
        if (!results) return;
        results.forEach(([type, bytes], i) => {
          const target = targets[i];
          if (!target) return;
          target.value = bytes;
          target.allocate = (type & IOVBufferFlag.allocated) !== 0 ? undefined : (type & IOVBufferFlag.allocate) !== 0;
        });
      },
    };
  }
}

/**
 * What {@link unwrapIov} reports (python-gssapi's `IOVUnwrapResult`); the
 * message itself is in the IOV's data buffers.
 *
 * @example
 * ```ts
 * const { encrypted, qop }: IOVUnwrapResult = unwrapIovSync(ctx, iov);
 * ```
 */
export interface IOVUnwrapResult {
  /** Whether the message was encrypted (not only integrity protected). */
  readonly encrypted: boolean;
  /** The quality of protection used. */
  readonly qop: number;
}

/**
 * What {@link wrapIovLength} reports: the IOV it sized, and whether a wrap
 * with the same options would encrypt.
 *
 * @example
 * ```ts
 * const { iov: sized, encrypted }: WrapIovLengthResult = wrapIovLengthSync(ctx, iov);
 * ```
 */
export interface WrapIovLengthResult {
  /** The IOV given, its header, padding and trailer now zero-filled Buffers of the right length. */
  readonly iov: IOV;
  /** Whether a wrap with these options encrypts. */
  readonly encrypted: boolean;
}

/** Options of {@link wrapIov} and {@link wrapIovLength}. */
export interface WrapIovOptions {
  /** Encrypt (default true); false only protects integrity. */
  confidential?: boolean;
  /** Quality of protection (default 0: the mechanism's default). */
  qop?: number;
}

/** Options of {@link wrapAead}. */
export interface WrapAeadOptions {
  /** Data protected with the message but not put in the token (strings are UTF-8); the peer must give the same. */
  associated?: Uint8Array | string;
  /** Encrypt (default true); false only protects integrity. */
  confidential?: boolean;
  /** Quality of protection (default 0: the mechanism's default). */
  qop?: number;
}

/** Options of {@link unwrapAead}. */
export interface UnwrapAeadOptions {
  /** The associated data given to {@link wrapAead} (strings are UTF-8). */
  associated?: Uint8Array | string;
}

const ctx = (context: unknown) => nativeContext(contextArg(context, 'context'));

type IovMarshal = ReturnType<typeof IOV.marshal>;

function wrapIovArgs(
  symbol: 'gss_wrap_iov' | 'gss_wrap_iov_length',
  context: unknown,
  iov: unknown,
  options: WrapIovOptions | undefined,
): [NativeArgs['wrapIov'], IovMarshal] {
  requireSymbol('dce', symbol);
  const o = optionsArg(options);
  const native = ctx(context);
  const marshal = IOV.marshal(iov, 'iov');
  return [
    [
      native,
      marshal.buffers,
      booleanArg(o.confidential, 'options.confidential', true),
      uint32Arg(o.qop, 'options.qop', 0),
    ],
    marshal,
  ];
}

const wrapIovFinish =
  (marshal: IovMarshal) =>
  (r: NativeResults['wrapIov']): boolean => {
    marshal.apply(r.iov);
    return r.encrypted === true;
  };

/**
 * Wraps the message in an IOV in place (`gss_wrap_iov`, DCE IOV extension of
 * MIT krb5 and Heimdal): encrypts (or only signs) its data buffers, signs
 * its sign-only buffers, and fills its header, padding and trailer. The
 * buffers must be laid out HEADER | [SIGN_ONLY] | DATA | PADDING | TRAILER
 * (the standard layout of {@link IOV}); header, padding and trailer are
 * either allocated by the library (`allocate: true`) or sized beforehand by
 * {@link wrapIovLength}.
 *
 * The IOV's buffers then hold the results: encrypted data, the header and so
 * on (see {@link IOVBuffer}). Sign-only buffers are unchanged.
 *
 * @param context - an established context.
 * @param iov - the message; updated in place.
 * @param options - `confidential`, `qop`.
 * @returns whether the data was encrypted.
 * @throws GSSError (e.g. `GSS_S_FAILURE` when a pre-sized buffer is too small).
 * @example
 * ```ts
 * const iov = new IOV('secret');
 * const encrypted = await wrapIov(ctx, iov);
 * send(iov.concat()); // a token unwrap() accepts
 * ```
 */
export async function wrapIov(context: SecurityContextLike, iov: IOV, options?: WrapIovOptions): Promise<boolean> {
  const [args, marshal] = wrapIovArgs('gss_wrap_iov', context, iov, options);
  return callAsync('wrapIov', args, wrapIovFinish(marshal));
}

/**
 * Synchronous form of {@link wrapIov}.
 *
 * @param context - an established context.
 * @param iov - the message; updated in place.
 * @param options - `confidential`, `qop`.
 * @returns whether the data was encrypted.
 * @example
 * ```ts
 * const iov = new IOV([IOVBufferType.signOnly, 'header'], 'body');
 * wrapIovSync(ctx, iov, { confidential: false });
 * ```
 */
export function wrapIovSync(context: SecurityContextLike, iov: IOV, options?: WrapIovOptions): boolean {
  const [args, marshal] = wrapIovArgs('gss_wrap_iov', context, iov, options);
  return callSync('wrapIov', args, wrapIovFinish(marshal));
}

function unwrapIovArgs(context: unknown, iov: unknown): [NativeArgs['unwrapIov'], IovMarshal] {
  requireSymbol('dce', 'gss_unwrap_iov');
  const native = ctx(context);
  const marshal = IOV.marshal(iov, 'iov');
  return [[native, marshal.buffers], marshal];
}

const unwrapIovFinish =
  (marshal: IovMarshal) =>
  (r: NativeResults['unwrapIov']): IOVUnwrapResult => {
    marshal.apply(r.iov);
    return Object.freeze({ encrypted: r.encrypted === true, qop: r.qop ?? 0 });
  };

/**
 * Checks and opens a wrapped message in an IOV in place (`gss_unwrap_iov`,
 * DCE IOV extension of MIT krb5 and Heimdal): verifies the header, padding
 * and trailer against the data and sign-only buffers, and decrypts the data
 * buffers.
 *
 * Stream form: pass the whole token as one {@link IOVBufferType.stream}
 * buffer followed by one empty {@link IOVBufferType.data} buffer; the data
 * buffer then holds the message (MIT points it into the stream; you get a copy).
 *
 * @param context - an established context.
 * @param iov - the wrapped message; updated in place.
 * @returns whether it was encrypted, and the QOP.
 * @throws BadMICError for a tampered message or sign-only data that differs,
 *   InvalidTokenError for a malformed header, DuplicateTokenError /
 *   TokenTooLateError / TokenTooEarlyError for replays and reordering.
 * @example
 * ```ts
 * // the buffers as wrapIov left them (sent separately, e.g. header and trailer in a PDU)
 * const { encrypted } = await unwrapIov(server, iov);
 * iov.at(1)?.value?.toString(); // the plaintext
 *
 * // the stream form, for a token from wrap() or wrapIov()
 * const stream = new IOV([IOVBufferType.stream, token], IOVBufferType.data);
 * await unwrapIov(server, stream);
 * stream.at(1)?.value; // the message
 * ```
 */
export async function unwrapIov(context: SecurityContextLike, iov: IOV): Promise<IOVUnwrapResult> {
  const [args, marshal] = unwrapIovArgs(context, iov);
  return callAsync('unwrapIov', args, unwrapIovFinish(marshal));
}

/**
 * Synchronous form of {@link unwrapIov}.
 *
 * @param context - an established context.
 * @param iov - the wrapped message; updated in place.
 * @returns whether it was encrypted, and the QOP.
 * @example
 * ```ts
 * const stream = new IOV([IOVBufferType.stream, wrapSync(client, 'hi').message], IOVBufferType.data);
 * unwrapIovSync(server, stream);
 * stream.at(1)?.value?.toString(); // 'hi'
 * ```
 */
export function unwrapIovSync(context: SecurityContextLike, iov: IOV): IOVUnwrapResult {
  const [args, marshal] = unwrapIovArgs(context, iov);
  return callSync('unwrapIov', args, unwrapIovFinish(marshal));
}

const wrapIovLengthFinish =
  (iov: IOV, marshal: IovMarshal) =>
  (r: NativeResults['wrapIovLength']): WrapIovLengthResult => {
    marshal.apply(r.iov);
    return Object.freeze({ iov, encrypted: r.encrypted === true });
  };

/**
 * Sizes the header, padding and trailer buffers of an IOV for
 * {@link wrapIov} with the same options (`gss_wrap_iov_length`, DCE IOV
 * extension): each becomes a zero-filled Buffer of the length the mechanism
 * needs, ready to be written in place. Give the data and sign-only buffers
 * first: the padding depends on their length.
 *
 * @param context - an established context.
 * @param iov - the message; its header, padding and trailer are replaced.
 * @param options - `confidential`, `qop` (as for the wrap that follows).
 * @returns the IOV and whether the wrap would encrypt.
 * @example
 * ```ts
 * const iov = new IOV('payload', { autoAlloc: false });
 * await wrapIovLength(ctx, iov);
 * iov.at(0)?.value?.length; // 32 for AES with confidentiality (16 without)
 * await wrapIov(ctx, iov);   // writes into those buffers
 * ```
 */
export async function wrapIovLength(
  context: SecurityContextLike,
  iov: IOV,
  options?: WrapIovOptions,
): Promise<WrapIovLengthResult> {
  const [args, marshal] = wrapIovArgs('gss_wrap_iov_length', context, iov, options);
  return callAsync('wrapIovLength', args, wrapIovLengthFinish(iov, marshal));
}

/**
 * Synchronous form of {@link wrapIovLength}.
 *
 * @param context - an established context.
 * @param iov - the message; its header, padding and trailer are replaced.
 * @param options - `confidential`, `qop`.
 * @returns the IOV and whether the wrap would encrypt.
 * @example
 * ```ts
 * const { encrypted } = wrapIovLengthSync(ctx, iov, { confidential: false });
 * ```
 */
export function wrapIovLengthSync(
  context: SecurityContextLike,
  iov: IOV,
  options?: WrapIovOptions,
): WrapIovLengthResult {
  const [args, marshal] = wrapIovArgs('gss_wrap_iov_length', context, iov, options);
  return callSync('wrapIovLength', args, wrapIovLengthFinish(iov, marshal));
}

function associatedArg(value: unknown): Uint8Array | undefined {
  return value === undefined || value === null ? undefined : textOrBytesArg(value, 'options.associated');
}

function wrapAeadArgs(
  context: unknown,
  message: unknown,
  options: WrapAeadOptions | undefined,
): NativeArgs['wrapAead'] {
  requireSymbol('dceAead', 'gss_wrap_aead');
  const o = optionsArg(options);
  return [
    ctx(context),
    textOrBytesArg(message, 'message'),
    associatedArg(o.associated),
    booleanArg(o.confidential, 'options.confidential', true),
    uint32Arg(o.qop, 'options.qop', 0),
  ];
}

const wrapAeadFinish = (r: NativeResults['wrapAead']): WrapResult =>
  Object.freeze({ message: r.message ?? Buffer.alloc(0), encrypted: r.encrypted === true });

/**
 * Wraps a message with associated data (`gss_wrap_aead`, DCE AEAD extension
 * of MIT krb5): the token protects both, but carries only the message; the
 * peer gives the same associated data to {@link unwrapAead}. Without
 * associated data the token is an ordinary {@link wrap} token.
 *
 * @param context - an established context.
 * @param message - the message (strings are UTF-8).
 * @param options - `associated`, `confidential`, `qop`.
 * @returns the token and whether the message is encrypted.
 * @example
 * ```ts
 * const { message: token } = await wrapAead(ctx, 'body', { associated: 'routing header' });
 * ```
 */
export async function wrapAead(
  context: SecurityContextLike,
  message: string | Uint8Array,
  options?: WrapAeadOptions,
): Promise<WrapResult> {
  return callAsync('wrapAead', wrapAeadArgs(context, message, options), wrapAeadFinish);
}

/**
 * Synchronous form of {@link wrapAead}.
 *
 * @param context - an established context.
 * @param message - the message.
 * @param options - `associated`, `confidential`, `qop`.
 * @returns the token and whether the message is encrypted.
 * @example
 * ```ts
 * const { message: token, encrypted } = wrapAeadSync(ctx, 'body', { associated: 'aad' });
 * ```
 */
export function wrapAeadSync(
  context: SecurityContextLike,
  message: string | Uint8Array,
  options?: WrapAeadOptions,
): WrapResult {
  return callSync('wrapAead', wrapAeadArgs(context, message, options), wrapAeadFinish);
}

function unwrapAeadArgs(
  context: unknown,
  message: unknown,
  options: UnwrapAeadOptions | undefined,
): NativeArgs['unwrapAead'] {
  requireSymbol('dceAead', 'gss_unwrap_aead');
  const o = optionsArg(options);
  return [ctx(context), bytesArg(message, 'message'), associatedArg(o.associated)];
}

const unwrapAeadFinish = (r: NativeResults['unwrapAead']): UnwrapResult =>
  Object.freeze({ message: r.message ?? Buffer.alloc(0), encrypted: r.encrypted === true, qop: r.qop ?? 0 });

/**
 * Checks and opens a token from {@link wrapAead} (`gss_unwrap_aead`, DCE
 * AEAD extension of MIT krb5), given the same associated data.
 *
 * @param context - an established context.
 * @param message - the token from the peer.
 * @param options - `associated`.
 * @returns the message, whether it was encrypted, and the QOP.
 * @throws BadMICError when the associated data (or the token) differs from the peer's.
 * @example
 * ```ts
 * const { message } = await unwrapAead(ctx, token, { associated: 'routing header' });
 * ```
 */
export async function unwrapAead(
  context: SecurityContextLike,
  message: Uint8Array,
  options?: UnwrapAeadOptions,
): Promise<UnwrapResult> {
  return callAsync('unwrapAead', unwrapAeadArgs(context, message, options), unwrapAeadFinish);
}

/**
 * Synchronous form of {@link unwrapAead}.
 *
 * @param context - an established context.
 * @param message - the token from the peer.
 * @param options - `associated`.
 * @returns the message, whether it was encrypted, and the QOP.
 * @example
 * ```ts
 * unwrapAeadSync(ctx, token, { associated: 'aad' }).message.toString(); // 'body'
 * ```
 */
export function unwrapAeadSync(
  context: SecurityContextLike,
  message: Uint8Array,
  options?: UnwrapAeadOptions,
): UnwrapResult {
  return callSync('unwrapAead', unwrapAeadArgs(context, message, options), unwrapAeadFinish);
}
