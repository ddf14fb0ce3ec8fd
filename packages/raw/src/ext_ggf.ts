/**
 * The GGF extensions (Global Grid Forum GSS-API extensions, also in MIT and
 * Heimdal): `gss_inquire_cred_by_oid`, `gss_inquire_sec_context_by_oid` and
 * `gss_set_sec_context_option`. Each asks or sets one mechanism-specific aspect
 * named by an OID. Each as `fn()` (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import {
  type CredsLike,
  contextArg,
  nativeContext,
  optionalCredsArg,
  SecurityContext,
  type SecurityContextLike,
} from './handles.js';
import { OID } from './oids.js';
import { oidArg, optionalBytesArg, optionsArg } from './validate.js';

/**
 * `GSS_C_INQ_SSPI_SESSION_KEY` (1.2.840.113554.1.2.2.5.5): asked with
 * {@link inquireSecContextByOid}, MIT's krb5 mechanism answers the context's
 * session key (the acceptor subkey when there is one) and, second, an OID
 * naming its enctype (`1.2.840.113554.1.2.2.4.<enctype>`).
 *
 * @example
 * ```ts
 * const [key, enctypeOid] = inquireSecContextByOidSync(ctx, GSS_C_INQ_SSPI_SESSION_KEY);
 * ```
 */
export const GSS_C_INQ_SSPI_SESSION_KEY: OID = OID.fromIntSeq('1.2.840.113554.1.2.2.5.5');

/**
 * `GSS_KRB5_GET_CRED_IMPERSONATOR` (1.2.840.113554.1.2.2.5.14): asked with
 * {@link inquireCredByOid}, MIT answers the impersonator's principal name for
 * credentials obtained through S4U2Self/constrained delegation, and no
 * buffers for other credentials.
 *
 * @example
 * ```ts
 * const [impersonator] = inquireCredByOidSync(creds, GSS_KRB5_GET_CRED_IMPERSONATOR);
 * ```
 */
export const GSS_KRB5_GET_CRED_IMPERSONATOR: OID = OID.fromIntSeq('1.2.840.113554.1.2.2.5.14');

/**
 * Options of {@link setSecContextOption}.
 *
 * @example
 * ```ts
 * const options: SetSecContextOptionOptions = { context: ntlmCtx, value: Buffer.alloc(4) };
 * ```
 */
export interface SetSecContextOptionOptions {
  /** The context to change (default: a new, empty one that the library may fill). */
  context?: SecurityContextLike | null;
  /** The option's value (default: none, `GSS_C_NO_BUFFER`). */
  value?: Uint8Array | null;
}

const values = (r: { values?: Buffer[] }): Buffer[] => r.values ?? [];

function credArgs(creds: unknown, desiredAspect: unknown): NativeArgs['inquireCredByOid'] {
  requireSymbol('ggf', 'gss_inquire_cred_by_oid');
  const handle = optionalCredsArg(creds, 'creds');
  if (handle === undefined) throw new TypeError('creds must be a Creds');
  return [handle, oidArg(desiredAspect, 'desiredAspect')];
}

/**
 * Asks credentials for one mechanism-specific aspect named by an OID
 * (`gss_inquire_cred_by_oid`, a GGF extension).
 *
 * MIT asks each mechanism of the credentials in turn and returns the status
 * of the **last** one: default credentials that also hold an NTLM element
 * (gss-ntlmssp installed) fail with `GSS_S_UNAVAILABLE` even though krb5
 * answered. Acquire credentials for the one mechanism you are asking about.
 *
 * @param creds - the credentials.
 * @param desiredAspect - the aspect, e.g. {@link GSS_KRB5_GET_CRED_IMPERSONATOR}.
 * @returns the buffers the mechanisms answered (possibly none).
 * @throws GSSError when the (last) mechanism of the credentials does not know
 *   the OID (MIT: `GSS_S_UNAVAILABLE`).
 * @example
 * ```ts
 * const answer = await inquireCredByOid(creds, GSS_KRB5_GET_CRED_IMPERSONATOR);
 * ```
 */
export async function inquireCredByOid(creds: CredsLike, desiredAspect: OID | string): Promise<Buffer[]> {
  return callAsync('inquireCredByOid', credArgs(creds, desiredAspect), values);
}

/**
 * Synchronous form of {@link inquireCredByOid}.
 *
 * @param creds - the credentials.
 * @param desiredAspect - the aspect.
 * @returns the buffers the mechanism answered.
 * @example
 * ```ts
 * inquireCredByOidSync(creds, GSS_KRB5_GET_CRED_IMPERSONATOR).length; // 0 for your own ticket
 * ```
 */
