/**
 * {@link SecurityContext}: an initiator's or acceptor's GSSAPI security
 * context, stepped with {@link SecurityContext.step} or
 * {@link SecurityContext.steps}, with lazy properties and per-message
 * protection.
 *
 * @module
 */
import { inspect } from 'node:util';
import * as raw from '@gssapi/raw';
import {
  type ChannelBindings,
  type CredsLike,
  ExpiredContextError,
  FlagSet,
  type FlagsInput,
  GSSError,
  MissingContextError,
  type NameLike,
  OID,
  RequirementFlag,
} from '@gssapi/raw';
import { Credentials, credentialsName } from './creds.js';
import {
  type ContextState,
  ContextStateError,
  EncryptionNotUsed,
  MissingFlagsError,
  NegotiationIncompleteError,
  UnknownUsageError,
} from './errors.js';
import { Mechanism } from './mechs.js';
import { Name } from './names.js';
import { openTokens, raceAbort, signalArg, type TokenIterator, type TokenSource } from './steps.js';

/**
 * The role of a security context.
 *
 * @example
 * ```ts
 * const usage: ContextUsage = ctx.usage; // 'initiate' or 'accept'
 * ```
 */
export type ContextUsage = 'initiate' | 'accept';

/**
 * The flags an initiator requests when `flags` is not given: mutual
 * authentication, sequence detection, confidentiality and integrity.
 *
 * @example
 * ```ts
 * DEFAULT_FLAGS.names(); // ['mutualAuthentication', 'outOfSequenceDetection', 'confidentiality', 'integrity']
 * new SecurityContext({ name, flags: DEFAULT_FLAGS.with('delegateToPeer') });
 * ```
 */
export const DEFAULT_FLAGS: FlagSet = FlagSet.from([
  RequirementFlag.mutualAuthentication,
  RequirementFlag.outOfSequenceDetection,
  RequirementFlag.confidentiality,
  RequirementFlag.integrity,
]);

/**
 * Options of a new {@link SecurityContext}.
 *
 * @example
 * ```ts
 * const options: SecurityContextOptions = {
 *   name: new Name('HTTP@www.example.com', NameType.hostbasedService),
 *   mech: MechType.spnego,
 *   requireFlags: ['mutualAuthentication', 'confidentiality'],
 * };
 * ```
 */
export interface SecurityContextOptions {
  /**
   * The target (the acceptor's name); required for an initiator, not allowed for an acceptor.
   *
   * @example
   * ```ts
   * new SecurityContext({ name: new Name('host@localhost', NameType.hostbasedService) });
   * ```
   */
  name?: NameLike;
  /**
   * The credentials (default: the default ones: the ticket cache for an
   * initiator, any keytab key for an acceptor).
   *
   * @example
   * ```ts
   * new SecurityContext({ creds: await Credentials.acquire({ usage: 'accept' }) });
   * ```
   */
  creds?: CredsLike | null;
  /**
   * Services to request (initiator only). Default {@link DEFAULT_FLAGS};
   * `[]` requests none. `requireFlags` are always requested too.
   *
   * @example
   * ```ts
   * new SecurityContext({ name, flags: ['mutualAuthentication', 'delegateToPeer'] });
   * ```
   */
  flags?: FlagsInput;
  /**
   * The mechanism (initiator only; default: the library's default, Kerberos with MIT).
   *
   * @example
   * ```ts
   * new SecurityContext({ name, mech: MechType.spnego });
   * ```
   */
  mech?: raw.OID | null;
  /**
   * Requested lifetime in seconds (initiator only; default Infinity).
   *
   * @example
   * ```ts
   * new SecurityContext({ name, lifetime: 3600 });
   * ```
   */
  lifetime?: number;
  /**
   * Channel bindings, e.g. {@link ChannelBindings.tlsServerEndPoint}; both sides must give the same.
   *
   * @example
   * ```ts
   * new SecurityContext({ name, channelBindings: ChannelBindings.tlsServerEndPoint(certHash) });
   * ```
   */
  channelBindings?: ChannelBindings | null;
  /**
   * The role. Default: the credentials' usage when it is not `'both'`, else
   * `'initiate'` when a `name` is given, else `'accept'` (python-gssapi's rule).
   *
   * @example
   * ```ts
   * new SecurityContext({ usage: 'accept' });
   * ```
   */
  usage?: ContextUsage;
  /**
   * Flags the completed context must have: completion throws
   * {@link MissingFlagsError} (and deletes the context) when the peer did
   * not grant one of them.
   *
   * @example
   * ```ts
   * new SecurityContext({ name, requireFlags: ['mutualAuthentication', 'confidentiality'] });
   * ```
   */
  requireFlags?: FlagsInput;
}

/**
 * Options of {@link SecurityContext.step} and {@link SecurityContext.steps}.
 *
 * @example
 * ```ts
 * await ctx.step(token, { signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface StepOptions {
  /**
   * Cancels the step: the promise rejects with an `AbortError` and the
   * context becomes unusable (a call already running on a worker thread
   * finishes there, then the context is deleted).
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * setTimeout(() => controller.abort(), 1000);
   * await ctx.step(undefined, { signal: controller.signal });
   * ```
   */
  signal?: AbortSignal;
}

/**
 * Options of {@link SecurityContext.delete}.
 *
 * @example
 * ```ts
 * await ctx.delete({ localOnly: true });
 * ```
 */
export interface DeleteOptions {
  /**
   * Delete only locally (default true).
   *
   * @example
   * ```ts
   * ctx.deleteSync({ localOnly: true });
   * ```
   */
  localOnly?: boolean;
}

/**
 * All of a context's properties at once ({@link SecurityContext.inquire}).
 *
 * @example
 * ```ts
 * const { initiatorName, mech, flags, complete }: ContextInfo = ctx.inquireSync();
 * ```
 */
