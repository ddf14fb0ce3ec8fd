/**
 * Mapping GSSAPI names to local accounts: `gss_localname`, `gss_userok`,
 * `gss_authorize_localname` and `gss_pname_to_uid` (MIT krb5 and Heimdal;
 * python-gssapi never wrapped them). With MIT's krb5 mechanism the mapping
 * follows the realm's `auth_to_local` rules (by default `user@DEFAULT.REALM`
 * is the local user `user`). Each as `fn()` (Promise, worker thread) and
 * `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { GSSError } from './errors.js';
import { requireSymbol } from './extensions.js';
import { type NameLike, nameArg } from './handles.js';
import type { OID } from './oids.js';
import { GSS_S } from './status.js';
import { optionalOidArg, optionsArg } from './validate.js';

/** Options of {@link localname} and {@link pnameToUid}. */
export interface LocalnameOptions {
  /** The mechanism whose mapping to use (default: the name's own, GSS_C_NO_OID). */
  mech?: OID;
}

function localArgs(name: unknown, options: LocalnameOptions | undefined): NativeArgs['localname'] {
  requireSymbol('localname', 'gss_localname');
  const o = optionsArg(options);
  return [nameArg(name, 'name'), optionalOidArg(o.mech, 'options.mech')];
}

const localFinish = (r: NativeResults['localname']): string => {
  const bytes = r.text as Buffer;
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
};

/**
 * The local account name a GSSAPI name maps to (`gss_localname`).
 *
 * @param name - the name, typically an acceptor's view of the initiator or a canonicalized name.
 * @param options - `mech`.
 * @returns the local user name.
 * @throws OperationUnavailableError (MIT) when no rule maps the name, e.g. a principal of another realm.
 * @example
 * ```ts
 * await localname(importNameSync('user@KRBTEST.COM', { nameType: NameType.kerberosPrincipal })); // 'user'
 * ```
 */
export async function localname(name: NameLike, options?: LocalnameOptions): Promise<string> {
  return callAsync('localname', localArgs(name, options), localFinish);
}

/**
 * Synchronous form of {@link localname}.
 *
 * @param name - the name.
 * @param options - `mech`.
 * @returns the local user name.
 * @example
 * ```ts
 * localnameSync(server.initiatorName!, { mech: MechType.kerberos }); // 'user'
 * ```
 */
export function localnameSync(name: NameLike, options?: LocalnameOptions): string {
  return callSync('localname', localArgs(name, options), localFinish);
}

function userokArgs(name: unknown, username: unknown): NativeArgs['userok'] {
  requireSymbol('userok', 'gss_userok');
  if (typeof username !== 'string') throw new TypeError(`username must be a string (got ${typeof username})`);
  if (username.includes('\0')) throw new RangeError('username must not contain NUL characters');
  return [nameArg(name, 'name'), Buffer.from(username, 'utf8')];
}

const okOf = (r: NativeResults['userok']): boolean => r.ok === true;

/**
 * Whether a name may act as a local user (`gss_userok`). The C call cannot
 * tell "not authorized" from a failure: both give false. Use
 * {@link authorizeLocalname} to see errors. With MIT the name must be a
 * mechanism name (an acceptor's initiator name, or {@link canonicalizeName}'s
 * result) and the local account must exist; see {@link authorizeLocalname}.
 *
 * @param name - the name.
 * @param username - the local user name.
 * @returns true when authorized.
 * @example
 * ```ts
 * // alice@REALM maps to the local account alice (which must exist)
 * await userok(server.initiatorName!, 'alice'); // true
 * await userok(server.initiatorName!, 'root'); // false
 * ```
 */
export async function userok(name: NameLike, username: string): Promise<boolean> {
  return callAsync('userok', userokArgs(name, username), okOf);
}

/**
 * Synchronous form of {@link userok}.
 *
 * @param name - the name.
 * @param username - the local user name.
 * @returns true when authorized.
 * @example
 * ```ts
 * if (!userokSync(client, 'deploy')) throw new Error('not allowed');
 * ```
 */
export function userokSync(name: NameLike, username: string): boolean {
  return callSync('userok', userokArgs(name, username), okOf);
}

function authorizeArgs(name: unknown, user: unknown): NativeArgs['authorizeLocalname'] {
  requireSymbol('authorizeLocalname', 'gss_authorize_localname');
  return [nameArg(name, 'name'), nameArg(user, 'user')];
}