export function inquireCredByOidSync(creds: CredsLike, desiredAspect: OID | string): Buffer[] {
  return callSync('inquireCredByOid', credArgs(creds, desiredAspect), values);
}

function contextOidArgs(context: unknown, desiredAspect: unknown): NativeArgs['inquireSecContextByOid'] {
  requireSymbol('ggf', 'gss_inquire_sec_context_by_oid');
  return [nativeContext(contextArg(context, 'context')), oidArg(desiredAspect, 'desiredAspect')];
}

/**
 * Asks a security context for one mechanism-specific aspect named by an OID
 * (`gss_inquire_sec_context_by_oid`, a GGF extension), e.g. the session key
 * SMB signing needs ({@link GSS_C_INQ_SSPI_SESSION_KEY}). The answer may hold
 * key material: never log it.
 *
 * @param context - the context (usually established).
 * @param desiredAspect - the aspect.
 * @returns the buffers the mechanism answered.
 * @throws GSSError when the mechanism does not know the OID (MIT: `GSS_S_UNAVAILABLE`).
 * @example
 * ```ts
 * const [sessionKey] = await inquireSecContextByOid(ctx, GSS_C_INQ_SSPI_SESSION_KEY);
 * ```
 */
export async function inquireSecContextByOid(
  context: SecurityContextLike,
  desiredAspect: OID | string,
): Promise<Buffer[]> {
  return callAsync('inquireSecContextByOid', contextOidArgs(context, desiredAspect), values);
}

/**
 * Synchronous form of {@link inquireSecContextByOid}.
 *
 * @param context - the context.
 * @param desiredAspect - the aspect.
 * @returns the buffers the mechanism answered.
 * @example
 * ```ts
 * const [sessionKey, enctypeOid] = inquireSecContextByOidSync(ctx, GSS_C_INQ_SSPI_SESSION_KEY);
 * ```
 */
export function inquireSecContextByOidSync(context: SecurityContextLike, desiredAspect: OID | string): Buffer[] {
  return callSync('inquireSecContextByOid', contextOidArgs(context, desiredAspect), values);
}

function optionArgs(desiredAspect: unknown, options: SetSecContextOptionOptions | undefined) {
  requireSymbol('ggf', 'gss_set_sec_context_option');
  const o = optionsArg(options);
  const context =
    o.context === undefined || o.context === null ? SecurityContext.empty() : contextArg(o.context, 'options.context');
  const args: NativeArgs['setSecContextOption'] = [
    nativeContext(context),
    oidArg(desiredAspect, 'desiredAspect'),
    optionalBytesArg(o.value, 'options.value'),
  ];
  return { args, finish: (_: NativeResults['setSecContextOption']): SecurityContext => context };
}

/**
 * Sets one mechanism-specific option of a security context, named by an OID
 * (`gss_set_sec_context_option`, a GGF extension). Example: gss-ntlmssp's
 * reset-crypto option 1.3.6.1.4.1.7165.655.1.3 with a 4-byte value. The
 * context is changed in place and returned.
 *
 * @param desiredAspect - the option.
 * @param options - `context` (default: a new empty one), `value`.
 * @returns the context (the one given, or the new one).
 * @throws GSSError when the mechanism does not know the option (MIT:
 *   `GSS_S_UNAVAILABLE`), or `GSS_S_NO_CONTEXT` for an empty context that no
 *   mechanism will create.
 * @example
 * ```ts
 * await setSecContextOption('1.3.6.1.4.1.7165.655.1.3', { context: ntlmCtx, value: Buffer.alloc(4) });
 * ```
 */
export async function setSecContextOption(
  desiredAspect: OID | string,
  options?: SetSecContextOptionOptions,
): Promise<SecurityContext> {
  const { args, finish } = optionArgs(desiredAspect, options);
  return callAsync('setSecContextOption', args, finish);
}

/**
 * Synchronous form of {@link setSecContextOption}.
 *
 * @param desiredAspect - the option.
 * @param options - `context`, `value`.
 * @returns the context.
 * @example
 * ```ts
 * setSecContextOptionSync('1.3.6.1.4.1.7165.655.1.3', { context: ntlmCtx, value: Buffer.alloc(4) });
 * ```
 */
export function setSecContextOptionSync(
  desiredAspect: OID | string,
  options?: SetSecContextOptionOptions,
): SecurityContext {
  const { args, finish } = optionArgs(desiredAspect, options);
  return callSync('setSecContextOption', args, finish);
}
