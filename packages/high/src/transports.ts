/**
 * Framing adapters that turn a byte stream (a `net.Socket`, a TLS socket,
 * any Duplex) into a {@link Transport} of tokens: 4-byte big-endian length
 * prefixes ({@link lengthPrefixedTransport}) or MIT's gss-sample frames
 * ({@link gssSampleTransport}), plus an in-memory pair for tests
 * ({@link memoryTransportPair}).
 *
 * @module
 */
import type { Duplex } from 'node:stream';
import { abortError } from './errors.js';
import type { ReceiveOptions, Transport } from './negotiate.js';
import { raceAbort, signalArg } from './steps.js';

/**
 * A {@link Transport} over a stream that can also be iterated (`for await`)
 * for the peer's frames, e.g. as the `incoming` of {@link SecurityContext.steps}.
 *
 * @example
 * ```ts
 * const transport: FramedTransport = lengthPrefixedTransport(socket);
 * for await (const token of ctx.steps(transport)) await transport.send(token);
 * await transport.send(ctx.encryptSync('hello'));
 * ```
 */
export interface FramedTransport extends Transport, AsyncIterable<Buffer> {
  /**
   * Writes one frame; resolves once the stream took it.
   *
   * @param data - the payload.
   * @example
   * ```ts
   * await transport.send(token);
   * ```
   */
  send(data: Uint8Array): Promise<void>;
  /**
   * The next frame's payload; undefined when the stream ended cleanly
   * between frames. Rejects when it ends inside a frame, on a frame longer
   * than `maxLength`, on a stream error, or with an `AbortError` (a frame
   * arriving afterwards is kept for the next call).
   *
   * @param options - `signal`.
   * @returns the payload, or undefined at the end.
   * @example
   * ```ts
   * const reply = await transport.receive({ signal: AbortSignal.timeout(5000) });
   * ```
   */
  receive(options?: ReceiveOptions): Promise<Buffer | undefined>;
  /**
   * Stops reading from the stream (removes this adapter's listeners); bytes
   * not yet read stay in the stream. The stream is not closed.
   *
   * @example
   * ```ts
   * transport.detach();
   * socket.pipe(somewhereElse);
   * ```
   */
  detach(): void;
}

/**
 * Options of the framing adapters.
 *
 * @example
 * ```ts
 * lengthPrefixedTransport(socket, { maxLength: 1 << 20 });
 * ```
 */
export interface FramingOptions {
  /**
   * The longest frame accepted from the peer, in bytes (default 16 MiB):
   * protects against a hostile length field.
   *
   * @example
   * ```ts
   * gssSampleTransport(socket, { maxLength: 65536 });
   * ```
   */
  maxLength?: number;
}

/**
 * The flag bits of MIT gss-sample frames (gss-misc.h).
 *
 * @example
 * ```ts
 * await transport.sendFrame(GssSampleFlag.noop | GssSampleFlag.contextNext); // the client's opening frame
 * ```
 */
export const GssSampleFlag: Readonly<{
  /** 0x01: no operation; an empty NOOP opens (with contextNext) and closes a session. */
  noop: number;
  /** 0x02: a context establishment token. */
  context: number;
  /** 0x04: application data. */
  data: number;
  /** 0x08: a MIC. */
  mic: number;
  /** 0x10: context establishment follows. */
  contextNext: number;
  /** 0x20: the data is wrapped. */
  wrapped: number;
  /** 0x40: the data is encrypted. */
  encrypted: number;
  /** 0x80: the sender wants a MIC back. */
  sendMic: number;
}> = Object.freeze({
  noop: 0x01,
  context: 0x02,
  data: 0x04,
  mic: 0x08,
  contextNext: 0x10,
  wrapped: 0x20,
  encrypted: 0x40,
  sendMic: 0x80,
});

/**
 * One gss-sample frame.
 *
 * @example
 * ```ts
 * const { flags, data }: GssSampleFrame = (await transport.receiveFrame())!;
 * if (flags & GssSampleFlag.wrapped) console.log(ctx.unwrapSync(data).message.toString());
 * ```
 */
export interface GssSampleFrame {
  /**
   * The flag byte ({@link GssSampleFlag} bits; 0 for a version 1 frame without one).
   *
   * @example
   * ```ts
   * (frame.flags & GssSampleFlag.sendMic) !== 0; // the peer wants a MIC back
   * ```
   */
  readonly flags: number;
  /**
   * The payload.
   *
   * @example
   * ```ts
   * ctx.unwrapSync(frame.data).message.toString(); // 'testmsg'
   * ```
   */
  readonly data: Buffer;
}

