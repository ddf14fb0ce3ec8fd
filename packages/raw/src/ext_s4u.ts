/**
 * S4U (Kerberos constrained delegation and protocol transition, MS-SFU):
 * `gss_acquire_cred_impersonate_name` and `gss_add_cred_impersonate_name`,
 * as python-gssapi's `ext_s4u`. Each as `fn()` (Promise, worker thread) and
 * `fnSync()`.
 *
 * A service holding its own initiator credentials (a TGT, e.g. from its
 * keytab through {@link acquireCredFrom} with `client_keytab`) gets
 * credentials for a user without the user's password (S4U2Self; the MIT
 * 1.20 KDC grants it whether or not the service is flagged
 * `ok_to_auth_as_delegate`, a flag that matters for delegating onward).
 * Initiating to the service itself uses the S4U2Self ticket; initiating to
 * another service asks the KDC for S4U2Proxy (constrained delegation), which
 * MIT's KDC grants only with a database that supports it (LDAP), else
 * "KDC can't fulfill requested option".
 */
import type { NativeArgs } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { acquiredCreds, addedCreds, mutateInputArg } from './creds.js';
import { requireSymbol } from './extensions.js';
import { type CredsLike, credsArg, type NameLike, nameArg, optionalCredsArg } from './handles.js';
import type { OID } from './oids.js';
import type { AcquireCredResult, AddCredResult } from './results.js';
import { lifetimeArg, oidArg, optionalOidSetArg, optionsArg, type Usage, usageArg } from './validate.js';

/**
 * Options of {@link acquireCredImpersonateName}.
 *
 * @example
 * ```ts
 * const options: AcquireCredImpersonateNameOptions = { usage: 'initiate', lifetime: 3600 };
 * ```
 */
export interface AcquireCredImpersonateNameOptions {
  /** Requested lifetime in seconds (default Infinity: as long as possible). */
  lifetime?: number;
  /** The mechanisms wanted (default: the library's default set). */
  mechs?: Iterable<OID> | OID;
  /** How they will be used (default 'initiate'). */
  usage?: Usage;
}

/**
 * Options of {@link addCredImpersonateName}.
 *
 * @example
 * ```ts
 * const options: AddCredImpersonateNameOptions = { usage: 'initiate', initLifetime: 600 };
 * ```
 */
