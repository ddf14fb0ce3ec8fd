/**
 * RFC 5801 SASL (GS2) mechanism names: `gss_inquire_saslname_for_mech` and
 * `gss_inquire_mech_for_saslname`. Each as `fn()` (Promise, worker thread)
 * and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { type OID, oidFromBinding } from './oids.js';
import { oidArg, textOrBytesArg } from './validate.js';

/**
 * The SASL names of a mechanism ({@link inquireSaslnameForMech}).
 *
 * @example
 * ```ts
 * inquireSaslnameForMechSync(MechType.kerberos);
 * // { saslMechName: 'GS2-KRB5', mechName: 'krb5', mechDescription: 'Kerberos 5 GSS-API Mechanism' }
 * ```
 */
export interface InquireSASLNameResult {
  /** The SASL mechanism name (RFC 5801 GS2 name, e.g. 'GS2-KRB5'). */
  readonly saslMechName: string;
  /** The mechanism's short name ('' when it has none). */
  readonly mechName: string;
  /** A description of the mechanism ('' when it has none). */
  readonly mechDescription: string;
}

/** UTF-8 text of a library buffer, without a trailing NUL counted in its length. */
function text(bytes: Buffer | undefined): string {
  if (!bytes) return '';
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}

function saslnameArgs(mech: unknown): NativeArgs['inquireSaslnameForMech'] {
  requireSymbol('rfc5801', 'gss_inquire_saslname_for_mech');
  return [oidArg(mech, 'mech')];
}

const saslnameFinish = (r: NativeResults['inquireSaslnameForMech']): InquireSASLNameResult =>
  Object.freeze({
    saslMechName: text(r.saslMechName),
    mechName: text(r.mechName),
    mechDescription: text(r.mechDescription),
  });

/**
 * The SASL mechanism name of a GSSAPI mechanism, with its short name and
 * description (`gss_inquire_saslname_for_mech`, RFC 5801). MIT derives a
 * `GS2-` name from the OID for mechanisms that have no name of their own.
 *
 * @param mech - the mechanism.
 * @returns the SASL name, mechanism name and description.
 * @throws BadMechanismError for an unknown mechanism.
 * @example
 * ```ts
 * (await inquireSaslnameForMech(MechType.kerberos)).saslMechName; // 'GS2-KRB5'
 * ```
 */
export async function inquireSaslnameForMech(mech: OID): Promise<InquireSASLNameResult> {
  return callAsync('inquireSaslnameForMech', saslnameArgs(mech), saslnameFinish);
}

/**
 * Synchronous form of {@link inquireSaslnameForMech}.
 *
 * @param mech - the mechanism.
 * @returns the SASL name, mechanism name and description.
 * @example
 * ```ts
 * inquireSaslnameForMechSync(MechType.kerberos).mechName; // 'krb5'
 * ```
 */
export function inquireSaslnameForMechSync(mech: OID): InquireSASLNameResult {
  return callSync('inquireSaslnameForMech', saslnameArgs(mech), saslnameFinish);
}

function mechArgs(saslName: unknown): NativeArgs['inquireMechForSaslname'] {
  requireSymbol('rfc5801', 'gss_inquire_mech_for_saslname');
  return [textOrBytesArg(saslName, 'saslName')];
}

const mechOf = (r: NativeResults['inquireMechForSaslname']): OID => oidFromBinding(r.mech as Buffer);

/**
 * The GSSAPI mechanism behind a SASL mechanism name
 * (`gss_inquire_mech_for_saslname`, RFC 5801).
 *
 * @param saslName - the SASL name, e.g. 'GS2-KRB5' (text is UTF-8 encoded).
 * @returns the mechanism.
 * @throws BadMechanismError when no mechanism has that name.
 * @example
 * ```ts
 * (await inquireMechForSaslname('GS2-KRB5')).equals(MechType.kerberos); // true
 * ```
 */
export async function inquireMechForSaslname(saslName: string | Uint8Array): Promise<OID> {
  return callAsync('inquireMechForSaslname', mechArgs(saslName), mechOf);
}

/**
 * Synchronous form of {@link inquireMechForSaslname}.
 *
 * @param saslName - the SASL name.
 * @returns the mechanism.
 * @example
 * ```ts
 * inquireMechForSaslnameSync('GS2-KRB5').dottedForm; // '1.2.840.113554.1.2.2'
 * ```
 */
export function inquireMechForSaslnameSync(saslName: string | Uint8Array): OID {
  return callSync('inquireMechForSaslname', mechArgs(saslName), mechOf);
}
