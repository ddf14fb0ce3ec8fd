/**
 * RFC 4178 (SPNEGO) negotiation mechanisms of a credential:
 * `gss_set_neg_mechs` and, where the library has it, `gss_get_neg_mechs`
 * (Heimdal; MIT lacks it). Each as `fn()` (Promise, worker thread) and
 * `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { type CredsLike, credsArg } from './handles.js';
import { type OID, type OIDSet, oidSetFromBinding } from './oids.js';
import { optionalOidSetArg } from './validate.js';

function setArgs(creds: unknown, mechs: unknown): NativeArgs['setNegMechs'] {
  requireSymbol('rfc4178', 'gss_set_neg_mechs');
  const set = optionalOidSetArg(mechs, 'mechs');
  if (set === undefined) throw new TypeError('mechs must be an iterable of OIDs (got nothing)');
  return [credsArg(creds, 'creds'), set];
}

const nothing = (): void => undefined;

/**
 * Restricts which mechanisms SPNEGO negotiates with these credentials, in
 * order of preference (`gss_set_neg_mechs`, RFC 4178). Applies to initiator
 * credentials (the mechanisms offered) and acceptor credentials (the ones
 * accepted). Only mechanisms the credentials hold can be negotiated, and the
 * credentials need a SPNEGO element: acquire them with the default
 * mechanisms or with `MechType.spnego` among `mechs` (MIT fails with
 * OperationUnavailableError for, say, krb5-only credentials).
 *
 * @param creds - the credentials (changed in place).
 * @param mechs - the mechanisms, most preferred first.
 * @throws ExtensionUnavailableError when the library lacks the call; OperationUnavailableError
 *   when the credentials have no SPNEGO element.
 * @example
 * ```ts
 * const { creds } = await acquireCred({ usage: 'initiate' });
 * await setNegMechs(creds, [MechType.kerberos]);
 * await initSecContext(target, { creds, mech: MechType.spnego });
 * ```
 */
export async function setNegMechs(creds: CredsLike, mechs: Iterable<OID> | OID): Promise<void> {
  return callAsync('setNegMechs', setArgs(creds, mechs), nothing);
}

/**
 * Synchronous form of {@link setNegMechs}.
 *
 * @param creds - the credentials (changed in place).
 * @param mechs - the mechanisms, most preferred first.
 * @example
 * ```ts
 * setNegMechsSync(creds, [MechType.ntlm!]);
 * ```
 */
export function setNegMechsSync(creds: CredsLike, mechs: Iterable<OID> | OID): void {
  callSync('setNegMechs', setArgs(creds, mechs), nothing);
}

function getArgs(creds: unknown): NativeArgs['getNegMechs'] {
  requireSymbol('rfc4178Get', 'gss_get_neg_mechs');
  return [credsArg(creds, 'creds')];
}

const mechsOf = (r: NativeResults['getNegMechs']): OIDSet => oidSetFromBinding(r.mechs ?? []);

/**
 * The mechanisms SPNEGO may negotiate with these credentials
 * (`gss_get_neg_mechs`, RFC 4178). Heimdal has it; MIT krb5 does not, and
 * there this throws ExtensionUnavailableError (check
 * `extensions.has('rfc4178Get')`).
 *
 * @param creds - the credentials.
 * @returns the mechanisms.
 * @throws ExtensionUnavailableError when the library lacks the call (MIT).
 * @example
 * ```ts
 * if (extensions.has('rfc4178Get')) console.log([...(await getNegMechs(creds))].map(String));
 * ```
 */
export async function getNegMechs(creds: CredsLike): Promise<OIDSet> {
  return callAsync('getNegMechs', getArgs(creds), mechsOf);
}

/**
 * Synchronous form of {@link getNegMechs}.
 *
 * @param creds - the credentials.
 * @returns the mechanisms.
 * @example
 * ```ts
 * getNegMechsSync(creds).has(MechType.kerberos);
 * ```
 */
export function getNegMechsSync(creds: CredsLike): OIDSet {
  return callSync('getNegMechs', getArgs(creds), mechsOf);
}