export interface AddCredImpersonateNameOptions {
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

function acquireArgs(
  impersonatorCred: unknown,
  name: unknown,
  options: AcquireCredImpersonateNameOptions | undefined,
): NativeArgs['acquireCredImpersonateName'] {
  const o = optionsArg(options);
  return [
    credsArg(impersonatorCred, 'impersonatorCred'),
    nameArg(name, 'name'),
    lifetimeArg(o.lifetime, 'options.lifetime'),
    optionalOidSetArg(o.mechs, 'options.mechs'),
    usageArg(o.usage, 'options.usage', 'initiate'),
  ];
}

function addArgs(
  inputCred: unknown,
  impersonatorCred: unknown,
  name: unknown,
  mech: unknown,
  options: AddCredImpersonateNameOptions | undefined,
): NativeArgs['addCredImpersonateName'] {
  const o = optionsArg(options);
  const input = optionalCredsArg(inputCred, 'inputCred');
  const mutate = mutateInputArg(input, o.mutateInput);
  return [
    input,
    credsArg(impersonatorCred, 'impersonatorCred'),
    nameArg(name, 'name'),
    oidArg(mech, 'mech'),
    usageArg(o.usage, 'options.usage', 'initiate'),
    lifetimeArg(o.initLifetime, 'options.initLifetime'),
    lifetimeArg(o.acceptLifetime, 'options.acceptLifetime'),
    mutate,
  ];
}

/**
 * Acquires credentials for `name` on the strength of the impersonator's own
 * credentials (`gss_acquire_cred_impersonate_name`, S4U2Self; MIT krb5 and
 * Heimdal). It waits for the KDC.
 *
 * @param impersonatorCred - the service's initiator credentials.
 * @param name - the user to impersonate.
 * @param options - `lifetime`, `mechs`, `usage`.
 * @returns the user's credentials (their name is the user, usable to initiate to the service itself).
 * @throws GSSError when the KDC refuses (for example the service lacks `ok_to_auth_as_delegate`).
 * @example
 * ```ts
 * const { creds: service } = await acquireCredFrom({
 *   name: importNameSync('HTTP/www.example.com', { nameType: NameType.kerberosPrincipal }),
 *   store: { client_keytab: 'FILE:/etc/http.keytab', ccache: 'MEMORY:http' },
 *   usage: 'initiate',
 * });
 * const alice = await importName('alice', { nameType: NameType.kerberosPrincipal });
 * const { creds } = await acquireCredImpersonateName(service, alice);
 * ```
 */
export async function acquireCredImpersonateName(
  impersonatorCred: CredsLike,
  name: NameLike,
  options?: AcquireCredImpersonateNameOptions,
): Promise<AcquireCredResult> {
  requireSymbol('s4u', 'gss_acquire_cred_impersonate_name');
  return callAsync('acquireCredImpersonateName', acquireArgs(impersonatorCred, name, options), acquiredCreds(true));
}

/**
 * Synchronous form of {@link acquireCredImpersonateName}. It waits for the KDC.
 *
 * @param impersonatorCred - the service's initiator credentials.
 * @param name - the user to impersonate.
 * @param options - `lifetime`, `mechs`, `usage`.
 * @returns the user's credentials.
 * @example
 * ```ts
 * const { creds } = acquireCredImpersonateNameSync(service, alice, { mechs: [MechType.kerberos] });
 * ```
 */
export function acquireCredImpersonateNameSync(
  impersonatorCred: CredsLike,
  name: NameLike,
  options?: AcquireCredImpersonateNameOptions,
): AcquireCredResult {
  requireSymbol('s4u', 'gss_acquire_cred_impersonate_name');
  return callSync('acquireCredImpersonateName', acquireArgs(impersonatorCred, name, options), acquiredCreds(true));
}

/**
 * Adds an impersonated credential element for one mechanism
 * (`gss_add_cred_impersonate_name`, S4U2Self; MIT krb5 and Heimdal): to new
 * credentials when `inputCred` is null, or to `inputCred` in place with
 * `mutateInput: true` (required then; see {@link AddCredImpersonateNameOptions.mutateInput}).
 * It waits for the KDC.
 *
 * @param inputCred - credentials to extend in place (with `mutateInput`), or null.
 * @param impersonatorCred - the service's initiator credentials.
 * @param name - the user to impersonate.
 * @param mech - the element's mechanism.
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `mutateInput`.
 * @returns the credentials (undefined with `mutateInput`) and their lifetimes.
 * @throws TypeError for `inputCred` without `mutateInput: true`.
 * @example
 * ```ts
 * const { creds } = await addCredImpersonateName(null, service, alice, MechType.kerberos);
 * await addCredImpersonateName(creds, service, alice, MechType.spnego, { mutateInput: true });
 * ```
 */
export async function addCredImpersonateName(
  inputCred: CredsLike | null | undefined,
  impersonatorCred: CredsLike,
  name: NameLike,
  mech: OID,
  options?: AddCredImpersonateNameOptions,
): Promise<AddCredResult> {
  requireSymbol('s4u', 'gss_add_cred_impersonate_name');
  return callAsync(
    'addCredImpersonateName',
    addArgs(inputCred, impersonatorCred, name, mech, options),
    addedCreds(true),
  );
}

/**
 * Synchronous form of {@link addCredImpersonateName}. It waits for the KDC.
 *
 * @param inputCred - credentials to extend in place (with `mutateInput`), or null.
 * @param impersonatorCred - the service's initiator credentials.
 * @param name - the user to impersonate.
 * @param mech - the element's mechanism.
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `mutateInput`.
 * @returns the credentials (undefined with `mutateInput`) and their lifetimes.
 * @example
 * ```ts
 * const { creds, initLifetime } = addCredImpersonateNameSync(null, service, alice, MechType.kerberos);
 * ```
 */
export function addCredImpersonateNameSync(
  inputCred: CredsLike | null | undefined,
  impersonatorCred: CredsLike,
  name: NameLike,
  mech: OID,
  options?: AddCredImpersonateNameOptions,
): AddCredResult {
  requireSymbol('s4u', 'gss_add_cred_impersonate_name');
  return callSync(
    'addCredImpersonateName',
    addArgs(inputCred, impersonatorCred, name, mech, options),
    addedCreds(true),
  );
}
