/**
 * The credential store extension (MIT krb5 1.11+, gss-ntlmssp):
 * `gss_acquire_cred_from`, `gss_add_cred_from`, `gss_store_cred_into`, as
 * python-gssapi's `ext_cred_store`. Each as `fn()` (Promise, worker thread)
 * and `fnSync()`.
 *
 * A store names where credentials come from or go to, per call, with no
 * process- or thread-wide state: this is the way to pick a ticket cache or a
 * keytab for one operation (never `KRB5CCNAME` juggling or
 * `gss_krb5_ccache_name`, which is thread-global in MIT).
 */
import type { NativeArgs, NativeCredStore, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { acquiredCreds, addedCreds } from './creds.js';
import { type StoreCredOptions, type StoreCredResult, storeArgs } from './ext_rfc5588.js';
import { requireSymbol } from './extensions.js';
import {
  type CredsLike,
  credsMayBeNameless,
  describe,
  hasName,
  type NameLike,
  optionalCredsArg,
  optionalNameArg,
} from './handles.js';
import { type OID, oidSetFromBinding } from './oids.js';
import type { AcquireCredResult, AddCredResult } from './results.js';
import {
  booleanArg,
  lifetimeArg,
  oidArg,
  optionalOidSetArg,
  optionsArg,
  type Usage,
  usageArg,
  usageResult,
} from './validate.js';

/**
 * A credential store: a plain object of string keys and string values. Which
 * keys exist depends on the mechanism. MIT Kerberos knows:
 *
 * - `ccache`: the ticket cache to read initiator tickets from and to store
 *   into, as `TYPE:residual` (`FILE:/tmp/cc`, `MEMORY:name`, `DIR:/dir`, `KEYRING:...`);
 * - `client_keytab`: a keytab to get initial tickets from, into `ccache`. Name
 *   a `ccache` with it (a `MEMORY:` one will do): otherwise MIT falls back to
 *   the default cache and refuses when that holds another principal;
 * - `keytab`: the acceptor keytab;
 * - `rcache`: the replay cache (`none:` turns replay detection off);
 * - `password`: a password to get initial tickets with (initiator only, needs a
 *   name; MIT refuses it together with `ccache`, saying "Credential usage type
 *   is unknown", and keeps the tickets in a private memory cache);
 * - `verify`: with `password`, check the new TGT against this keytab (`''` for the default).
 *
 * MIT ignores keys it does not know. gss-ntlmssp reads `password` (and
 * `ntlmssp_*` keys). Keys and values are copied into native memory for the
 * call and zeroed afterwards.
 *
 * @example
 * ```ts
 * const store: CredStore = { ccache: 'FILE:/tmp/alice.ccache', keytab: 'FILE:/etc/http.keytab' };
 * ```
 */
export type CredStore = Readonly<Record<string, string>>;

/** The store as [key, value] pairs; TypeError/RangeError naming `arg` or `arg.key`. */
function credStoreArg(value: unknown, arg: string): NativeCredStore | undefined {
  if (value === undefined || value === null) return undefined;
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (typeof value !== 'object' || (proto !== Object.prototype && proto !== null)) {
    throw new TypeError(`${arg} must be a plain object of strings (got ${describe(value)})`);
  }
  const pairs: NativeCredStore = [];
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry !== 'string') throw new TypeError(`${arg}.${key} must be a string (got ${describe(entry)})`);
    if (key.length === 0) throw new RangeError(`${arg} keys must not be empty`);
    if (key.includes('\0')) throw new RangeError(`${arg} key ${JSON.stringify(key)} must not contain NUL characters`);
    if (entry.includes('\0')) throw new RangeError(`${arg}.${key} must not contain NUL characters`);
    pairs.push([key, entry]);
  }
  return pairs;
}

const storeFinish = (r: NativeResults['storeCredInto']): StoreCredResult =>
  Object.freeze({ mechs: oidSetFromBinding(r.mechs ?? []), usage: usageResult(r.usage) ?? 'both' });

// ---------------------------------------------------------------------------
// acquireCredFrom

/**
 * Options of {@link acquireCredFrom}.
 *
 * @example
 * ```ts
 * const options: AcquireCredFromOptions = { store: { ccache: 'FILE:/tmp/alice.ccache' }, usage: 'initiate' };
 * ```
 */
