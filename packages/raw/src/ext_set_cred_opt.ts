/**
 * `gss_set_cred_option` (a Heimdal extension that MIT krb5 also provides), as
 * python-gssapi's `ext_set_cred_opt`. As `fn()` (Promise, worker thread) and
 * `fnSync()`.
 */
import type { NativeArgs, NativeCreds, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { Creds, type CredsLike, optionalCredsArg } from './handles.js';
import { type OID, oidFromBinding } from './oids.js';
import { oidArg, optionalBytesArg } from './validate.js';

/**
 * DER prefixes of the options MIT's Kerberos mechanism applies to an existing
 * credential without checking for GSS_C_NO_CREDENTIAL (it matches options by
 * prefix): called without credentials they dereference a null pointer and
 * crash the process. GSS_KRB5_COPY_CCACHE (1.2.840.113554.1.2.2.5.2),
 * GSS_KRB5_SET_ALLOWABLE_ENCTYPES (...5.4), GSS_KRB5_SET_CRED_RCACHE (...5.11),
 * GSS_KRB5_CRED_NO_CI_FLAGS_X (1.2.752.43.13.29).
 */
const NEEDS_CREDS: readonly Buffer[] = [
  '2a864886f71201020205 02',
  '2a864886f71201020205 04',
  '2a864886f71201020205 0b',
  '2a85702b0d1d',
].map((hex) => Buffer.from(hex.replace(' ', ''), 'hex'));

function setArgs(desiredAspect: unknown, creds: unknown, value: unknown) {
  const oid = oidArg(desiredAspect, 'desiredAspect');
  const nativeCreds = optionalCredsArg(creds, 'creds');
  const bytes = optionalBytesArg(value, 'value');
  if (nativeCreds === undefined && NEEDS_CREDS.some((prefix) => oid.subarray(0, prefix.length).equals(prefix))) {
    throw new TypeError(`creds is required for option ${oidFromBinding(oid)}: it changes existing credentials`);
  }
  const args: NativeArgs['setCredOption'] = [oid, nativeCreds, bytes];
  const given =
    creds === undefined || creds === null ? undefined : creds instanceof Creds ? creds : (creds as { raw: Creds }).raw;
  const finish = (r: NativeResults['setCredOption']): Creds => given ?? Creds.fromNative(r.creds as NativeCreds);
  return { args, finish };
}

/**
 * Sets a mechanism-specific option on credentials (`gss_set_cred_option`;
 * Heimdal extension, also in MIT krb5). With MIT's Kerberos mechanism, for
 * example, GSS_KRB5_CRED_NO_CI_FLAGS_X (`1.2.752.43.13.29`, no value) stops
 * an initiator from offering confidentiality and integrity when they were
 * not requested.
 *
 * @param desiredAspect - the option's OID (an {@link OID} or a dotted string).
 * @param creds - the credentials to change (changed in place); omit to let the mechanism create new ones.
 * @param value - the option's value, if it takes one.
 * @returns `creds` itself, or the new credentials when none were given.
 * @throws OperationUnavailableError (GSS_S_UNAVAILABLE) when no mechanism of
 *   the credentials knows the option; TypeError without `creds` for the MIT
 *   Kerberos options that change existing credentials (MIT would dereference
 *   a null handle); ExtensionUnavailableError when the library lacks
 *   `gss_set_cred_option`.
 * @example
 * ```ts
 * const { creds } = await acquireCred({ usage: 'initiate' });
 * await setCredOption('1.2.752.43.13.29', creds); // GSS_KRB5_CRED_NO_CI_FLAGS_X
 * ```
 */
export async function setCredOption(
  desiredAspect: OID | string,
  creds?: CredsLike | null,
  value?: Uint8Array | null,
): Promise<Creds> {
  requireSymbol('setCredOpt', 'gss_set_cred_option');
  const { args, finish } = setArgs(desiredAspect, creds, value);
  return callAsync('setCredOption', args, finish);
}

/**
 * Synchronous form of {@link setCredOption}.
 *
 * @param desiredAspect - the option's OID.
 * @param creds - the credentials to change (changed in place); omit to let the mechanism create new ones.
 * @param value - the option's value, if it takes one.
 * @returns `creds` itself, or the new credentials.
 * @example
 * ```ts
 * setCredOptionSync(OID.fromIntSeq('1.2.752.43.13.29'), creds) === creds; // true
 * ```
 */
export function setCredOptionSync(
  desiredAspect: OID | string,
  creds?: CredsLike | null,
  value?: Uint8Array | null,
): Creds {
  requireSymbol('setCredOpt', 'gss_set_cred_option');
  const { args, finish } = setArgs(desiredAspect, creds, value);
  return callSync('setCredOption', args, finish);
}