export interface ContextInfo {
  /**
   * The initiator (undefined while the mechanism does not know it yet).
   *
   * @example
   * ```ts
   * `${ctx.inquireSync().initiatorName}`; // 'user@KRBTEST.COM'
   * ```
   */
  readonly initiatorName: Name | undefined;
  /**
   * The acceptor (undefined while the mechanism does not know it yet).
   *
   * @example
   * ```ts
   * `${ctx.inquireSync().targetName}`; // 'host/localhost@KRBTEST.COM'
   * ```
   */
  readonly targetName: Name | undefined;
  /**
   * Seconds left (Infinity: indefinite; 0 expired or not yet established).
   *
   * @example
   * ```ts
   * ctx.inquireSync().lifetime; // 86399
   * ```
   */
  readonly lifetime: number | undefined;
  /**
   * The mechanism.
   *
   * @example
   * ```ts
   * ctx.inquireSync().mech?.equals(MechType.kerberos); // true
   * ```
   */
  readonly mech: Mechanism | undefined;
  /**
   * The services the context offers.
   *
   * @example
   * ```ts
   * ctx.inquireSync().flags?.has('confidentiality'); // true
   * ```
   */
  readonly flags: FlagSet | undefined;
  /**
   * Whether this side initiated it.
   *
   * @example
   * ```ts
   * client.inquireSync().locallyInitiated; // true
   * ```
   */
  readonly locallyInitiated: boolean | undefined;
  /**
   * Whether establishment has finished.
   *
   * @example
   * ```ts
   * ctx.inquireSync().complete; // true
   * ```
   */
  readonly complete: boolean | undefined;
}

const NTLM = OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10');
const EMPTY = Buffer.alloc(0);
const INITIATOR_ONLY = ['name', 'flags', 'mech', 'lifetime'] as const;

type StepResult = raw.InitSecContextResult | raw.AcceptSecContextResult;
type Cached<T> = { value: T } | undefined;

function tokenArg(token: unknown): Uint8Array | undefined {
  if (token === undefined || token === null) return undefined;
  if (!(token instanceof Uint8Array))
    throw new TypeError('token must be a Uint8Array (or undefined for the first step)');
  return token;
}

function isTerminal(state: ContextState): boolean {
  return state === 'failed' || state === 'aborted' || state === 'exported' || state === 'deleted';
}

/**
 * A GSSAPI security context, as initiator (client) or acceptor (server).
 *
 * Establishment: call {@link SecurityContext.step} with the peer's last
 * token (none on the initiator's first step) and send what it returns until
 * {@link SecurityContext.complete}; or let {@link SecurityContext.steps}
 * (`for await`) or {@link negotiate} run the loop. A failed step throws the
 * {@link GSSError}, with the token for the peer in `error.token` when the
 * mechanism made one; the context then stays failed.
 *
 * Properties (`initiatorName`, `mech`, `actualFlags`, ...) are read lazily
 * with `gss_inquire_context` and cached once they can no longer change.
 * Every GSSAPI operation exists as `op()` (Promise, on a worker thread) and
 * `opSync()`; async operations on one context run one at a time, in call order.
 *
 * @example
 * ```ts
 * import { Credentials, Name, NameType, SecurityContext } from '@gssapi/high';
 * const server = new SecurityContext({ creds: await Credentials.acquire({ usage: 'accept' }) });
 * const client = new SecurityContext({ name: new Name('host@localhost', NameType.hostbasedService) });
 * let token = await client.step();
 * while (token) {
 *   const reply = await server.step(token);
 *   token = reply && !client.complete ? await client.step(reply) : undefined;
 * }
 * `${server.initiatorName}`; // 'user@KRBTEST.COM'
 * const sealed = client.encryptSync(Buffer.from('hi'));
 * server.decryptSync(sealed).toString(); // 'hi'
 * ```
 */
export class SecurityContext implements Disposable {
  readonly #usage: ContextUsage;
  #stepping = false; // a step() is queued or running
  #raw: raw.SecurityContext | undefined;
  #state: ContextState;
  #failure: Error | undefined;
  readonly #target: NameLike | undefined;
  readonly #creds: CredsLike | undefined;
  readonly #flags: FlagSet;
  readonly #required: FlagSet;
  readonly #mech: raw.OID | undefined;
  readonly #lifetime: number | undefined;
  readonly #bindings: ChannelBindings | undefined;
  #last: { mech: raw.OID | undefined; flags: FlagSet; lifetime: number } | undefined;
  #delegated: Credentials | undefined;
  #initiatorName: Cached<Name | undefined>;
  #targetName: Cached<Name | undefined>;
  #mechCache: Cached<Mechanism | undefined>;
  #flagsCache: Cached<FlagSet>;
  #locallyInit: Cached<boolean>;
  #tail: Promise<unknown> = Promise.resolve();
  #queued = 0;
  #inFlight = false;

  /**
   * A new context (or, given a raw context, a wrapper around it: see
   * {@link SecurityContext.fromRaw}).
   *
   * @param options - `name`, `creds`, `flags`, `mech`, `lifetime`, `channelBindings`, `usage`, `requireFlags`.
   * @throws UnknownUsageError for a `usage` other than `'initiate'` / `'accept'`; TypeError for an
   *   initiator without `name` or an acceptor with initiator options.
   * @example
   * ```ts
   * const client = new SecurityContext({ name: target, flags: ['mutualAuthentication'], mech: MechType.kerberos });
   * const server = new SecurityContext({ usage: 'accept', creds: serverCreds });
   * ```
   */
  constructor(options: SecurityContextOptions | raw.SecurityContext = {}) {
    if (options instanceof raw.SecurityContext) {
      const info = SecurityContext.#describeRaw(options);
      this.#usage = info.usage;
      this.#raw = options;
      this.#state = 'complete';
      this.#flags = FlagSet.from(0);
      this.#required = FlagSet.from(0);
      return;
    }
    if (options === null || typeof options !== 'object') throw new TypeError('options must be an object');
    const o = options;
    this.#usage = SecurityContext.#inferUsage(o);
    this.#state = 'new';
    this.#creds = o.creds ?? undefined;
    this.#bindings = o.channelBindings ?? undefined;
    this.#required = FlagSet.from(o.requireFlags ?? 0, 'options.requireFlags');
    if (this.#usage === 'initiate') {
      if (o.name === undefined || o.name === null) {
        throw new TypeError('an initiator needs options.name (the target, e.g. a hostbased service name)');
      }
      this.#target = o.name;
      this.#flags = FlagSet.from(o.flags ?? DEFAULT_FLAGS, 'options.flags').union(this.#required);
      this.#mech = o.mech ?? undefined;
      this.#lifetime = o.lifetime;
    } else {
      for (const key of INITIATOR_ONLY) {
        if (o[key] !== undefined && o[key] !== null) {
          throw new TypeError(
            `options.${key} is for initiators; an acceptor takes creds, channelBindings and requireFlags`,
          );
        }
      }
      this.#flags = FlagSet.from(0);
    }
  }