export interface AcquireCredFromOptions {
  /** Where the credentials come from (default: none, the mechanism's defaults, as {@link acquireCred}). */
  store?: CredStore | null;
  /** Whose credentials (default: the store's default principal, or any keytab key for acceptors). */
  name?: NameLike | null;
  /** Requested lifetime in seconds (default Infinity: as long as possible). */
  lifetime?: number;
  /** The mechanisms wanted (default: the library's default set). */
  mechs?: Iterable<OID> | OID;
  /** How they will be used (default 'both'). */
  usage?: Usage;
}

function acquireArgs(options: AcquireCredFromOptions | undefined): NativeArgs['acquireCredFrom'] {
  const o = optionsArg(options);
  return [
    optionalNameArg(o.name, 'options.name'),
    lifetimeArg(o.lifetime, 'options.lifetime'),
    optionalOidSetArg(o.mechs, 'options.mechs'),
    usageArg(o.usage, 'options.usage', 'both'),
    credStoreArg(o.store, 'options.store'),
  ];
}

/**
 * Acquires credentials from a given credential store (`gss_acquire_cred_from`,
 * MIT krb5 credential store extension): an initiator's tickets from the
 * `ccache` named there (or initial tickets from `client_keytab` or
 * `password`), an acceptor's keys from `keytab`. The process's default
 * ticket cache and keytab are not consulted for what the store names, and
 * nothing process- or thread-wide is changed.
 *
 * @param options - `store`, `name`, `lifetime`, `mechs`, `usage`.
 * @returns the credentials, their mechanisms and lifetime.
 * @throws MissingCredentialsError when the store has none; TypeError when
 *   `store` is not a plain object of strings; ExtensionUnavailableError when
 *   the library lacks the credential store extension.
 * @example
 * ```ts
 * const { creds } = await acquireCredFrom({
 *   store: { ccache: 'FILE:/tmp/alice.ccache' },
 *   usage: 'initiate',
 * });
 * const step = await initSecContext(target, { creds });
 * ```
 */
export async function acquireCredFrom(options?: AcquireCredFromOptions): Promise<AcquireCredResult> {
  requireSymbol('credStore', 'gss_acquire_cred_from');
  return callAsync('acquireCredFrom', acquireArgs(options), acquiredCreds(hasName(options?.name)));
}

/**
 * Synchronous form of {@link acquireCredFrom}. It may wait for the KDC (initial tickets from a client keytab or password).
 *
 * @param options - `store`, `name`, `lifetime`, `mechs`, `usage`.
 * @returns the credentials, their mechanisms and lifetime.
 * @example
 * ```ts
 * const { creds } = acquireCredFromSync({ store: { keytab: 'FILE:/etc/http.keytab' }, usage: 'accept' });
 * ```
 */
export function acquireCredFromSync(options?: AcquireCredFromOptions): AcquireCredResult {
  requireSymbol('credStore', 'gss_acquire_cred_from');
  return callSync('acquireCredFrom', acquireArgs(options), acquiredCreds(hasName(options?.name)));
}

// ---------------------------------------------------------------------------
// addCredFrom

/**
 * Options of {@link addCredFrom}.
 *
 * @example
 * ```ts
 * const options: AddCredFromOptions = { store: { keytab: 'FILE:/etc/http.keytab' }, usage: 'accept' };
 * ```
 */
export interface AddCredFromOptions {
  /** How the new element will be used (default 'both', as python-gssapi). */
  usage?: Usage;
  /** Initiator lifetime in seconds (default Infinity). */
  initLifetime?: number;
  /** Acceptor lifetime in seconds (default Infinity). */
  acceptLifetime?: number;
  /** Where the element comes from (default: none, the mechanism's defaults). */
  store?: CredStore | null;
  /** Change `inputCred` in place instead of returning new credentials (default false). */
  mutateInput?: boolean;
}

function addArgs(
  inputCred: unknown,
  name: unknown,
  mech: unknown,
  options: AddCredFromOptions | undefined,
): NativeArgs['addCredFrom'] {
  const o = optionsArg(options);
  return [
    optionalCredsArg(inputCred, 'inputCred'),
    optionalNameArg(name, 'name'),
    oidArg(mech, 'mech'),
    usageArg(o.usage, 'options.usage', 'both'),
    lifetimeArg(o.initLifetime, 'options.initLifetime'),
    lifetimeArg(o.acceptLifetime, 'options.acceptLifetime'),
    credStoreArg(o.store, 'options.store'),
    booleanArg(o.mutateInput, 'options.mutateInput', false),
  ];
}

