/**
 * Kerberos-specific GSSAPI extensions (`gssapi_krb5.h`, MIT and Heimdal):
 * the thread's ticket cache name, lucid (exported) contexts, the ticket's
 * authtime, flags and authorization data, credentials from a named ccache or
 * keytab, and allowable enctypes. Each as `fn()` (Promise, worker thread) and
 * `fnSync()`.
 */
import type { NativeArgs, NativeCfxKeyData, NativeCreds, NativeLucidContext, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { ExtensionUnavailableError } from './errors.js';
import { requireSymbol } from './extensions.js';
import type { SecurityContextLike } from './handles.js';
import { Creds, type CredsLike, contextArg, describe, nativeContext, optionalCredsArg } from './handles.js';
import { native } from './library.js';
import { optionsArg, uint32Arg } from './validate.js';

// ---------------------------------------------------------------------------
// Result types

/**
 * RFC 1964 (DES/DES3/RC4) key data of a lucid context ({@link Krb5LucidContextV1.rfc1964Kd}).
 *
 * @example
 * ```ts
 * const kd = krb5ExportLucidSecContextSync(ctx).rfc1964Kd;
 * if (kd) console.log(kd.signAlg, kd.sealAlg, kd.keyType, kd.key.length);
 * ```
 */
export interface Rfc1964KeyData {
  /** The signing algorithm (`sign_alg`, RFC 1964 section 1.2.1). */
  readonly signAlg: number;
  /** The sealing algorithm (`seal_alg`). */
  readonly sealAlg: number;
  /** The enctype of the context key. */
  readonly keyType: number;
  /** The context key (the session key or subkey): secret, never log it. */
  readonly key: Buffer;
}

/**
 * RFC 4121 (CFX: AES, Camellia) key data of a lucid context ({@link Krb5LucidContextV1.cfxKd}).
 *
 * @example
 * ```ts
 * const { ctxKeyType, acceptorSubkeyType } = krb5ExportLucidSecContextSync(ctx).cfxKd!;
 * ```
 */
export interface CfxKeyData {
  /** The enctype of the context key (17 aes128-cts-hmac-sha1-96, 18 aes256-cts-hmac-sha1-96, ...). */
  readonly ctxKeyType: number;
  /** The context key (the initiator's subkey or the session key): secret, never log it. */
  readonly ctxKey: Buffer;
  /** The enctype of the acceptor's subkey; undefined when the acceptor asserted none. */
  readonly acceptorSubkeyType: number | undefined;
  /** The acceptor's subkey; undefined when the acceptor asserted none. Secret. */
  readonly acceptorSubkey: Buffer | undefined;
}

/**
 * What {@link krb5ExportLucidSecContext} returns for a version it does not
 * know how to read (only `version`); version 1 gives {@link Krb5LucidContextV1}.
 *
 * @example
 * ```ts
 * const lucid: Krb5LucidContext = await krb5ExportLucidSecContext(ctx, 1);
 * lucid.version; // 1
 * ```
 */
export interface Krb5LucidContext {
  /** The structure version the library returned. */
  readonly version: number;
}

/**
 * A Kerberos security context in "lucid" form (`gss_krb5_lucid_context_v1_t`):
 * its sequence numbers and keys, for handing the context to another
 * implementation (e.g. a kernel NFS/RPCSEC_GSS module). Every field is
 * copied out before the library's structure is freed.
 *
 * @example
 * ```ts
 * const lucid = await krb5ExportLucidSecContext(ctx);
 * console.log(lucid.isInitiator, lucid.sendSeq, lucid.protocol === 1 ? lucid.cfxKd?.ctxKeyType : undefined);
 * ```
 */
export interface Krb5LucidContextV1 extends Krb5LucidContext {
  /** Always 1. */
  readonly version: 1;
  /** True on the initiator's side of the context. */
  readonly isInitiator: boolean;
  /** When the context expires, in seconds since the epoch. */
  readonly endtime: number;
  /** The next sequence number this side will send (64-bit). */
  readonly sendSeq: bigint;
  /**
   * The receive sequence number (64-bit). MIT reports the peer's initial
   * sequence number here (where its replay window starts), not advanced by
   * later unwraps: compare it with the peer's `sendSeq` before any traffic.
   */
  readonly recvSeq: bigint;
  /** 0: RFC 1964 tokens ({@link Krb5LucidContextV1.rfc1964Kd}); 1: RFC 4121 CFX tokens ({@link Krb5LucidContextV1.cfxKd}). */
  readonly protocol: number;
  /** The key data when `protocol` is 0, else undefined. */
  readonly rfc1964Kd: Rfc1964KeyData | undefined;
  /** The key data when `protocol` is 1, else undefined. */
  readonly cfxKd: CfxKeyData | undefined;
}

/**
 * Kerberos ticket flags (RFC 4120 section 5.3), as {@link krb5GetTktFlags}
 * returns them: bit 0 (the most significant) is `0x80000000`.
 *
 * @example
 * ```ts
 * const flags = krb5GetTktFlagsSync(acceptorCtx);
 * if (flags & Krb5TicketFlag.forwardable) console.log('the client may forward this ticket');
 * ```
 */
export const Krb5TicketFlag = Object.freeze({
  /** TKT_FLG_FORWARDABLE */
  forwardable: 0x40000000,
  /** TKT_FLG_FORWARDED */
  forwarded: 0x20000000,
  /** TKT_FLG_PROXIABLE */
  proxiable: 0x10000000,
  /** TKT_FLG_PROXY */
  proxy: 0x08000000,
  /** TKT_FLG_MAY_POSTDATE */
  mayPostdate: 0x04000000,
  /** TKT_FLG_POSTDATED */
  postdated: 0x02000000,
  /** TKT_FLG_INVALID */
  invalid: 0x01000000,
  /** TKT_FLG_RENEWABLE */
  renewable: 0x00800000,
  /** TKT_FLG_INITIAL */
  initial: 0x00400000,
  /** TKT_FLG_PRE_AUTH */
  preAuthent: 0x00200000,
  /** TKT_FLG_HW_AUTH */
  hwAuthent: 0x00100000,
  /** TKT_FLG_TRANSIT_POLICY_CHECKED */
  transitPolicyChecked: 0x00080000,
  /** TKT_FLG_OK_AS_DELEGATE */
  okAsDelegate: 0x00040000,
  /** TKT_FLG_ENC_PA_REP */
  encPaRep: 0x00010000,
  /** TKT_FLG_ANONYMOUS */
  anonymous: 0x00008000,
} as const);

/**
 * Options of {@link krb5ImportCred}: at least one of `cache` and `keytab`.
 *
 * @example
 * ```ts
 * const options: Krb5ImportCredOptions = { keytab: 'FILE:/etc/krb5.keytab', keytabPrincipal: 'HTTP/www.example.com' };
 * ```
 */
export interface Krb5ImportCredOptions {
  /**
   * A ticket cache name for initiator credentials, as `krb5_cc_resolve` reads it:
   * `FILE:/tmp/krb5cc_1000`, `DIR:...`, `KEYRING:...`, `MEMORY:...` (a bare path means `FILE:`).
   */
  cache?: string | null;
  /** With `keytab`: the only principal whose keys may be used to accept (default: any key in the keytab). */
  keytabPrincipal?: string | null;
  /** A keytab name for acceptor credentials, as `krb5_kt_resolve` reads it (`FILE:/etc/krb5.keytab`). */
  keytab?: string | null;
}

// ---------------------------------------------------------------------------
// krb5CcacheName

function ccacheArgs(name: unknown): NativeArgs['krb5CcacheName'] {
  requireSymbol('krb5', 'gss_krb5_ccache_name');
  if (name === undefined || name === null) return [undefined];
  if (typeof name !== 'string') throw new TypeError(`name must be a string or null (got ${describe(name)})`);
  if (name.includes('\0')) throw new RangeError('name must not contain NUL characters');
  return [name];
}

const previousOf = (r: NativeResults['krb5CcacheName']): string | undefined => r.previous;

/**
 * Sets the ticket cache that later GSSAPI calls **on the calling thread**
 * use for default initiator credentials (`gss_krb5_ccache_name`), and
 * returns the name that was in force before.
 *
 * **Avoid this function; pass the cache explicitly instead**, with the
 * credential store calls (`acquireCredFrom({ store: { ccache } })`) or
 * {@link krb5ImportCred}. MIT keeps this setting per thread, so:
 *
 * - {@link krb5CcacheNameSync} changes the JavaScript thread's setting:
 *   every later *Sync* call on that thread sees it, but no Promise call does
 *   (they run on other threads);
 * - this Promise form changes the setting of **whichever libuv pool thread
 *   happens to run it**, where it stays for every later call that lands on
 *   that thread, from any part of the program: one caller's ticket cache leaks
 *   into another's. It exists only to mirror python-gssapi.
 *
 * Heimdal makes the setting process-wide and returns no previous name.
 *
 * @param name - the cache name (`FILE:/path`, `MEMORY:x`, ...), or null to go back to the default.
 * @returns the previous name (MIT: the default name when none was set), or undefined when the library gives none.
 * @example
 * ```ts
 * // Prefer krb5CcacheNameSync, and always restore:
 * const previous = await krb5CcacheName('MEMORY:scratch');
 * await krb5CcacheName(previous ?? null);
 * ```
 */
export async function krb5CcacheName(name: string | null): Promise<string | undefined> {
  return callAsync('krb5CcacheName', ccacheArgs(name), previousOf);
}

/**
 * Synchronous form of {@link krb5CcacheName}: sets the ticket cache of the
 * JavaScript thread (MIT) for later *Sync* calls on it. Restore the previous
 * name when done; better, pass caches explicitly (see {@link krb5CcacheName}).
 *
 * @param name - the cache name, or null for the default.
 * @returns the previous name, or undefined when the library gives none.
 * @example
 * ```ts
 * const previous = krb5CcacheNameSync(`FILE:${path}`);
 * try {
 *   const { creds } = acquireCredSync({ usage: 'initiate' });
 * } finally {
 *   krb5CcacheNameSync(previous ?? null);
 * }
 * ```
 */
export function krb5CcacheNameSync(name: string | null): string | undefined {
  return callSync('krb5CcacheName', ccacheArgs(name), previousOf);
}

// ---------------------------------------------------------------------------
// krb5ExportLucidSecContext

function lucidArgs(context: unknown, version: unknown): NativeArgs['krb5ExportLucidSecContext'] {
  requireSymbol('krb5', 'gss_krb5_export_lucid_sec_context');
  requireSymbol('krb5', 'gss_krb5_free_lucid_sec_context');
  return [nativeContext(contextArg(context, 'context')), uint32Arg(version, 'version', 1)];
}

function cfx(kd: NativeCfxKeyData): CfxKeyData {
  return Object.freeze({
    ctxKeyType: kd.ctxKeyType,
    ctxKey: kd.ctxKey,
    acceptorSubkeyType: kd.acceptorSubkeyType,
    acceptorSubkey: kd.acceptorSubkey,
  });
}

function lucidFinish(r: NativeResults['krb5ExportLucidSecContext']): Krb5LucidContext | Krb5LucidContextV1 {
  const l = r.lucid as NativeLucidContext;
  if (l.version !== 1) return Object.freeze({ version: l.version });
  return Object.freeze({
    version: 1,
    isInitiator: l.isInitiator === true,
    endtime: l.endtime ?? 0,
    sendSeq: l.sendSeq ?? 0n,
    recvSeq: l.recvSeq ?? 0n,
    protocol: l.protocol ?? 0,
    rfc1964Kd: l.rfc1964Kd ? Object.freeze({ ...l.rfc1964Kd }) : undefined,
    cfxKd: l.cfxKd ? cfx(l.cfxKd) : undefined,
  });
}

/**
 * Exports a Kerberos context in lucid form (`gss_krb5_export_lucid_sec_context`,
 * then `gss_krb5_free_lucid_sec_context` once every field is copied).
 *
 * **The context is consumed**: MIT deletes it, so `context.started` is false
 * afterwards and any later call on it fails with `GSS_S_NO_CONTEXT`. The
 * result holds the context's keys: never log it.
 *
 * @param context - an established Kerberos context (not SPNEGO-wrapped: MIT
 *   accepts a SPNEGO context whose chosen mechanism is krb5).
 * @param version - the structure version (default 1, the only one MIT knows).
 * @returns the lucid context.
 * @throws GSSError for a context that is not Kerberos or not established, or an unknown version.
 * @example
 * ```ts
 * const lucid = await krb5ExportLucidSecContext(ctx);
 * lucid.sendSeq; // e.g. 276467834n
 * ```
 */
export async function krb5ExportLucidSecContext(context: SecurityContextLike, version?: 1): Promise<Krb5LucidContextV1>;
/**
 * Exports a lucid context of another structure version (only `version` is read).
 *
 * @param context - an established Kerberos context.
 * @param version - the structure version.
 * @returns the lucid context.
 * @example
 * ```ts
 * await krb5ExportLucidSecContext(ctx, 2); // MIT: GSSError, unknown version
 * ```
 */
export async function krb5ExportLucidSecContext(
  context: SecurityContextLike,
  version: number,
): Promise<Krb5LucidContext>;
export async function krb5ExportLucidSecContext(
  context: SecurityContextLike,
  version?: number,
): Promise<Krb5LucidContext | Krb5LucidContextV1> {
  return callAsync('krb5ExportLucidSecContext', lucidArgs(context, version), lucidFinish);
}

/**
 * Synchronous form of {@link krb5ExportLucidSecContext}. The context is consumed.
 *
 * @param context - an established Kerberos context.
 * @param version - the structure version (default 1).
 * @returns the lucid context.
 * @example
 * ```ts
 * const { sendSeq, recvSeq, cfxKd } = krb5ExportLucidSecContextSync(ctx);
 * ```
 */
export function krb5ExportLucidSecContextSync(context: SecurityContextLike, version?: 1): Krb5LucidContextV1;
/**
 * Synchronous form for another structure version (only `version` is read).
 *
 * @param context - an established Kerberos context.
 * @param version - the structure version.
 * @returns the lucid context.
 * @example
 * ```ts
 * krb5ExportLucidSecContextSync(ctx, 2); // MIT: GSSError, unknown version
 * ```
 */
export function krb5ExportLucidSecContextSync(context: SecurityContextLike, version: number): Krb5LucidContext;
export function krb5ExportLucidSecContextSync(
  context: SecurityContextLike,
  version?: number,
): Krb5LucidContext | Krb5LucidContextV1 {
  return callSync('krb5ExportLucidSecContext', lucidArgs(context, version), lucidFinish);
}

// ---------------------------------------------------------------------------
// authtime, authorization data, ticket flags

function authtimeArgs(context: unknown): NativeArgs['krb5ExtractAuthtimeFromSecContext'] {
  requireSymbol('krb5', 'gsskrb5_extract_authtime_from_sec_context');
  return [nativeContext(contextArg(context, 'context'))];
}

const authtimeOf = (r: NativeResults['krb5ExtractAuthtimeFromSecContext']): number => r.authtime ?? 0;

/**
 * When the client authenticated to the KDC for the ticket behind this
 * context (the ticket's `authtime`; `gsskrb5_extract_authtime_from_sec_context`).
 * Useful to demand a recent login. MIT answers on both sides; Heimdal on the
 * acceptor only.
 *
 * @param context - an established Kerberos context.
 * @returns seconds since the epoch (multiply by 1000 for a `Date`).
 * @throws GSSError for a context that is not Kerberos or not established.
 * @example
 * ```ts
 * const authtime = await krb5ExtractAuthtimeFromSecContext(serverCtx);
 * if (Date.now() / 1000 - authtime > 300) throw new Error('log in again');
 * ```
 */
export async function krb5ExtractAuthtimeFromSecContext(context: SecurityContextLike): Promise<number> {
  return callAsync('krb5ExtractAuthtimeFromSecContext', authtimeArgs(context), authtimeOf);
}

/**
 * Synchronous form of {@link krb5ExtractAuthtimeFromSecContext}.
 *
 * @param context - an established Kerberos context.
 * @returns seconds since the epoch.
 * @example
 * ```ts
 * new Date(krb5ExtractAuthtimeFromSecContextSync(serverCtx) * 1000);
 * ```
 */
export function krb5ExtractAuthtimeFromSecContextSync(context: SecurityContextLike): number {
  return callSync('krb5ExtractAuthtimeFromSecContext', authtimeArgs(context), authtimeOf);
}

function authzArgs(context: unknown, adType: unknown): NativeArgs['krb5ExtractAuthzDataFromSecContext'] {
  requireSymbol('krb5', 'gsskrb5_extract_authz_data_from_sec_context');
  if (typeof adType !== 'number') throw new TypeError(`adType must be a number (got ${describe(adType)})`);
  if (!Number.isInteger(adType) || adType < -0x80000000 || adType > 0x7fffffff) {
    throw new RangeError(`adType must be a 32-bit integer (got ${adType})`);
  }
  return [nativeContext(contextArg(context, 'context')), adType];
}

const dataOf = (r: NativeResults['krb5ExtractAuthzDataFromSecContext']): Buffer => r.data ?? Buffer.alloc(0);

/**
 * The ticket's authorization data of one type
 * (`gsskrb5_extract_authz_data_from_sec_context`), e.g. 128 for the
 * Microsoft PAC (AD-WIN2K-PAC) that MIT 1.20+ and Active Directory KDCs put
 * in tickets. Acceptor side only.
 *
 * @param context - an established acceptor Kerberos context.
 * @param adType - the authorization data type (RFC 4120 section 7.5.4; 128 = PAC).
 * @returns the element's bytes (for the PAC: the raw PAC).
 * @throws GSSError when the ticket has no element of that type, or on an initiator context.
 * @example
 * ```ts
 * const pac = await krb5ExtractAuthzDataFromSecContext(serverCtx, 128);
 * ```
 */
export async function krb5ExtractAuthzDataFromSecContext(
  context: SecurityContextLike,
  adType: number,
): Promise<Buffer> {
  return callAsync('krb5ExtractAuthzDataFromSecContext', authzArgs(context, adType), dataOf);
}

/**
 * Synchronous form of {@link krb5ExtractAuthzDataFromSecContext}.
 *
 * @param context - an established acceptor Kerberos context.
 * @param adType - the authorization data type (128 = PAC).
 * @returns the element's bytes.
 * @example
 * ```ts
 * const pac = krb5ExtractAuthzDataFromSecContextSync(serverCtx, 128);
 * ```
 */
export function krb5ExtractAuthzDataFromSecContextSync(context: SecurityContextLike, adType: number): Buffer {
  return callSync('krb5ExtractAuthzDataFromSecContext', authzArgs(context, adType), dataOf);
}

function tktFlagsArgs(context: unknown): NativeArgs['krb5GetTktFlags'] {
  requireSymbol('krb5', 'gss_krb5_get_tkt_flags');
  return [nativeContext(contextArg(context, 'context'))];
}

const flagsOf = (r: NativeResults['krb5GetTktFlags']): number => (r.flags ?? 0) >>> 0;

/**
 * The flags of the service ticket behind a Kerberos context
 * (`gss_krb5_get_tkt_flags`), e.g. whether the client's ticket is
 * forwardable ({@link Krb5TicketFlag}). Meant for acceptors.
 *
 * @param context - an established Kerberos context.
 * @returns the ticket flags as an unsigned 32-bit number.
 * @throws GSSError for a context that is not Kerberos or not established.
 * @example
 * ```ts
 * const forwardable = ((await krb5GetTktFlags(serverCtx)) & Krb5TicketFlag.forwardable) !== 0;
 * ```
 */
export async function krb5GetTktFlags(context: SecurityContextLike): Promise<number> {
  return callAsync('krb5GetTktFlags', tktFlagsArgs(context), flagsOf);
}

/**
 * Synchronous form of {@link krb5GetTktFlags}.
 *
 * @param context - an established Kerberos context.
 * @returns the ticket flags.
 * @example
 * ```ts
 * krb5GetTktFlagsSync(serverCtx) & Krb5TicketFlag.forwardable;
 * ```
 */
export function krb5GetTktFlagsSync(context: SecurityContextLike): number {
  return callSync('krb5GetTktFlags', tktFlagsArgs(context), flagsOf);
}

// ---------------------------------------------------------------------------
// krb5ImportCred

let krb5Available: { available: boolean; error?: string } | undefined;

function optionalName(value: unknown, arg: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new TypeError(`${arg} must be a string (got ${describe(value)})`);
  if (value === '' || value.includes('\0')) throw new RangeError(`${arg} must be a non-empty string without NUL`);
  return value;
}

function importArgs(options: Krb5ImportCredOptions | undefined): NativeArgs['krb5ImportCred'] {
  requireSymbol('krb5', 'gss_krb5_import_cred');
  const o = optionsArg(options);
  const cache = optionalName(o.cache, 'options.cache');
  const keytabPrincipal = optionalName(o.keytabPrincipal, 'options.keytabPrincipal');
  const keytab = optionalName(o.keytab, 'options.keytab');
  if (cache === undefined && keytab === undefined) {
    throw new TypeError('krb5ImportCred needs options.cache or options.keytab');
  }
  if (keytabPrincipal !== undefined && keytab === undefined) {
    throw new TypeError('options.keytabPrincipal needs options.keytab');
  }
  if (krb5Available === undefined) {
    const report = native().krb5LibrarySync();
    krb5Available = { available: report.available === true, error: report.error };
  }
  if (!krb5Available.available) {
    const error = new ExtensionUnavailableError('krb5_cc_resolve', 'krb5');
    const detail = krb5Available.error ?? 'libkrb5 is unavailable';
    Object.defineProperty(error, 'cause', { value: new Error(detail), configurable: true, writable: true });
    throw error;
  }
  return [cache, keytabPrincipal, keytab];
}

const importFinish = (r: NativeResults['krb5ImportCred']): Creds => Creds.fromNative(r.creds as NativeCreds);

/**
 * Makes Kerberos credentials from a named ticket cache and/or keytab
 * (`gss_krb5_import_cred`). python-gssapi passes raw `krb5_ccache` /
 * `krb5_principal` / `krb5_keytab` pointers; here the names are resolved
 * with the loaded GSSAPI library's own libkrb5 (`krb5_cc_resolve`,
 * `krb5_parse_name`, `krb5_kt_resolve`), and its handles are closed again
 * before the call returns. With `cache` only the credentials initiate; with
 * `keytab` only they accept; with both, both.
 *
 * Unlike {@link krb5CcacheName}, this names the cache for these credentials
 * only, safe with concurrent callers. The credential store call
 * `acquireCredFrom` does the same portably.
 *
 * MIT checks little at import time: a cache file that does not exist is not
 * an error, and when a client keytab is configured (`KRB5_CLIENT_KTNAME`) MIT
 * gets a ticket with it and **creates** that cache file.
 *
 * @param options - `cache`, `keytab`, `keytabPrincipal` (at least `cache` or `keytab`).
 * @returns the new credentials.
 * @throws ExtensionUnavailableError when libkrb5 cannot be loaded; GSSError
 *   (`GSS_S_FAILURE` with the libkrb5 message) for a name that does not
 *   resolve, an empty cache, a principal not in the keytab.
 * @example
 * ```ts
 * const creds = await krb5ImportCred({ cache: 'FILE:/tmp/krb5cc_alice' });
 * const first = await initSecContext(target, { creds });
 * ```
 */
export async function krb5ImportCred(options: Krb5ImportCredOptions): Promise<Creds> {
  return callAsync('krb5ImportCred', importArgs(options), importFinish);
}

/**
 * Synchronous form of {@link krb5ImportCred}.
 *
 * @param options - `cache`, `keytab`, `keytabPrincipal`.
 * @returns the new credentials.
 * @example
 * ```ts
 * const acceptor = krb5ImportCredSync({ keytab: 'FILE:/etc/krb5.keytab', keytabPrincipal: 'HTTP/www.example.com' });
 * ```
 */
export function krb5ImportCredSync(options: Krb5ImportCredOptions): Creds {
  return callSync('krb5ImportCred', importArgs(options), importFinish);
}

// ---------------------------------------------------------------------------
// krb5SetAllowableEnctypes

function enctypesArgs(creds: unknown, enctypes: unknown): NativeArgs['krb5SetAllowableEnctypes'] {
  requireSymbol('krb5', 'gss_krb5_set_allowable_enctypes');
  const handle = optionalCredsArg(creds, 'creds');
  if (handle === undefined) throw new TypeError('creds must be a Creds (not the default credentials)');
  if (typeof enctypes !== 'object' || enctypes === null || !(Symbol.iterator in enctypes)) {
    throw new TypeError(`enctypes must be an iterable of numbers (got ${describe(enctypes)})`);
  }
  const list = Array.from(enctypes as Iterable<unknown>, (value, i) => {
    if (typeof value !== 'number') throw new TypeError(`enctypes[${i}] must be a number (got ${describe(value)})`);
    if (!Number.isInteger(value) || value < -0x80000000 || value > 0x7fffffff) {
      throw new RangeError(`enctypes[${i}] must be a 32-bit integer (got ${value})`);
    }
    return value;
  });
  return [handle, list];
}

const nothing = (): void => undefined;

/**
 * Restricts the enctypes Kerberos may negotiate for contexts initiated with
 * `creds` (`gss_krb5_set_allowable_enctypes`): the service ticket's session
 * key and the subkeys. Call it after acquiring the credentials and before
 * {@link initSecContext}. MIT does not reuse a cached service ticket whose
 * session key is not allowed; it asks the KDC for a new one.
 *
 * @param creds - initiator credentials (not the default `null`).
 * @param enctypes - the allowed enctype numbers, e.g. `[17]` for aes128-cts-hmac-sha1-96, `[18]` for aes256.
 * @throws GSSError for credentials that are not Kerberos, or no enctype MIT permits.
 * @example
 * ```ts
 * const { creds } = await acquireCred({ usage: 'initiate' });
 * await krb5SetAllowableEnctypes(creds, [18, 17]);
 * ```
 */
export async function krb5SetAllowableEnctypes(creds: CredsLike, enctypes: Iterable<number>): Promise<void> {
  return callAsync('krb5SetAllowableEnctypes', enctypesArgs(creds, enctypes), nothing);
}

/**
 * Synchronous form of {@link krb5SetAllowableEnctypes}.
 *
 * @param creds - initiator credentials.
 * @param enctypes - the allowed enctype numbers.
 * @example
 * ```ts
 * krb5SetAllowableEnctypesSync(creds, [17]);
 * ```
 */
export function krb5SetAllowableEnctypesSync(creds: CredsLike, enctypes: Iterable<number>): void {
  callSync('krb5SetAllowableEnctypes', enctypesArgs(creds, enctypes), nothing);
}