  static #inferUsage(o: SecurityContextOptions): ContextUsage {
    if (o.usage !== undefined) {
      if (o.usage === 'initiate' || o.usage === 'accept') return o.usage;
      throw new UnknownUsageError('security context', `usage must be 'initiate' or 'accept' (got ${String(o.usage)})`);
    }
    if (o.creds !== undefined && o.creds !== null) {
      const usage = raw.inquireCredSync(o.creds, { name: false, lifetime: false, mechs: false }).usage;
      if (usage === 'initiate' || usage === 'accept') return usage;
    }
    return o.name !== undefined && o.name !== null ? 'initiate' : 'accept';
  }

  static #describeRaw(context: raw.SecurityContext): { usage: ContextUsage } {
    if (context.released) throw new TypeError('context has been released');
    if (!context.started) {
      throw new UnknownUsageError(
        'security context',
        'the raw context holds no GSSAPI context (not started, exported or deleted)',
      );
    }
    const r = raw.inquireContextSync(context, {
      initiatorName: false,
      targetName: false,
      lifetime: false,
      mech: false,
      flags: false,
    });
    if (!r.complete) {
      throw new UnknownUsageError('security context', 'the raw context is not established yet');
    }
    return { usage: r.locallyInit ? 'initiate' : 'accept' };
  }

  /**
   * Wraps an established raw context (not copied: {@link SecurityContext.raw}
   * is the same object); the usage comes from the context.
   *
   * @param context - the raw context.
   * @returns the high-level context.
   * @throws UnknownUsageError when the raw context is not established.
   * @example
   * ```ts
   * const ctx = SecurityContext.fromRaw(establishedRawContext);
   * ctx.usage; // 'initiate'
   * ```
   */
  static fromRaw(context: raw.SecurityContext): SecurityContext {
    if (!(context instanceof raw.SecurityContext)) throw new TypeError('context must be a raw SecurityContext');
    return new SecurityContext(context);
  }

  /**
   * Rebuilds a context from {@link SecurityContext.export}'s token
   * (`gss_import_sec_context`), e.g. in a worker thread or another process.
   *
   * @param token - the exported context.
   * @returns the context.
   * @throws InvalidTokenError for a token that is not an exported context.
   * @example
   * ```ts
   * // in a worker_thread
   * parentPort.on('message', async (token) => {
   *   const ctx = await SecurityContext.import(token);
   *   parentPort.postMessage(ctx.wrapSync('from the worker').message);
   * });
   * ```
   */
  static async import(token: Uint8Array): Promise<SecurityContext> {
    return new SecurityContext(await raw.importSecContext(token));
  }

  /**
   * Synchronous form of {@link SecurityContext.import}.
   *
   * @param token - the exported context.
   * @returns the context.
   * @example
   * ```ts
   * const ctx = SecurityContext.importSync(token);
   * ```
   */
  static importSync(token: Uint8Array): SecurityContext {
    return new SecurityContext(raw.importSecContextSync(token));
  }

  /**
   * The raw context this object wraps, for the raw functions (which also
   * take the high-level context itself).
   *
   * @throws ContextStateError before the first step (there is no GSSAPI context yet).
   * @example
   * ```ts
   * inquireContextSync(ctx.raw).complete === ctx.complete; // true
   * ```
   */
  get raw(): raw.SecurityContext {
    if (!this.#raw) {
      throw new ContextStateError(this.#state, 'the security context has no raw context yet: call step() first');
    }
    return this.#raw;
  }

  /**
   * Whether this is an initiator or an acceptor.
   *
   * @example
   * ```ts
   * new SecurityContext({ name }).usage; // 'initiate'
   * ```
   */
  get usage(): ContextUsage {
    return this.#usage;
  }

  /**
   * Where the context is in its life: `'new'`, `'partial'`, `'complete'`,
   * `'failed'`, `'aborted'`, `'exported'` or `'deleted'`.
   *
   * @example
   * ```ts
   * ctx.state; // 'new' before the first step
   * ```
   */
  get state(): ContextState {
    return this.#state;
  }

  /**
   * The flags this initiator requests (`flags` plus `requireFlags`); empty for an acceptor.
   *
   * @example
   * ```ts
   * new SecurityContext({ name }).requestedFlags.equals(DEFAULT_FLAGS); // true
   * ```
   */
  get requestedFlags(): FlagSet {
    return this.#flags;
  }

  /**
   * The flags completion requires (`requireFlags`).
   *
   * @example
   * ```ts
   * new SecurityContext({ name, requireFlags: ['confidentiality'] }).requiredFlags.names(); // ['confidentiality']
   * ```
   */
  get requiredFlags(): FlagSet {
    return this.#required;
  }

  // ------------------------------------------------------------------ state checks

  #deadError(what: string): Error {
    if (this.#failure) return this.#failure;
    return new ContextStateError(this.#state, `Cannot ${what}: the security context has been ${this.#state}`);
  }

  /** The raw context for a property read; throws when there is none to read. */
  #readable(prop: string): raw.SecurityContext {
    if (isTerminal(this.#state)) throw this.#deadError(`read ${prop}`);
    if (!this.#raw) {
      throw new ContextStateError(
        'new',
        `Cannot read ${prop} from a security context whose establishment has not started yet (call step() first)`,
      );
    }
    return this.#raw;
  }

  /** The raw context for a call; throws when the context cannot take one. */
  #usable(op: string): raw.SecurityContext {
    if (isTerminal(this.#state)) throw this.#deadError(op);
    if (!this.#raw) {
      throw new ContextStateError('new', `Cannot ${op}: the security context is not established (call step() first)`);
    }
    return this.#raw;
  }

  // Only an established context can be imported back (SecurityContext.import
  // needs to know its role), so a partial one is not exported and lost.
  #exportable(): raw.SecurityContext {
    const ctx = this.#usable('export');
    if (this.#state !== 'complete') {
      throw new ContextStateError(this.#state, 'Cannot export: the security context is not established yet');
    }
    return ctx;
  }

  #assertSteppable(): void {
    if (isTerminal(this.#state)) throw this.#deadError('step');
    if (this.#state === 'complete') {
      throw new ContextStateError('complete', 'the security context is already established: there is nothing to step');
    }
  }

  #assertIdle(op: string): void {
    if (this.#queued > 0) {
      throw new ContextStateError(
        this.#state,
        `Cannot ${op}Sync while an asynchronous call on this security context is running; await it first`,
      );
    }
  }

  #releaseRaw(): void {
    this.#raw?.release();
  }

  /** Marks the context failed with `error` and deletes it (now, or when the running call ends). */
  #fail(error: Error): void {
    if (isTerminal(this.#state)) return;
    this.#state = 'failed';
    this.#failure = error;
    this.#delegated?.release();
    if (!this.#inFlight) this.#releaseRaw();
  }

  /** An AbortSignal fired: the context is abandoned. */
  #abandon(cause: unknown): void {
    if (isTerminal(this.#state) || this.#state === 'complete') return;
    this.#state = 'aborted';
    this.#failure = new ContextStateError(
      'aborted',
      'the security context is unusable: an operation on it was aborted',
      {
        cause,
      },
    );
    this.#delegated?.release();
    if (!this.#inFlight) this.#releaseRaw();
  }

  /** Runs async work on this context after the work queued before it. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    this.#queued++;
    const run = this.#tail.then(work);
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run.finally(() => {
      this.#queued--;
    });
  }

  // ------------------------------------------------------------------ establishment

  #initArgs(token: Uint8Array | undefined): [NameLike, raw.InitSecContextOptions] {
    return [
      this.#target as NameLike,
      {
        creds: this.#creds,
        context: this.#raw,
        mech: this.#mech,
        flags: this.#flags,
        lifetime: this.#lifetime,
        channelBindings: this.#bindings,
        inputToken: token,
      },
    ];
  }

  #acceptArgs(token: Uint8Array | undefined): [Uint8Array, raw.AcceptSecContextOptions] {
    return [token ?? EMPTY, { acceptorCreds: this.#creds, context: this.#raw, channelBindings: this.#bindings }];
  }

  #stepDone(r: StepResult): Buffer | undefined {
    this.#raw = r.context;
    this.#last = { mech: r.mech, flags: r.flags, lifetime: r.lifetime };
    if ('delegatedCreds' in r) {
      r.initiatorName?.release();
      if (r.delegatedCreds) {
        this.#delegated?.release();
        this.#delegated = Credentials.fromRaw(r.delegatedCreds);
      }
    }
    if (r.moreSteps) {
      this.#state = 'partial';
      return r.token;
    }
    this.#state = 'complete';
    const required = this.#required.value;
    if (required !== 0 && (r.flags.value & required) >>> 0 !== required) {
      const error = new MissingFlagsError(this.#required, r.flags);
      this.#fail(error);
      throw error;
    }
    return r.token;
  }

  #stepFailed(error: unknown): never {
    if (error instanceof GSSError) this.#fail(error);
    throw error;
  }

  /**
   * One establishment step (`gss_init_sec_context` or `gss_accept_sec_context`):
   * give the peer's last token (none on the initiator's first step) and send
   * the returned token to the peer, if any. Check {@link SecurityContext.complete}
   * afterwards: a step can finish the context and still return a token (the
   * acceptor's last reply).
   *
   * @param token - the peer's token (an acceptor given none passes an empty token, as python-gssapi does).
   * @param options - `signal` to cancel.
   * @returns the token for the peer, or undefined when there is none.
   * @throws GSSError (with `token` for the peer when the mechanism made one; the context stays failed),
   *   MissingFlagsError, ContextStateError, an AbortError.
   * @example
   * ```ts
   * let out = await client.step();
   * while (!client.complete) {
   *   send(out!);
   *   out = await client.step(await receive());
   * }
   * ```
   */
  step(token?: Uint8Array | null, options?: StepOptions): Promise<Buffer | undefined> {
    let input: Uint8Array | undefined;
    let signal: AbortSignal | undefined;
    try {
      input = tokenArg(token);
      signal = signalArg(options?.signal);
    } catch (error) {
      return Promise.reject(error);
    }
    if (signal?.aborted) {
      return raceAbort(Promise.resolve(undefined), signal, (e) => this.#abandon(e));
    }
    // Each step needs the peer's answer to the one before: a second step while
    // one is pending is a caller's mistake, refused without failing the context.
    if (isTerminal(this.#state)) return Promise.reject(this.#deadError('step'));
    if (this.#stepping) {
      return Promise.reject(
        new ContextStateError(this.#state, 'Cannot step: the previous step() has not finished (await it first)'),
      );
    }
    this.#stepping = true;
    const work = this.#exclusive(async () => {
      this.#assertSteppable();
      const call =
        this.#usage === 'initiate'
          ? raw.initSecContext(...this.#initArgs(input))
          : raw.acceptSecContext(...this.#acceptArgs(input));
      this.#inFlight = true;
      let r: StepResult;
      try {
        r = await call;
      } catch (error) {
        this.#inFlight = false;
        if (isTerminal(this.#state)) {
          // Aborted or deleted while the call ran: free what is left.
          this.#releaseRaw();
          throw this.#deadError('step');
        }
        return this.#stepFailed(error);
      }
      this.#inFlight = false;
      if (isTerminal(this.#state)) {
        r.context.release();
        throw this.#deadError('step');
      }
      return this.#stepDone(r);
    }).finally(() => {
      this.#stepping = false;
    });
    return raceAbort(work, signal, (e) => this.#abandon(e));
  }

  /**
   * Synchronous form of {@link SecurityContext.step} (an initiator's first
   * step may wait for the KDC).
   *
   * @param token - the peer's token.
   * @returns the token for the peer, or undefined.
   * @example
   * ```ts
   * const first = client.stepSync();
   * const reply = server.stepSync(first);
   * if (reply) client.stepSync(reply);
   * client.complete && server.complete; // true
   * ```
   */
  stepSync(token?: Uint8Array | null): Buffer | undefined {
    const input = tokenArg(token);
    this.#assertSteppable();
    this.#assertIdle('step');
    let r: StepResult;
    try {
      r =
        this.#usage === 'initiate'
          ? raw.initSecContextSync(...this.#initArgs(input))
          : raw.acceptSecContextSync(...this.#acceptArgs(input));
    } catch (error) {
      return this.#stepFailed(error);
    }
    return this.#stepDone(r);
  }

  /**
   * The whole establishment loop as an async iterator: yields each token to
   * send to the peer and finishes when the context is complete. Tokens from
   * the peer are pulled from `incoming` only when needed (an initiator starts
   * without one), so the same transport can carry the application's messages
   * afterwards.
   *
   * @param incoming - the peer's tokens (any AsyncIterable or Iterable of Uint8Array).
   * @param options - `signal` to cancel (the context becomes unusable).
   * @returns the tokens to send.
   * @throws GSSError from a step (with `token` for the peer), NegotiationIncompleteError when
   *   `incoming` ends first, an AbortError.
   * @example
   * ```ts
   * const transport = lengthPrefixedTransport(socket);
   * for await (const token of ctx.steps(transport)) await transport.send(token);
   * console.log(`${ctx.initiatorName}`);
   * ```
   */
  async *steps(incoming?: TokenSource | null, options?: StepOptions): AsyncGenerator<Buffer, void, undefined> {
    const signal = signalArg(options?.signal);
    let iterator: TokenIterator | undefined;
    const receive = async (): Promise<Uint8Array> => {
      if (incoming === undefined || incoming === null) {
        throw new NegotiationIncompleteError(
          'the security context needs a token from the peer, but steps() was given no incoming tokens',
        );
      }
      iterator ??= openTokens(incoming);
      const next = Promise.resolve(iterator.next());
      const r = await raceAbort(next, signal, (e) => this.#abandon(e));
      if (r.done) {
        throw new NegotiationIncompleteError("the peer's tokens ended before the security context was complete");
      }
      if (!(r.value instanceof Uint8Array)) throw new TypeError('incoming tokens must be Uint8Arrays');
      return r.value;
    };
    if (signal?.aborted) await raceAbort(Promise.resolve(), signal, (e) => this.#abandon(e));
    if (this.complete) return;
    try {
      let input = this.#usage === 'initiate' && this.#state === 'new' ? undefined : await receive();
      for (;;) {
        const out = await this.step(input, { signal });
        if (out) yield out;
        if (this.#state === 'complete') return;
        input = await receive();
      }
    } finally {
      // Leaving early (break, an error, an abort): close the token source. Not
      // awaited: a source still waiting for the peer finishes that read first.
      if (this.#state !== 'complete') {
        Promise.resolve(iterator?.return?.()).catch(() => undefined);
      }
    }
  }

  /**
   * Whether establishment has finished (false before the first step).
   *
   * @throws the step's error for a failed context; ContextStateError once exported or deleted.
   * @example
   * ```ts
   * while (!ctx.complete) out = await ctx.step(await receive());
   * ```
   */
  get complete(): boolean {
    if (isTerminal(this.#state)) throw this.#deadError('read complete');
    return this.#state === 'complete';
  }

  // ------------------------------------------------------------------ lazy properties

  #inquire(prop: string, want: raw.InquireContextOptions): raw.InquireContextResult {
    const ctx = this.#readable(prop);
    return raw.inquireContextSync(ctx, {
      initiatorName: false,
      targetName: false,
      lifetime: false,
      mech: false,
      flags: false,
      locallyInit: false,
      complete: false,
      ...want,
    });
  }

  /**
   * gss-ntlmssp 1.2 crashes the process (strdup(NULL)) when asked for an
   * acceptor's target name, directly or through SPNEGO: never ask an
   * acceptor whose mechanism is NTLM, or still SPNEGO (not negotiated yet).
   */
  #targetNameUnsafe(): boolean {
    if (this.#usage !== 'accept') return false;
    try {
      const mech = this.#inquire('mech', { mech: true }).mech;
      return mech === undefined || mech.equals(NTLM) || mech.equals(raw.MechType.spnego);
    } catch {
      return true;
    }
  }

  #acceptorNameFromCreds(): Name | undefined {
    return this.#creds ? credentialsName(this.#creds) : undefined;
  }

  #name(field: 'initiatorName' | 'targetName'): Name | undefined {
    const cache = field === 'initiatorName' ? this.#initiatorName : this.#targetName;
    if (cache && !isTerminal(this.#state) && !cache.value?.released) return cache.value;
    let name: Name | undefined;
    if (field === 'targetName' && this.#targetNameUnsafe()) {
      this.#readable(field);
      name = this.#acceptorNameFromCreds();
    } else {
      const r = this.#inquire(field, { [field]: true });
      name = r[field] ? Name.fromRaw(r[field] as raw.Name) : undefined;
    }
    if (this.#state === 'complete') {
      if (field === 'initiatorName') this.#initiatorName = { value: name };
      else this.#targetName = { value: name };
    }
    return name;
  }

  /**
   * The initiator's name (`gss_inquire_context`): on an acceptor, the
   * authenticated client. Cached once complete; undefined while the
   * mechanism does not know it yet.
   *
   * @throws ContextStateError before the first step.
   * The Name returned belongs to the context (the same object on every
   * read once the context is complete): do not release it; duplicate it to keep
   * it beyond the context.
   *
   * @example
   * ```ts
   * `${server.initiatorName}`; // 'user@KRBTEST.COM'
   * ```
   */
  get initiatorName(): Name | undefined {
    return this.#name('initiatorName');
  }

  /**
   * The acceptor's name (`gss_inquire_context`). Cached once complete;
   * undefined while the mechanism does not know it yet. (For an NTLM
   * acceptor it is the acceptor credentials' name, as gss-ntlmssp cannot
   * report it safely.)
   *
   * @throws ContextStateError before the first step.
   * @example
   * ```ts
   * `${client.targetName}`; // 'host/localhost@KRBTEST.COM'
   * ```
   */
  get targetName(): Name | undefined {
    return this.#name('targetName');
  }

  /**
   * The mechanism in use (`gss_inquire_context`), e.g. Kerberos under
   * SPNEGO once negotiated. Cached once complete.
   *
   * @throws ContextStateError before the first step.
   * @example
   * ```ts
   * client.mech?.equals(MechType.kerberos); // true
   * ```
   */
  get mech(): Mechanism | undefined {
    if (this.#mechCache && !isTerminal(this.#state)) return this.#mechCache.value;
    let mech: raw.OID | undefined;
    try {
      mech = this.#inquire('mech', { mech: true }).mech;
    } catch (error) {
      if (!(this.#state === 'partial' && error instanceof MissingContextError)) throw error;
    }
    mech ??= this.#state === 'partial' ? this.#last?.mech : undefined;
    const value = mech ? Mechanism.from(mech) : undefined;
    if (this.#state === 'complete') this.#mechCache = { value };
    return value;
  }

  /**
   * The services the context offers (`gss_inquire_context`): re-read while
   * establishment goes on, cached once complete.
   *
   * @throws ContextStateError before the first step.
   * @example
   * ```ts
   * client.actualFlags.has('mutualAuthentication'); // true
   * ```
   */
  get actualFlags(): FlagSet {
    if (this.#flagsCache && !isTerminal(this.#state)) return this.#flagsCache.value;
    let flags: FlagSet | undefined;
    try {
      flags = this.#inquire('actualFlags', { flags: true }).flags;
    } catch (error) {
      if (!(this.#state === 'partial' && error instanceof MissingContextError)) throw error;
    }
    if (this.#state === 'partial' && (flags === undefined || flags.isEmpty) && this.#last) flags = this.#last.flags;
    const value = flags ?? FlagSet.from(0);
    if (this.#state === 'complete') this.#flagsCache = { value };
    return value;
  }

  /**
   * Whether this side initiated the context (`gss_inquire_context`).
   *
   * @throws ContextStateError before the first step.
   * @example
   * ```ts
   * client.locallyInitiated; // true
   * server.locallyInitiated; // false
   * ```
   */
  get locallyInitiated(): boolean {
    if (this.#locallyInit && !isTerminal(this.#state)) return this.#locallyInit.value;
    let value: boolean | undefined;
    try {
      value = this.#inquire('locallyInitiated', { locallyInit: true }).locallyInit;
    } catch (error) {
      if (!(this.#state === 'partial' && error instanceof MissingContextError)) throw error;
    }
    value ??= this.#usage === 'initiate';
    this.#locallyInit = { value };
    return value;
  }

  /**
   * Seconds the context stays valid (`gss_context_time`): Infinity when
   * indefinite, 0 once expired (and while not established, for mechanisms
   * that cannot tell earlier). Never cached.
   *
   * @throws ContextStateError before the first step.
   * @example
   * ```ts
   * if (ctx.lifetime < 60) console.log('re-authenticate soon');
   * ```
   */
  get lifetime(): number {
    const ctx = this.#readable('lifetime');
    try {
      return raw.contextTimeSync(ctx);
    } catch (error) {
      if (error instanceof ExpiredContextError) return 0;
      if (this.#state === 'partial' && error instanceof MissingContextError) return this.#last?.lifetime ?? 0;
      throw error;
    }
  }

  /**
   * Credentials the initiator delegated (acceptor only; with
   * {@link RequirementFlag.delegateToPeer}); undefined otherwise.
   *
   * @throws ContextStateError before the first step.
   * @example
   * ```ts
   * const onBehalf = server.delegatedCreds; // use as creds of a new initiator context
   * ```
   */
  get delegatedCreds(): Credentials | undefined {
    this.#readable('delegatedCreds');
    return this.#delegated;
  }

  #info(r: raw.InquireContextResult, targetName: Name | undefined): ContextInfo {
    return Object.freeze({
      initiatorName: r.initiatorName ? Name.fromRaw(r.initiatorName) : undefined,
      targetName,
      lifetime: r.lifetime,
      mech: r.mech ? Mechanism.from(r.mech) : undefined,
      flags: r.flags,
      locallyInitiated: r.locallyInit,
      complete: r.complete,
    });
  }

  /**
   * Every property in one call (`gss_inquire_context`), never cached.
   *
   * @returns the properties.
   * @example
   * ```ts
   * const { initiatorName, targetName, mech, flags } = await ctx.inquire();
   * ```
   */
  inquire(): Promise<ContextInfo> {
    return this.#exclusive(async () => {
      const unsafe = this.#targetNameUnsafe();
      const ctx = this.#readable('the context');
      const r = await raw.inquireContext(ctx, { targetName: !unsafe });
      return this.#info(r, unsafe ? this.#acceptorNameFromCreds() : r.targetName && Name.fromRaw(r.targetName));
    });
  }

  /**
   * Synchronous form of {@link SecurityContext.inquire}.
   *
   * @returns the properties.
   * @example
   * ```ts
   * ctx.inquireSync().complete; // true
   * ```
   */
  inquireSync(): ContextInfo {
    const unsafe = this.#targetNameUnsafe();
    const ctx = this.#readable('the context');
    const r = raw.inquireContextSync(ctx, { targetName: !unsafe });
    return this.#info(r, unsafe ? this.#acceptorNameFromCreds() : r.targetName && Name.fromRaw(r.targetName));
  }

  // ------------------------------------------------------------------ per-message protection

  /**
   * Protects a message (`gss_wrap`): encrypted and integrity protected, or
   * integrity protected only with `encrypt` false.
   *
   * @param message - the message (strings are UTF-8).
   * @param encrypt - encrypt it (default true).
   * @returns the token and whether it is encrypted.
   * @example
   * ```ts
   * const { message: token, encrypted } = await ctx.wrap(Buffer.from('hello'), true);
   * ```
   */
  wrap(message: string | Uint8Array, encrypt = true): Promise<raw.WrapResult> {
    return this.#exclusive(async () => raw.wrap(this.#usable('wrap'), message, { confidential: encrypt }));
  }

  /**
   * Synchronous form of {@link SecurityContext.wrap}.
   *
   * @param message - the message.
   * @param encrypt - encrypt it (default true).
   * @returns the token and whether it is encrypted.
   * @example
   * ```ts
   * const { message: signed } = ctx.wrapSync('hello', false);
   * ```
   */
  wrapSync(message: string | Uint8Array, encrypt = true): raw.WrapResult {
    return raw.wrapSync(this.#usable('wrap'), message, { confidential: encrypt });
  }

  /**
   * Checks and opens a wrapped message (`gss_unwrap`).
   *
   * @param message - the peer's token.
   * @returns the message, whether it was encrypted, and the QOP.
   * @throws BadMICError (tampered), InvalidTokenError, DuplicateTokenError, TokenTooLateError, ...
   * @example
   * ```ts
   * const { message, encrypted } = await ctx.unwrap(token);
   * ```
   */
  unwrap(message: Uint8Array): Promise<raw.UnwrapResult> {
    return this.#exclusive(async () => raw.unwrap(this.#usable('unwrap'), message));
  }

  /**
   * Synchronous form of {@link SecurityContext.unwrap}.
   *
   * @param message - the peer's token.
   * @returns the message, whether it was encrypted, and the QOP.
   * @example
   * ```ts
   * ctx.unwrapSync(token).message.toString(); // 'hello'
   * ```
   */
  unwrapSync(message: Uint8Array): raw.UnwrapResult {
    return raw.unwrapSync(this.#usable('unwrap'), message);
  }

  /**
   * Encrypts a message (`gss_wrap` with confidentiality).
   *
   * @param message - the message.
   * @returns the token.
   * @throws EncryptionNotUsed when the mechanism only integrity-protected it.
   * @example
   * ```ts
   * socket.write(await ctx.encrypt('secret'));
   * ```
   */
  async encrypt(message: string | Uint8Array): Promise<Buffer> {
    const r = await this.wrap(message, true);
    if (!r.encrypted) throw new EncryptionNotUsed();
    return r.message;
  }

  /**
   * Synchronous form of {@link SecurityContext.encrypt}.
   *
   * @param message - the message.
   * @returns the token.
   * @example
   * ```ts
   * const sealed = ctx.encryptSync(Buffer.from('hi'));
   * ```
   */
  encryptSync(message: string | Uint8Array): Buffer {
    const r = this.wrapSync(message, true);
    if (!r.encrypted) throw new EncryptionNotUsed();
    return r.message;
  }

  /**
   * Decrypts a message (`gss_unwrap`) and insists it was encrypted: an
   * integrity-only message throws {@link EncryptionNotUsed}, carrying the
   * opened message in `unwrappedMessage`. (python-gssapi checks this only
   * when the context has the confidentiality flag; we always do, since
   * decrypt means confidentiality was expected.)
   *
   * @param message - the peer's token.
   * @returns the message.
   * @throws EncryptionNotUsed, BadMICError, ...
   * @example
   * ```ts
   * (await ctx.decrypt(token)).toString(); // 'secret'
   * ```
   */
  async decrypt(message: Uint8Array): Promise<Buffer> {
    const r = await this.unwrap(message);
    if (!r.encrypted) throw new EncryptionNotUsed(undefined, { unwrappedMessage: r.message });
    return r.message;
  }

  /**
   * Synchronous form of {@link SecurityContext.decrypt}.
   *
   * @param message - the peer's token.
   * @returns the message.
   * @example
   * ```ts
   * ctx.decryptSync(sealed).toString(); // 'hi'
   * ```
   */
  decryptSync(message: Uint8Array): Buffer {
    const r = this.unwrapSync(message);
    if (!r.encrypted) throw new EncryptionNotUsed(undefined, { unwrappedMessage: r.message });
    return r.message;
  }

  /**
   * A message integrity code for `message` (`gss_get_mic`), sent beside it.
   *
   * @param message - the message.
   * @returns the MIC.
   * @example
   * ```ts
   * const mic = await ctx.getSignature(payload);
   * ```
   */
  getSignature(message: string | Uint8Array): Promise<Buffer> {
    return this.#exclusive(async () => raw.getMic(this.#usable('getSignature'), message));
  }

  /**
   * Synchronous form of {@link SecurityContext.getSignature}.
   *
   * @param message - the message.
   * @returns the MIC.
   * @example
   * ```ts
   * const mic = ctx.getSignatureSync('hello');
   * ```
   */
  getSignatureSync(message: string | Uint8Array): Buffer {
    return raw.getMicSync(this.#usable('getSignature'), message);
  }

  /**
   * Checks a MIC (`gss_verify_mic`); throws when it does not match.
   *
   * @param message - the message.
   * @param mic - the peer's MIC.
   * @returns the QOP used.
   * @throws BadMICError when the MIC does not match; DuplicateTokenError and friends for replays.
   * @example
   * ```ts
   * await ctx.verifySignature(payload, mic);
   * ```
   */
  verifySignature(message: string | Uint8Array, mic: Uint8Array): Promise<number> {
    return this.#exclusive(async () => raw.verifyMic(this.#usable('verifySignature'), message, mic));
  }

  /**
   * Synchronous form of {@link SecurityContext.verifySignature}.
   *
   * @param message - the message.
   * @param mic - the peer's MIC.
   * @returns the QOP used.
   * @example
   * ```ts
   * ctx.verifySignatureSync('hello', mic); // 0
   * ```
   */
  verifySignatureSync(message: string | Uint8Array, mic: Uint8Array): number {
    return raw.verifyMicSync(this.#usable('verifySignature'), message, mic);
  }

  /**
   * The largest message whose wrapped token fits `desiredOutputSize` bytes (`gss_wrap_size_limit`).
   *
   * @param desiredOutputSize - the token size limit.
   * @param encrypted - whether messages will be encrypted (default true).
   * @returns the maximum message size.
   * @example
   * ```ts
   * const max = await ctx.getWrapSizeLimit(16384);
   * ```
   */
  getWrapSizeLimit(desiredOutputSize: number, encrypted = true): Promise<number> {
    return this.#exclusive(async () =>
      raw.wrapSizeLimit(this.#usable('getWrapSizeLimit'), desiredOutputSize, { confidential: encrypted }),
    );
  }

  /**
   * Synchronous form of {@link SecurityContext.getWrapSizeLimit}.
   *
   * @param desiredOutputSize - the token size limit.
   * @param encrypted - whether messages will be encrypted (default true).
   * @returns the maximum message size.
   * @example
   * ```ts
   * ctx.getWrapSizeLimit(1024, false);
   * ```
   */
  getWrapSizeLimitSync(desiredOutputSize: number, encrypted = true): number {
    return raw.wrapSizeLimitSync(this.#usable('getWrapSizeLimit'), desiredOutputSize, { confidential: encrypted });
  }

  /**
   * Hands the context a token from the peer outside establishment
   * (`gss_process_context_token`), e.g. a deletion token. Deprecated by RFC 2744.
   *
   * @param token - the peer's token.
   * @example
   * ```ts
   * await ctx.processToken(tokenFromPeer);
   * ```
   */
  processToken(token: Uint8Array): Promise<void> {
    return this.#exclusive(async () => raw.processContextToken(this.#usable('processToken'), token));
  }

  /**
   * Synchronous form of {@link SecurityContext.processToken}.
   *
   * @param token - the peer's token.
   * @example
   * ```ts
   * ctx.processTokenSync(tokenFromPeer);
   * ```
   */
  processTokenSync(token: Uint8Array): void {
    raw.processContextTokenSync(this.#usable('processToken'), token);
  }

  // ------------------------------------------------------------------ export, delete

  /**
   * Serialises the context into a token (`gss_export_sec_context`) for
   * {@link SecurityContext.import}, e.g. in a `worker_thread`. This object
   * is unusable afterwards: the token holds the context now.
   *
   * @returns the token.
   * @example
   * ```ts
   * const worker = new Worker(new URL('./worker.js', import.meta.url));
   * worker.postMessage(await ctx.export());
   * ```
   */
  export(): Promise<Buffer> {
    return this.#exclusive(async () => {
      const token = await raw.exportSecContext(this.#exportable());
      this.#state = 'exported';
      return token;
    });
  }

  /**
   * Synchronous form of {@link SecurityContext.export}.
   *
   * @returns the token.
   * @example
   * ```ts
   * worker.postMessage(ctx.exportSync());
   * ```
   */
  exportSync(): Buffer {
    const ctx = this.#exportable();
    this.#assertIdle('export');
    const token = raw.exportSecContextSync(ctx);
    this.#state = 'exported';
    return token;
  }

  /**
   * Deletes the context (`gss_delete_sec_context`) after the calls queued on
   * it; idempotent. Later calls throw ContextStateError (or the error of a
   * failed step).
   *
   * @param options - `localOnly`.
   * @example
   * ```ts
   * await ctx.delete();
   * ```
   */
  delete(options?: DeleteOptions): Promise<void> {
    return this.#exclusive(async () => {
      const ctx = this.#raw;
      const wasTerminal = isTerminal(this.#state);
      if (!wasTerminal) this.#state = 'deleted';
      if (ctx && !ctx.released && ctx.started) await raw.deleteSecContext(ctx, options);
      ctx?.release();
    });
  }

  /**
   * Synchronous form of {@link SecurityContext.delete}; with an async call
   * still running, the GSSAPI context is freed when that call finishes.
   *
   * @param options - `localOnly`.
   * @example
   * ```ts
   * ctx.deleteSync();
   * ```
   */
  deleteSync(options?: DeleteOptions): void {
    const ctx = this.#raw;
    if (!isTerminal(this.#state)) this.#state = 'deleted';
    if (ctx && !ctx.released && ctx.started && !this.#inFlight && this.#queued === 0) {
      raw.deleteSecContextSync(ctx, options);
    }
    ctx?.release();
  }

  /**
   * Same as {@link SecurityContext.deleteSync} (local only, never throws), for `using`.
   *
   * @example
   * ```ts
   * { using ctx = new SecurityContext({ name }); await ctx.step(); }
   * ```
   */
  [Symbol.dispose](): void {
    if (!isTerminal(this.#state)) this.#state = 'deleted';
    this.#raw?.release();
  }

  /**
   * How `console.log` shows the context.
   *
   * @returns e.g. `SecurityContext(initiate, complete)`.
   * @example
   * ```ts
   * console.log(ctx); // SecurityContext(initiate, complete)
   * ```
   */
  [inspect.custom](): string {
    return `SecurityContext(${this.#usage}, ${this.#state})`;
  }
}
