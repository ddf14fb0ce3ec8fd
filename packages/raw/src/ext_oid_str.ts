/**
 * OID text conversion by the library: `gss_str_to_oid` and `gss_oid_to_str`
 * (MIT krb5; Heimdal lacks `gss_str_to_oid`). MIT's text form is
 * `{ 1 2 840 113554 1 2 2 }`; it also reads dotted text. For conversions
 * without the library, use {@link OID.fromIntSeq} and {@link OID.dottedForm}.
 * Each as `fn()` (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { type OID, oidFromBinding } from './oids.js';
import { oidArg, textOrBytesArg } from './validate.js';

function strArgs(text: unknown): NativeArgs['strToOid'] {
  requireSymbol('oidStr', 'gss_str_to_oid');
  return [textOrBytesArg(text, 'text')];
}

const oidOf = (r: NativeResults['strToOid']): OID => oidFromBinding(r.oid as Buffer);

/**
 * Parses the text form of an OID with the library's parser (`gss_str_to_oid`).
 * MIT accepts `{ 1 2 840 113554 1 2 2 }` and `1.2.840.113554.1.2.2`.
 *
 * @param text - the OID text.
 * @returns the OID.
 * @throws GSSError (GSS_S_FAILURE) when the library cannot parse the text.
 * @example
 * ```ts
 * (await strToOid('{ 1 2 840 113554 1 2 2 }')).equals(MechType.kerberos); // true
 * ```
 */
export async function strToOid(text: string | Uint8Array): Promise<OID> {
  return callAsync('strToOid', strArgs(text), oidOf);
}

/**
 * Synchronous form of {@link strToOid}.
 *
 * @param text - the OID text.
 * @returns the OID.
 * @example
 * ```ts
 * strToOidSync('1.3.6.1.5.5.2').equals(MechType.spnego); // true
 * ```
 */
export function strToOidSync(text: string | Uint8Array): OID {
  return callSync('strToOid', strArgs(text), oidOf);
}

function oidStrArgs(oid: unknown): NativeArgs['oidToStr'] {
  requireSymbol('oidStr', 'gss_oid_to_str');
  return [oidArg(oid, 'oid')];
}

const textOf = (r: NativeResults['oidToStr']): string => {
  // MIT counts the terminating NUL in the buffer length.
  const bytes = r.text as Buffer;
  const end = bytes.indexOf(0);
  return bytes.toString('utf8', 0, end === -1 ? bytes.length : end);
};

/**
 * The library's text form of an OID (`gss_oid_to_str`); MIT writes
 * `{ 1 2 840 113554 1 2 2 }`. The trailing NUL MIT counts in the length is
 * dropped.
 *
 * @param oid - the OID.
 * @returns the text.
 * @example
 * ```ts
 * await oidToStr(MechType.kerberos); // '{ 1 2 840 113554 1 2 2 }'
 * ```
 */
export async function oidToStr(oid: OID): Promise<string> {
  return callAsync('oidToStr', oidStrArgs(oid), textOf);
}

/**
 * Synchronous form of {@link oidToStr}.
 *
 * @param oid - the OID.
 * @returns the text.
 * @example
 * ```ts
 * oidToStrSync(MechType.spnego); // '{ 1 3 6 1 5 5 2 }'
 * ```
 */
export function oidToStrSync(oid: OID): string {
  return callSync('oidToStr', oidStrArgs(oid), textOf);
}