/**
 * A {@link FramedTransport} speaking MIT's gss-sample protocol: frames of a
 * flag byte, a 4-byte big-endian length and the data. `send()` writes
 * context tokens (flag 0x02); `receive()` returns the next frame's data,
 * skipping empty NOOP frames (the client's 0x11 opening). The message phase
 * uses {@link GssSampleTransport.sendFrame} / {@link GssSampleTransport.receiveFrame}.
 *
 * @example
 * ```ts
 * const t: GssSampleTransport = gssSampleTransport(socket);
 * await t.sendFrame(GssSampleFlag.noop | GssSampleFlag.contextNext);
 * for await (const token of ctx.steps(t)) await t.send(token);
 * await t.sendFrame(GssSampleFlag.data | GssSampleFlag.wrapped | GssSampleFlag.encrypted | GssSampleFlag.sendMic,
 *   ctx.encryptSync('testmsg'));
 * ```
 */
export interface GssSampleTransport extends FramedTransport {
  /**
   * Writes a frame with the given flags.
   *
   * @param flags - the flag byte ({@link GssSampleFlag} bits).
   * @param data - the payload (default empty).
   * @example
   * ```ts
   * await t.sendFrame(GssSampleFlag.noop); // end of session
   * ```
   */
  sendFrame(flags: number, data?: Uint8Array): Promise<void>;
  /**
   * The next frame with its flags; undefined when the stream ended between frames.
   *
   * @param options - `signal`.
   * @returns the frame.
   * @example
   * ```ts
   * const frame = await t.receiveFrame();
   * if (frame?.flags === GssSampleFlag.mic) ctx.verifySignatureSync('testmsg', frame.data);
   * ```
   */
  receiveFrame(options?: ReceiveOptions): Promise<GssSampleFrame | undefined>;
}

const DEFAULT_MAX = 16 * 1024 * 1024;

function maxLengthArg(options: FramingOptions | undefined): number {
  const max = options?.maxLength ?? DEFAULT_MAX;
  if (typeof max !== 'number' || !Number.isInteger(max) || max < 0 || max > 0xffffffff) {
    throw new RangeError('options.maxLength must be an integer from 0 to 4294967295');
  }
  return max;
}

function streamArg(stream: unknown): Duplex {
  const s = stream as Partial<Duplex> | null;
  if (s === null || typeof s !== 'object' || typeof s.read !== 'function' || typeof s.write !== 'function') {
    throw new TypeError('stream must be a Duplex stream (a net.Socket, a TLS socket, ...)');
  }
  return stream as Duplex;
}

