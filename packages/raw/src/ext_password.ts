/**
 * Acquiring credentials with a password (`gss_acquire_cred_with_password`,
 * `gss_add_cred_with_password`; MIT krb5 and Heimdal), as python-gssapi's
 * `ext_password` and `ext_password_add`. Each as `fn()` (Promise, worker
 * thread) and `fnSync()`.
 *
 * For Kerberos this is an AS exchange with the KDC; the tickets go into a new
 * memory cache owned by the credentials, never into the default ticket cache.
 *
 * The password is copied into native memory for the call and that copy is
 * zeroed right after it, whether it succeeded or not; a string password is
 * first encoded into a temporary buffer that is zeroed as well. A JavaScript
 * string cannot be wiped, so pass a `Uint8Array` you clear yourself when that
 * matters. (MIT keeps its own copy inside the credentials to renew them, and
 * {@link exportCred} includes it.)
 */
import type { NativeArgs } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { acquiredCreds, addedCreds, mutateInputArg } from './creds.js';
import { requireSymbol } from './extensions.js';
import { type CredsLike, describe, type NameLike, nameArg, optionalCredsArg } from './handles.js';
import type { OID } from './oids.js';
import type { AcquireCredResult, AddCredResult } from './results.js';
import { lifetimeArg, oidArg, optionalOidSetArg, optionsArg, type Usage, usageArg } from './validate.js';

/**
 * Options of {@link acquireCredWithPassword}.
 *
 * @example
 * ```ts
 * const options: AcquireCredWithPasswordOptions = { lifetime: 600, mechs: [MechType.kerberos] };
 * ```
 */
export interface AcquireCredWithPasswordOptions {
  /** Requested lifetime in seconds (default Infinity: as long as the KDC allows; MIT 1.20 does not pass it on). */
  lifetime?: number;
  /** The mechanisms wanted (default: the library's default set). */
  mechs?: Iterable<OID> | OID;
  /** How they will be used (default 'initiate'). */
  usage?: Usage;
}

/**
 * Options of {@link addCredWithPassword}.
 *
 * @example
 * ```ts
 * const options: AddCredWithPasswordOptions = { usage: 'initiate', initLifetime: 600 };
 * ```
 */
export interface AddCredWithPasswordOptions {
  /** How the new element will be used (default 'initiate'). */
  usage?: Usage;
  /** Initiator lifetime in seconds (default Infinity). */
  initLifetime?: number;
  /** Acceptor lifetime in seconds (default Infinity). */
  acceptLifetime?: number;
  /**
   * Add the element to `inputCred` in place instead of returning new
   * credentials (default false). Required when `inputCred` is given: MIT
   * krb5 gives new credentials the input's own elements, which would then be
   * freed twice.
   */
  mutateInput?: boolean;
}

/**
 * Runs `call` with the password's bytes. A string is encoded into a
 * temporary Buffer that is zeroed once `call` returns: the addon copies the
 * bytes before returning, also for the Promise functions.
 */
function withPassword<T>(password: unknown, call: (bytes: Uint8Array) => T): T {
  if (typeof password === 'string') {
    const bytes = Buffer.from(password, 'utf8');
    try {
      return call(bytes);
    } finally {
      bytes.fill(0);
    }
  }
  if (password instanceof Uint8Array) return call(password);
  throw new TypeError(`password must be a string or a Uint8Array (got ${describe(password)})`);
}

function acquireArgs(
  name: unknown,
  options: AcquireCredWithPasswordOptions | undefined,
): (password: Uint8Array) => NativeArgs['acquireCredWithPassword'] {
  const o = optionsArg(options);
  const nativeName = nameArg(name, 'name');
  const lifetime = lifetimeArg(o.lifetime, 'options.lifetime');
  const mechs = optionalOidSetArg(o.mechs, 'options.mechs');
  const usage = usageArg(o.usage, 'options.usage', 'initiate');
  return (password) => [nativeName, password, lifetime, mechs, usage];
}

function addArgs(
  inputCred: unknown,
  name: unknown,
  mech: unknown,
  options: AddCredWithPasswordOptions | undefined,
): (password: Uint8Array) => NativeArgs['addCredWithPassword'] {
  const o = optionsArg(options);
  const input = optionalCredsArg(inputCred, 'inputCred');
  const mutate = mutateInputArg(input, o.mutateInput);
  const nativeName = nameArg(name, 'name');
  const mechBytes = oidArg(mech, 'mech');
  const usage = usageArg(o.usage, 'options.usage', 'initiate');
  const initLifetime = lifetimeArg(o.initLifetime, 'options.initLifetime');
  const acceptLifetime = lifetimeArg(o.acceptLifetime, 'options.acceptLifetime');
  return (password) => [input, nativeName, mechBytes, password, usage, initLifetime, acceptLifetime, mutate];
}