/**
 * Adds a credential element for one mechanism, taken from a credential store
 * (`gss_add_cred_from`, MIT krb5 credential store extension), to new
 * credentials or (`mutateInput`) to `inputCred` in place.
 *
 * @param inputCred - credentials to extend, or null.
 * @param name - whose credential element (null: the store's default).
 * @param mech - the element's mechanism.
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `store`, `mutateInput`.
 * @returns the credentials and their lifetimes (`creds` undefined with `mutateInput`).
 * @throws DuplicateCredentialsElementError when `inputCred` already has `mech`.
 * @example
 * ```ts
 * const { creds } = await addCredFrom(null, null, MechType.kerberos, {
 *   usage: 'accept',
 *   store: { keytab: 'FILE:/etc/http.keytab' },
 * });
 * ```
 */
export async function addCredFrom(
  inputCred: CredsLike | null | undefined,
  name: NameLike | null | undefined,
  mech: OID,
  options?: AddCredFromOptions,
): Promise<AddCredResult> {
  requireSymbol('credStore', 'gss_add_cred_from');
  return callAsync(
    'addCredFrom',
    addArgs(inputCred, name, mech, options),
    addedCreds(hasName(name) || !credsMayBeNameless(inputCred)),
  );
}

/**
 * Synchronous form of {@link addCredFrom}.
 *
 * @param inputCred - credentials to extend, or null.
 * @param name - whose credential element (null: the store's default).
 * @param mech - the element's mechanism.
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `store`, `mutateInput`.
 * @returns the credentials and their lifetimes.
 * @example
 * ```ts
 * addCredFromSync(creds, null, MechType.kerberos, { usage: 'accept', store: { keytab }, mutateInput: true });
 * ```
 */
export function addCredFromSync(
  inputCred: CredsLike | null | undefined,
  name: NameLike | null | undefined,
  mech: OID,
  options?: AddCredFromOptions,
): AddCredResult {
  requireSymbol('credStore', 'gss_add_cred_from');
  return callSync(
    'addCredFrom',
    addArgs(inputCred, name, mech, options),
    addedCreds(hasName(name) || !credsMayBeNameless(inputCred)),
  );
}

// ---------------------------------------------------------------------------
// storeCredInto

function storeIntoArgs(
  store: unknown,
  creds: unknown,
  options: StoreCredOptions | undefined,
): NativeArgs['storeCredInto'] {
  return [...storeArgs(creds, options), credStoreArg(store, 'store')];
}

/**
 * Stores credentials into a given credential store (`gss_store_cred_into`,
 * MIT krb5 credential store extension), for Kerberos the ticket cache named
 * by `ccache`. The default ticket cache is left alone when the store names one.
 *
 * @param store - where to store them, e.g. `{ ccache: 'FILE:/tmp/alice.ccache' }` (null: the default store, as {@link storeCred}).
 * @param creds - the credentials to store.
 * @param options - `usage`, `mech`, `overwrite`, `setDefault`.
 * @returns the stored mechanisms and usage.
 * @throws DuplicateCredentialsElementError when the cache already holds
 *   credentials and `overwrite` is false.
 * @example
 * ```ts
 * const { creds } = await acquireCredWithPassword(alice, password);
 * await storeCredInto({ ccache: 'FILE:/tmp/alice.ccache' }, creds, { usage: 'initiate' });
 * const again = await acquireCredFrom({ store: { ccache: 'FILE:/tmp/alice.ccache' }, usage: 'initiate' });
 * ```
 */
export async function storeCredInto(
  store: CredStore | null | undefined,
  creds: CredsLike,
  options?: StoreCredOptions,
): Promise<StoreCredResult> {
  requireSymbol('credStore', 'gss_store_cred_into');
  return callAsync('storeCredInto', storeIntoArgs(store, creds, options), storeFinish);
}

/**
 * Synchronous form of {@link storeCredInto}.
 *
 * @param store - where to store them (null: the default store).
 * @param creds - the credentials to store.
 * @param options - `usage`, `mech`, `overwrite`, `setDefault`.
 * @returns the stored mechanisms and usage.
 * @example
 * ```ts
 * storeCredIntoSync({ ccache: 'MEMORY:copy' }, creds, { usage: 'initiate', overwrite: true });
 * ```
 */
export function storeCredIntoSync(
  store: CredStore | null | undefined,
  creds: CredsLike,
  options?: StoreCredOptions,
): StoreCredResult {
  requireSymbol('credStore', 'gss_store_cred_into');
  return callSync('storeCredInto', storeIntoArgs(store, creds, options), storeFinish);
}