/** Reads exact byte counts from a paused stream, never more than asked for. */
class ExactReader {
  readonly #stream: Duplex;
  #want: { size: number; resolve: (b: Buffer | null) => void; reject: (e: Error) => void } | undefined;
  #ended = false;
  #error: Error | undefined;
  readonly #onReadable = () => this.#pump();
  readonly #onEnd = () => {
    this.#ended = true;
    this.#pump();
  };
  readonly #onError = (error: Error) => {
    this.#error = error;
    this.#pump();
  };
  readonly #onClose = () => {
    this.#ended = true;
    this.#pump();
  };

  constructor(stream: Duplex) {
    this.#stream = stream;
    stream.on('readable', this.#onReadable);
    stream.on('end', this.#onEnd);
    stream.on('error', this.#onError);
    stream.on('close', this.#onClose);
    if (stream.readableEnded) this.#ended = true;
  }

  detach(): void {
    this.#stream.off('readable', this.#onReadable);
    this.#stream.off('end', this.#onEnd);
    this.#stream.off('error', this.#onError);
    this.#stream.off('close', this.#onClose);
  }

  /** Exactly `size` bytes; null when the stream ends before the first byte of them. */
  read(size: number): Promise<Buffer | null> {
    if (size === 0) return Promise.resolve(Buffer.alloc(0));
    return new Promise((resolve, reject) => {
      this.#want = { size, resolve, reject };
      this.#pump();
    });
  }

  #pump(): void {
    const want = this.#want;
    if (!want) return;
    const chunk = this.#stream.read(want.size) as Buffer | null;
    if (chunk !== null) {
      this.#want = undefined;
      if (chunk.length === want.size) want.resolve(chunk);
      else want.reject(new Error(`the stream ended inside a frame (${chunk.length} of ${want.size} bytes)`));
      return;
    }
    if (this.#error) {
      this.#want = undefined;
      want.reject(this.#error);
    } else if (this.#ended || this.#stream.destroyed) {
      this.#want = undefined;
      want.resolve(null);
    }
  }
}

/** Shared machinery: frames read one at a time, a frame read under an aborted wait kept for the next call. */
abstract class StreamFraming<F> {
  protected readonly reader: ExactReader;
  protected readonly stream: Duplex;
  protected readonly maxLength: number;
  #chain: Promise<unknown> = Promise.resolve();
  #pending: Promise<F | undefined> | undefined;

  constructor(stream: Duplex, options: FramingOptions | undefined) {
    this.stream = streamArg(stream);
    this.maxLength = maxLengthArg(options);
    this.reader = new ExactReader(this.stream);
  }

  protected abstract readFrame(): Promise<F | undefined>;

  protected checkLength(length: number): void {
    if (length > this.maxLength) {
      throw new RangeError(`the peer sent a frame of ${length} bytes, more than maxLength (${this.maxLength})`);
    }
  }

  protected async bodyOf(length: number): Promise<Buffer> {
    this.checkLength(length);
    const body = await this.reader.read(length);
    if (body === null) throw new Error(`the stream ended inside a frame (0 of ${length} bytes)`);
    return body;
  }

  protected nextFrame(options: ReceiveOptions | undefined): Promise<F | undefined> {
    const signal = signalArg(options?.signal);
    if (signal?.aborted) return Promise.reject(abortError(signal));
    const turn = this.#chain.then(async () => {
      this.#pending ??= this.readFrame();
      const frame = await raceAbort(this.#pending, signal);
      this.#pending = undefined;
      return frame;
    });
    this.#chain = turn.catch(() => undefined);
    return turn;
  }

  protected write(bytes: Buffer): Promise<void> {
    return new Promise((resolve, reject) => {
      this.stream.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }

  detach(): void {
    this.reader.detach();
  }
}

class LengthPrefixed extends StreamFraming<Buffer> implements FramedTransport {
  protected async readFrame(): Promise<Buffer | undefined> {
    const header = await this.reader.read(4);
    if (header === null) return undefined;
    return this.bodyOf(header.readUInt32BE(0));
  }

  send(data: Uint8Array): Promise<void> {
    if (!(data instanceof Uint8Array)) return Promise.reject(new TypeError('data must be a Uint8Array'));
    const frame = Buffer.allocUnsafe(4 + data.byteLength);
    frame.writeUInt32BE(data.byteLength, 0);
    frame.set(data, 4);
    return this.write(frame);
  }

  receive(options?: ReceiveOptions): Promise<Buffer | undefined> {
    return this.nextFrame(options);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const frame = await this.receive();
      if (frame === undefined) return;
      yield frame;
    }
  }
}

class GssSample extends StreamFraming<GssSampleFrame> implements GssSampleTransport {
  protected async readFrame(): Promise<GssSampleFrame | undefined> {
    const flag = await this.reader.read(1);
    if (flag === null) return undefined;
    const flags = flag[0] as number;
    if (flags === 0) {
      // Version 1: no flag byte; this zero was the top byte of the length.
      const rest = await this.reader.read(3);
      if (rest === null) throw new Error('the stream ended inside a frame header');
      return Object.freeze({ flags: 0, data: await this.bodyOf(rest.readUIntBE(0, 3)) });
    }
    const length = await this.reader.read(4);
    if (length === null) throw new Error('the stream ended inside a frame header');
    return Object.freeze({ flags, data: await this.bodyOf(length.readUInt32BE(0)) });
  }

  sendFrame(flags: number, data: Uint8Array = Buffer.alloc(0)): Promise<void> {
    if (!Number.isInteger(flags) || flags < 0 || flags > 0xff) {
      return Promise.reject(new RangeError('flags must be an integer from 0 to 255'));
    }
    if (!(data instanceof Uint8Array)) return Promise.reject(new TypeError('data must be a Uint8Array'));
    const frame = Buffer.allocUnsafe(5 + data.byteLength);
    frame[0] = flags;
    frame.writeUInt32BE(data.byteLength, 1);
    frame.set(data, 5);
    return this.write(frame);
  }

  receiveFrame(options?: ReceiveOptions): Promise<GssSampleFrame | undefined> {
    return this.nextFrame(options);
  }

  send(data: Uint8Array): Promise<void> {
    return this.sendFrame(GssSampleFlag.context, data);
  }

  async receive(options?: ReceiveOptions): Promise<Buffer | undefined> {
    for (;;) {
      const frame = await this.receiveFrame(options);
      if (frame === undefined) return undefined;
      if (frame.data.length === 0 && (frame.flags & GssSampleFlag.noop) !== 0) continue;
      return frame.data;
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const data = await this.receive();
      if (data === undefined) return;
      yield data;
    }
  }
}

/**
 * Frames tokens on a byte stream as a 4-byte big-endian length followed by
 * the token (the framing of many GSSAPI protocols, and of gss-sample's
 * version 1 without a flag byte).
 *
 * @param stream - a Duplex (e.g. a `net.Socket`); read in paused mode, never past the frames asked for.
 * @param options - `maxLength`.
 * @returns the transport.
 * @example
 * ```ts
 * import { connect } from 'node:net';
 * const socket = connect(4444, '127.0.0.1');
 * const transport = lengthPrefixedTransport(socket);
 * await lastValueFrom(negotiate(client, transport));
 * ```
 */
export function lengthPrefixedTransport(stream: Duplex, options?: FramingOptions): FramedTransport {
  return new LengthPrefixed(stream, options);
}

/**
 * Frames tokens as MIT's gss-sample programs do (`gss-client` / `gss-server`
 * from krb5-gss-samples): a flag byte, a 4-byte big-endian length, the data.
 *
 * @param stream - a Duplex (e.g. a `net.Socket`).
 * @param options - `maxLength`.
 * @returns the transport.
 * @example
 * ```ts
 * const t = gssSampleTransport(socket); // talking to `gss-server -port 4444 host@localhost`
 * await t.sendFrame(GssSampleFlag.noop | GssSampleFlag.contextNext);
 * await lastValueFrom(negotiate(client, t));
 * ```
 */
export function gssSampleTransport(stream: Duplex, options?: FramingOptions): GssSampleTransport {
  return new GssSample(stream, options);
}

/**
 * One end of {@link memoryTransportPair}.
 *
 * @example
 * ```ts
 * const [a, b]: [MemoryTransport, MemoryTransport] = memoryTransportPair();
 * ```
 */
export interface MemoryTransport extends Transport, AsyncIterable<Buffer> {
  /**
   * Queues a copy of `token` for the other end.
   *
   * @param token - the token.
   * @example
   * ```ts
   * await a.send(Buffer.from('hi'));
   * ```
   */
  send(token: Uint8Array): Promise<void>;
  /**
   * The next token from the other end; undefined once it closed and nothing is left.
   *
   * @param options - `signal`.
   * @returns the token.
   * @example
   * ```ts
   * await b.receive(); // <Buffer 68 69>
   * ```
   */
  receive(options?: ReceiveOptions): Promise<Buffer | undefined>;
  /**
   * Ends this direction: the other end receives undefined after the queued tokens.
   *
   * @example
   * ```ts
   * a.close();
   * ```
   */
  close(): void;
}

class MemoryEnd implements MemoryTransport {
  readonly #queue: Buffer[] = [];
  readonly #waiters: ((token: Buffer | undefined) => void)[] = [];
  #closed = false;
  peer!: MemoryEnd;

  deliver(token: Buffer | undefined): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(token);
    else if (token === undefined) this.#closed = true;
    else this.#queue.push(token);
    if (token === undefined) {
      this.#closed = true;
      for (const w of this.#waiters.splice(0)) w(undefined);
    }
  }

  async send(token: Uint8Array): Promise<void> {
    if (!(token instanceof Uint8Array)) throw new TypeError('token must be a Uint8Array');
    this.peer.deliver(Buffer.from(token));
  }

  receive(options?: ReceiveOptions): Promise<Buffer | undefined> {
    const signal = signalArg(options?.signal);
    const queued = this.#queue.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#closed) return Promise.resolve(undefined);
    let waiter!: (token: Buffer | undefined) => void;
    const next = new Promise<Buffer | undefined>((resolve) => {
      waiter = resolve;
      this.#waiters.push(resolve);
    });
    return raceAbort(next, signal, () => {
      const i = this.#waiters.indexOf(waiter);
      if (i >= 0) this.#waiters.splice(i, 1);
    });
  }

  close(): void {
    this.peer.deliver(undefined);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const token = await this.receive();
      if (token === undefined) return;
      yield token;
    }
  }
}

/**
 * Two connected in-memory transports: what one sends, the other receives.
 * For tests and for running both sides in one process.
 *
 * @returns the two ends.
 * @example
 * ```ts
 * const [clientEnd, serverEnd] = memoryTransportPair();
 * await Promise.all([
 *   (async () => { for await (const t of client.steps(clientEnd)) await clientEnd.send(t); })(),
 *   (async () => { for await (const t of server.steps(serverEnd)) await serverEnd.send(t); })(),
 * ]);
 * ```
 */
export function memoryTransportPair(): [MemoryTransport, MemoryTransport] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}
