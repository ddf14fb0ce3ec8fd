/**
 * RFC 2743/2744 security contexts: init, accept, inquire, context time,
 * process token, import, export, delete. Each as `fn()` (Promise, worker
 * thread) and `fnSync()`.
 */
import type { NativeArgs, NativeCreds, NativeName, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { ChannelBindings } from './chan_bindings.js';
import { FlagSet, type FlagsInput, RequirementFlag } from './flags.js';
import {
  Creds,
  type CredsLike,
  contextArg,
  describe,
  Name,
  type NameLike,
  nameArg,
  nativeContext,
  optionalCredsArg,
  SecurityContext,
  type SecurityContextLike,
} from './handles.js';
import { type OID, oidFromBinding } from './oids.js';
import type { AcceptSecContextResult, InitSecContextResult, InquireContextResult } from './results.js';
import { GSS_S } from './status.js';
import {
  booleanArg,
  bytesArg,
  lifetimeArg,
  lifetimeResult,
  optionalBytesArg,
  optionalOidArg,
  optionsArg,
  wantBits,
} from './validate.js';

/** The flags an initiator asks for when `flags` is not given: mutual authentication and sequence detection. */
export const DEFAULT_INIT_FLAGS: number = RequirementFlag.mutualAuthentication | RequirementFlag.outOfSequenceDetection;

/** Options of {@link initSecContext}. */
export interface InitSecContextOptions {
  /** The initiator's credentials (default: the default credentials). */
  creds?: CredsLike | null;
  /** The context to continue (from the previous step's result); omit on the first step. */
  context?: SecurityContextLike | null;
  /** The mechanism (default: the library's default, Kerberos for MIT). */
  mech?: OID | null;
  /** Services to request (default: mutual authentication and sequence detection; `0` or `[]` asks for none). */
  flags?: FlagsInput;
  /** Requested lifetime in seconds (default Infinity). */
  lifetime?: number;
  /** Channel bindings; the acceptor must give the same ones. */
  channelBindings?: ChannelBindings | null;
  /** The acceptor's last token (omit on the first step). */
  inputToken?: Uint8Array | null;
}

/** Options of {@link acceptSecContext}. */
export interface AcceptSecContextOptions {
  /** The acceptor's credentials (default: any key in the default keytab). */
  acceptorCreds?: CredsLike | null;
  /** The context to continue (from the previous step's result); omit on the first step. */
  context?: SecurityContextLike | null;
  /** Channel bindings; must match the initiator's. */
  channelBindings?: ChannelBindings | null;
}

function bindingsArg(value: unknown, arg: string): NativeArgs['initSecContext'][6] {
  if (value === undefined || value === null) return undefined;
  if (!(value instanceof ChannelBindings))
    throw new TypeError(`${arg} must be a ChannelBindings (got ${describe(value)})`);
  return value.toBinding();
}

function contextOrNew(value: unknown, arg: string): SecurityContext {
  return value === undefined || value === null ? SecurityContext.empty() : contextArg(value, arg);
}

const tokenOrUndefined = (token: Buffer | undefined): Buffer | undefined =>
  token && token.length > 0 ? token : undefined;
const mechOrUndefined = (mech: Buffer | undefined): OID | undefined => (mech ? oidFromBinding(mech) : undefined);

function initArgs(targetName: unknown, options: InitSecContextOptions | undefined) {
  const o = optionsArg(options);
  const context = contextOrNew(o.context, 'options.context');
  const args: NativeArgs['initSecContext'] = [
    nativeContext(context),
    nameArg(targetName, 'targetName'),
    optionalCredsArg(o.creds, 'options.creds'),
    optionalOidArg(o.mech, 'options.mech'),
    o.flags === undefined || o.flags === null ? DEFAULT_INIT_FLAGS : FlagSet.from(o.flags, 'options.flags').value,
    lifetimeArg(o.lifetime, 'options.lifetime'),
    bindingsArg(o.channelBindings, 'options.channelBindings'),
    optionalBytesArg(o.inputToken, 'options.inputToken'),
  ];
  const finish = (r: NativeResults['initSecContext']): InitSecContextResult =>
    Object.freeze({
      context,
      mech: mechOrUndefined(r.mech),
      flags: FlagSet.from(r.flags),
      token: tokenOrUndefined(r.token),
      lifetime: lifetimeResult(r.lifetime),
      moreSteps: r.major === GSS_S.CONTINUE_NEEDED,
    });
  return { args, finish };
}

/**
 * One initiator step of context establishment (`gss_init_sec_context`). Call
 * it first without `inputToken`, send the result's `token` to the acceptor,
 * and call it again with the acceptor's reply and `context` while `moreSteps`.
 * A failure that produced a token for the peer carries it as `error.token`.
 *
 * @param targetName - the acceptor, e.g. `HTTP@host` as a `NameType.hostbasedService`.
 * @param options - `creds`, `context`, `mech`, `flags`, `lifetime`, `channelBindings`, `inputToken`.
 * @returns the context, the token to send and whether more steps follow.
 * @throws MissingCredentialsError (no ticket), BadNameError, InvalidTokenError, ...
 * @example
 * ```ts
 * let step = await initSecContext(target, { flags: [RequirementFlag.mutualAuthentication] });
 * send(step.token);
 * step = await initSecContext(target, { context: step.context, inputToken: await receive() });
 * ```
 */
export async function initSecContext(
  targetName: NameLike,
  options?: InitSecContextOptions,
): Promise<InitSecContextResult> {
  const { args, finish } = initArgs(targetName, options);
  return callAsync('initSecContext', args, finish, true);
}

/**
 * Synchronous form of {@link initSecContext}. It may wait for the KDC.
 *
 * @param targetName - the acceptor.
 * @param options - `creds`, `context`, `mech`, `flags`, `lifetime`, `channelBindings`, `inputToken`.
 * @returns the context, the token to send and whether more steps follow.
 * @example
 * ```ts
 * const { context, token, moreSteps } = initSecContextSync(target);
 * ```
 */
export function initSecContextSync(targetName: NameLike, options?: InitSecContextOptions): InitSecContextResult {
  const { args, finish } = initArgs(targetName, options);
  return callSync('initSecContext', args, finish, true);
}

function acceptArgs(inputToken: unknown, options: AcceptSecContextOptions | undefined) {
  const o = optionsArg(options);
  const context = contextOrNew(o.context, 'options.context');
  const args: NativeArgs['acceptSecContext'] = [
    nativeContext(context),
    bytesArg(inputToken, 'inputToken'),
    optionalCredsArg(o.acceptorCreds, 'options.acceptorCreds'),
    bindingsArg(o.channelBindings, 'options.channelBindings'),
  ];
  const finish = (r: NativeResults['acceptSecContext']): AcceptSecContextResult =>
    Object.freeze({
      context,
      initiatorName: r.initiatorName ? Name.fromNative(r.initiatorName as NativeName) : undefined,
      mech: mechOrUndefined(r.mech),
      token: tokenOrUndefined(r.token),
      flags: FlagSet.from(r.flags ?? 0),
      lifetime: lifetimeResult(r.lifetime),
      delegatedCreds: r.delegatedCreds ? Creds.fromNative(r.delegatedCreds as NativeCreds) : undefined,
      moreSteps: r.major === GSS_S.CONTINUE_NEEDED,
    });
  return { args, finish };
}

/**
 * One acceptor step of context establishment (`gss_accept_sec_context`).
 * Send the result's `token` (when any) back to the initiator; continue with
 * `context` while `moreSteps`. A failure that produced a token for the peer
 * (e.g. a KRB-ERROR) carries it as `error.token`.
 *
 * @param inputToken - the initiator's token.
 * @param options - `acceptorCreds`, `context`, `channelBindings`.
 * @returns the context, the initiator's name, the reply token and more.
 * @throws InvalidTokenError, BadChannelBindingsError, DuplicateTokenError (a replay), ...
 * @example
 * ```ts
 * const { context, initiatorName, token } = await acceptSecContext(clientToken, { acceptorCreds: creds });
 * ```
 */
export async function acceptSecContext(
  inputToken: Uint8Array,
  options?: AcceptSecContextOptions,
): Promise<AcceptSecContextResult> {
  const { args, finish } = acceptArgs(inputToken, options);
  return callAsync('acceptSecContext', args, finish, true);
}

/**
 * Synchronous form of {@link acceptSecContext}.
 *
 * @param inputToken - the initiator's token.
 * @param options - `acceptorCreds`, `context`, `channelBindings`.
 * @returns the context, the initiator's name, the reply token and more.
 * @example
 * ```ts
 * const server = acceptSecContextSync(token);
 * displayNameSync(server.initiatorName!).name; // 'user@KRBTEST.COM'
 * ```
 */
export function acceptSecContextSync(
  inputToken: Uint8Array,
  options?: AcceptSecContextOptions,
): AcceptSecContextResult {
  const { args, finish } = acceptArgs(inputToken, options);
  return callSync('acceptSecContext', args, finish, true);
}

/** Which fields {@link inquireContext} reads (each default true). */
export interface InquireContextOptions {
  initiatorName?: boolean;
  targetName?: boolean;
  lifetime?: boolean;
  mech?: boolean;
  flags?: boolean;
  locallyInit?: boolean;
  complete?: boolean;
}

const CONTEXT_FIELDS: readonly [string, number][] = [
  ['initiatorName', 1],
  ['targetName', 2],
  ['lifetime', 4],
  ['mech', 8],
  ['flags', 16],
  ['locallyInit', 32],
  ['complete', 64],
];

const inquireFinish = (r: NativeResults['inquireContext']): InquireContextResult =>
  Object.freeze({
    initiatorName: r.initiatorName ? Name.fromNative(r.initiatorName) : undefined,
    targetName: r.targetName ? Name.fromNative(r.targetName) : undefined,
    lifetime: r.lifetime === undefined ? undefined : lifetimeResult(r.lifetime),
    mech: mechOrUndefined(r.mech),
    flags: r.flags === undefined ? undefined : FlagSet.from(r.flags),
    locallyInit: r.locallyInit,
    complete: r.complete,
  });

function inquireArgs(context: unknown, options: InquireContextOptions | undefined): NativeArgs['inquireContext'] {
  return [nativeContext(contextArg(context, 'context')), wantBits(options, CONTEXT_FIELDS)];
}

/**
 * Reads a context's names, lifetime, mechanism, flags and state
 * (`gss_inquire_context`); works on partly established contexts too.
 *
 * @param context - the context.
 * @param options - which fields to read (all by default).
 * @returns the fields asked for.
 * @example
 * ```ts
 * const { mech, flags, complete } = await inquireContext(ctx, { initiatorName: false, targetName: false });
 * ```
 */
export async function inquireContext(
  context: SecurityContextLike,
  options?: InquireContextOptions,
): Promise<InquireContextResult> {
  return callAsync('inquireContext', inquireArgs(context, options), inquireFinish);
}

/**
 * Synchronous form of {@link inquireContext}.
 *
 * @param context - the context.
 * @param options - which fields to read.
 * @returns the fields asked for.
 * @example
 * ```ts
 * inquireContextSync(ctx).locallyInit; // true on the initiator
 * ```
 */
export function inquireContextSync(
  context: SecurityContextLike,
  options?: InquireContextOptions,
): InquireContextResult {
  return callSync('inquireContext', inquireArgs(context, options), inquireFinish);
}

const lifetimeOf = (r: { lifetime?: number }): number => lifetimeResult(r.lifetime);
const ctx = (context: unknown) => nativeContext(contextArg(context, 'context'));

/**
 * Seconds the context stays valid (`gss_context_time`): 0 once expired
 * (MIT then raises ExpiredContextError), Infinity when indefinite.
 *
 * @param context - the context.
 * @returns seconds left.
 * @example
 * ```ts
 * if ((await contextTime(ctx)) < 60) console.log('renew soon');
 * ```
 */
export async function contextTime(context: SecurityContextLike): Promise<number> {
  return callAsync('contextTime', [ctx(context)], lifetimeOf);
}

/**
 * Synchronous form of {@link contextTime}.
 *
 * @param context - the context.
 * @returns seconds left.
 * @example
 * ```ts
 * contextTimeSync(ctx); // e.g. 86399
 * ```
 */
export function contextTimeSync(context: SecurityContextLike): number {
  return callSync('contextTime', [ctx(context)], lifetimeOf);
}

const nothing = (): void => undefined;

/**
 * Hands a token from the peer to the context outside the establishment loop
 * (`gss_process_context_token`), e.g. a deletion token. Deprecated by RFC 2744.
 *
 * @param context - the context.
 * @param token - the peer's token.
 * @example
 * ```ts
 * await processContextToken(ctx, tokenFromPeer);
 * ```
 */
export async function processContextToken(context: SecurityContextLike, token: Uint8Array): Promise<void> {
  return callAsync('processContextToken', [ctx(context), bytesArg(token, 'token')], nothing);
}

/**
 * Synchronous form of {@link processContextToken}.
 *
 * @param context - the context.
 * @param token - the peer's token.
 * @example
 * ```ts
 * processContextTokenSync(ctx, tokenFromPeer);
 * ```
 */
export function processContextTokenSync(context: SecurityContextLike, token: Uint8Array): void {
  callSync('processContextToken', [ctx(context), bytesArg(token, 'token')], nothing);
}

const importedContext = (r: NativeResults['importSecContext']): SecurityContext =>
  SecurityContext.fromNative(r.context as NonNullable<typeof r.context>);

/**
 * Rebuilds a context from {@link exportSecContext}'s token
 * (`gss_import_sec_context`), e.g. in another process or worker thread.
 *
 * The token holds the context's keys, and MIT parses it as trusted input: a
 * corrupted token can crash the process. Import only tokens that
 * {@link exportSecContext} made, passed over a trusted channel (a
 * `worker_thread` message, a pipe to a child), never tokens from a peer.
 *
 * @param token - the exported context.
 * @returns the context.
 * @throws InvalidTokenError for a token that is not an exported context.
 * @example
 * ```ts
 * const ctx = await importSecContext(token);
 * ```
 */
export async function importSecContext(token: Uint8Array): Promise<SecurityContext> {
  return callAsync('importSecContext', [bytesArg(token, 'token')], importedContext);
}

/**
 * Synchronous form of {@link importSecContext}.
 *
 * @param token - the exported context.
 * @returns the context.
 * @example
 * ```ts
 * const ctx = importSecContextSync(token);
 * ```
 */
export function importSecContextSync(token: Uint8Array): SecurityContext {
  return callSync('importSecContext', [bytesArg(token, 'token')], importedContext);
}

const tokenOf = (r: { token?: Buffer }): Buffer => r.token ?? Buffer.alloc(0);

/**
 * Serialises a complete context into a token (`gss_export_sec_context`). The
 * context object is emptied: the token now holds the context.
 *
 * @param context - the context.
 * @returns the token for {@link importSecContext}.
 * @example
 * ```ts
 * const token = await exportSecContext(ctx); // ctx.started is now false
 * ```
 */
export async function exportSecContext(context: SecurityContextLike): Promise<Buffer> {
  return callAsync('exportSecContext', [ctx(context)], tokenOf);
}

/**
 * Synchronous form of {@link exportSecContext}.
 *
 * @param context - the context.
 * @returns the token for {@link importSecContext}.
 * @example
 * ```ts
 * worker.postMessage(exportSecContextSync(ctx));
 * ```
 */
export function exportSecContextSync(context: SecurityContextLike): Buffer {
  return callSync('exportSecContext', [ctx(context)], tokenOf);
}

/** Options of {@link deleteSecContext}. */
export interface DeleteSecContextOptions {
  /** Delete only locally (default true); false also asks for a token for the peer (empty with modern mechanisms). */
  localOnly?: boolean;
}

function deleteArgs(context: unknown, options: DeleteSecContextOptions | undefined): NativeArgs['deleteSecContext'] {
  return [ctx(context), booleanArg(optionsArg(options).localOnly, 'options.localOnly', true)];
}

/**
 * Deletes a context (`gss_delete_sec_context`); the object is empty
 * afterwards and further calls on it raise MissingContextError. Contexts are
 * also deleted when garbage collected or released.
 *
 * @param context - the context.
 * @param options - `localOnly`.
 * @returns the token for the peer (empty when `localOnly`).
 * @example
 * ```ts
 * await deleteSecContext(ctx);
 * ```
 */
export async function deleteSecContext(
  context: SecurityContextLike,
  options?: DeleteSecContextOptions,
): Promise<Buffer> {
  return callAsync('deleteSecContext', deleteArgs(context, options), tokenOf);
}

/**
 * Synchronous form of {@link deleteSecContext}.
 *
 * @param context - the context.
 * @param options - `localOnly`.
 * @returns the token for the peer (empty when `localOnly`).
 * @example
 * ```ts
 * deleteSecContextSync(ctx);
 * ```
 */
export function deleteSecContextSync(context: SecurityContextLike, options?: DeleteSecContextOptions): Buffer {
  return callSync('deleteSecContext', deleteArgs(context, options), tokenOf);
}