/**
 * Acquires credentials for `name` with its password
 * (`gss_acquire_cred_with_password`; MIT krb5 and Heimdal extension). For
 * Kerberos it gets a TGT from the KDC into a private memory cache.
 *
 * @param name - whose credentials, e.g. `alice@EXAMPLE.COM` as a `NameType.kerberosPrincipal`.
 * @param password - the password (UTF-8 text or bytes).
 * @param options - `lifetime`, `mechs`, `usage`.
 * @returns the credentials, their mechanisms and lifetime.
 * @throws MissingCredentialsError (GSS_S_NO_CRED) for a wrong password (MIT's
 *   minor status says "Preauthentication failed", or "Decrypt integrity check
 *   failed" for a principal without required preauthentication) and for
 *   `usage: 'accept'` (a password gives no keytab keys); ExtensionUnavailableError
 *   when the library lacks it.
 * @example
 * ```ts
 * const alice = await importName('alice@EXAMPLE.COM', { nameType: NameType.kerberosPrincipal });
 * const { creds } = await acquireCredWithPassword(alice, password);
 * const step = await initSecContext(target, { creds });
 * ```
 */
export async function acquireCredWithPassword(
  name: NameLike,
  password: string | Uint8Array,
  options?: AcquireCredWithPasswordOptions,
): Promise<AcquireCredResult> {
  requireSymbol('password', 'gss_acquire_cred_with_password');
  const args = acquireArgs(name, options);
  return withPassword(password, (bytes) => callAsync('acquireCredWithPassword', args(bytes), acquiredCreds(true)));
}

/**
 * Synchronous form of {@link acquireCredWithPassword}. It waits for the KDC.
 *
 * @param name - whose credentials.
 * @param password - the password (UTF-8 text or bytes).
 * @param options - `lifetime`, `mechs`, `usage`.
 * @returns the credentials, their mechanisms and lifetime.
 * @example
 * ```ts
 * const { creds, lifetime } = acquireCredWithPasswordSync(alice, password, { lifetime: 600 });
 * ```
 */
export function acquireCredWithPasswordSync(
  name: NameLike,
  password: string | Uint8Array,
  options?: AcquireCredWithPasswordOptions,
): AcquireCredResult {
  requireSymbol('password', 'gss_acquire_cred_with_password');
  const args = acquireArgs(name, options);
  return withPassword(password, (bytes) => callSync('acquireCredWithPassword', args(bytes), acquiredCreds(true)));
}

/**
 * Adds a credential element for one mechanism, acquired with a password
 * (`gss_add_cred_with_password`; MIT krb5 and Heimdal extension): to new
 * credentials when `inputCred` is null, or to `inputCred` in place with
 * `mutateInput: true` (required then; see {@link AddCredWithPasswordOptions.mutateInput}).
 *
 * @param inputCred - credentials to extend in place (with `mutateInput`), or null.
 * @param name - whose credential element.
 * @param mech - the element's mechanism.
 * @param password - the password (UTF-8 text or bytes).
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `mutateInput`.
 * @returns the credentials (undefined with `mutateInput`) and their lifetimes.
 * @throws TypeError for `inputCred` without `mutateInput: true`.
 * @example
 * ```ts
 * const { creds } = await addCredWithPassword(null, alice, MechType.kerberos, password);
 * ```
 */
export async function addCredWithPassword(
  inputCred: CredsLike | null | undefined,
  name: NameLike,
  mech: OID,
  password: string | Uint8Array,
  options?: AddCredWithPasswordOptions,
): Promise<AddCredResult> {
  requireSymbol('passwordAdd', 'gss_add_cred_with_password');
  const args = addArgs(inputCred, name, mech, options);
  return withPassword(password, (bytes) => callAsync('addCredWithPassword', args(bytes), addedCreds(true)));
}

/**
 * Synchronous form of {@link addCredWithPassword}. It waits for the KDC.
 *
 * @param inputCred - credentials to extend in place (with `mutateInput`), or null.
 * @param name - whose credential element.
 * @param mech - the element's mechanism.
 * @param password - the password (UTF-8 text or bytes).
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `mutateInput`.
 * @returns the credentials (undefined with `mutateInput`) and their lifetimes.
 * @example
 * ```ts
 * const { creds } = addCredWithPasswordSync(null, alice, MechType.kerberos, password);
 * ```
 */
export function addCredWithPasswordSync(
  inputCred: CredsLike | null | undefined,
  name: NameLike,
  mech: OID,
  password: string | Uint8Array,
  options?: AddCredWithPasswordOptions,
): AddCredResult {
  requireSymbol('passwordAdd', 'gss_add_cred_with_password');
  const args = addArgs(inputCred, name, mech, options);
  return withPassword(password, (bytes) => callSync('addCredWithPassword', args(bytes), addedCreds(true)));
}