const authorized = (): boolean => true;

/**
 * A denial. RFC-wise that is GSS_S_UNAUTHORIZED, but MIT's mechglue (1.20)
 * replaces the krb5 mechanism's GSS_S_UNAUTHORIZED verdict with the
 * GSS_S_UNAVAILABLE of its fallback lookup of the local-login-user name
 * attribute, so on MIT a denial arrives as GSS_S_UNAVAILABLE.
 */
const DENIED: readonly number[] = [GSS_S.UNAUTHORIZED, GSS_S.UNAVAILABLE];

function unauthorized(error: unknown): false {
  if (error instanceof GSSError && error.callingCode === 0 && DENIED.includes(error.routineCode)) return false;
  throw error;
}

/**
 * Whether a name may act as a local user given as a GSSAPI name
 * (`gss_authorize_localname`): true for GSS_S_COMPLETE, false for
 * GSS_S_UNAUTHORIZED and GSS_S_UNAVAILABLE; any other failure throws.
 * MIT 1.20 reports a denial as GSS_S_UNAVAILABLE (its mechanism glue
 * overwrites the krb5 mechanism's GSS_S_UNAUTHORIZED), and it gives the same
 * status for a name that is not a mechanism name, so pass a mechanism name
 * (an acceptor's initiator name, or {@link canonicalizeName}'s result). With
 * MIT's krb5 mechanism the check is `krb5_kuserok`: the `.k5login` file of
 * the account, else the `auth_to_local` mapping; the account must exist.
 * Import the local user as `NameType.user` (not canonicalized: a
 * mechanism name there fails with BadNameError).
 *
 * @param name - the name to authorize (e.g. the initiator).
 * @param user - the local user, as a name.
 * @returns true when authorized, false when not.
 * @throws GSSError for failures other than GSS_S_UNAUTHORIZED and GSS_S_UNAVAILABLE (e.g. BadNameError).
 * @example
 * ```ts
 * const local = importNameSync('alice', { nameType: NameType.user });
 * await authorizeLocalname(server.initiatorName!, local); // true for alice@REALM
 * ```
 */
export async function authorizeLocalname(name: NameLike, user: NameLike): Promise<boolean> {
  return callAsync('authorizeLocalname', authorizeArgs(name, user), authorized).catch(unauthorized);
}

/**
 * Synchronous form of {@link authorizeLocalname}.
 *
 * @param name - the name to authorize.
 * @param user - the local user, as a name.
 * @returns true when authorized, false when not.
 * @example
 * ```ts
 * authorizeLocalnameSync(client, importNameSync('root', { nameType: NameType.user })); // false
 * ```
 */
export function authorizeLocalnameSync(name: NameLike, user: NameLike): boolean {
  const args = authorizeArgs(name, user);
  try {
    return callSync('authorizeLocalname', args, authorized);
  } catch (error) {
    return unauthorized(error);
  }
}

function uidArgs(name: unknown, options: LocalnameOptions | undefined): NativeArgs['pnameToUid'] {
  requireSymbol('pnameToUid', 'gss_pname_to_uid');
  const o = optionsArg(options);
  return [nameArg(name, 'name'), optionalOidArg(o.mech, 'options.mech')];
}

const uidOf = (r: NativeResults['pnameToUid']): number => r.uid as number;

/**
 * The numeric user id a name maps to (`gss_pname_to_uid`). MIT maps the name
 * with {@link localname} and looks the result up with `getpwnam`, so it needs
 * a local account of that name.
 *
 * @param name - the name.
 * @param options - `mech`.
 * @returns the uid.
 * @throws GSSError when the name has no local name or the local name has no account.
 * @example
 * ```ts
 * await pnameToUid(importNameSync('root@KRBTEST.COM', { nameType: NameType.kerberosPrincipal })); // 0
 * ```
 */
export async function pnameToUid(name: NameLike, options?: LocalnameOptions): Promise<number> {
  return callAsync('pnameToUid', uidArgs(name, options), uidOf);
}

/**
 * Synchronous form of {@link pnameToUid}.
 *
 * @param name - the name.
 * @param options - `mech`.
 * @returns the uid.
 * @example
 * ```ts
 * pnameToUidSync(server.initiatorName!) === process.getuid?.(); // when the local name is the current user
 * ```
 */
export function pnameToUidSync(name: NameLike, options?: LocalnameOptions): number {
  return callSync('pnameToUid', uidArgs(name, options), uidOf);
}
