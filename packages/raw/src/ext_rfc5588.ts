/**
 * RFC 5588 (GSS-API extension for storing delegated credentials):
 * `gss_store_cred`, as python-gssapi's `ext_rfc5588`. Each as `fn()`
 * (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { type CredsLike, credsArg } from './handles.js';
import { type OID, type OIDSet, oidSetFromBinding } from './oids.js';
import { booleanArg, optionalOidArg, optionsArg, type Usage, usageArg, usageResult } from './validate.js';

/**
 * What {@link storeCred} and {@link storeCredInto} stored.
 *
 * @example
 * ```ts
 * const { mechs, usage } = storeCredSync(delegatedCreds, { usage: 'initiate' });
 * mechs.has(MechType.kerberos); // true
 * ```
 */
export interface StoreCredResult {
  /** The mechanisms whose credential elements were stored. */
  readonly mechs: OIDSet;
  /** How the stored credentials can be used. */
  readonly usage: Usage;
}

/**
 * Options of {@link storeCred}.
 *
 * @example
 * ```ts
 * const options: StoreCredOptions = { usage: 'initiate', overwrite: true, setDefault: true };
 * ```
 */
export interface StoreCredOptions {
  /** Which elements to store (default 'both'). */
  usage?: Usage;
  /** Store only this mechanism's element (default: every mechanism's). */
  mech?: OID | null;
  /** Replace credentials already in the store (default false: fail with DuplicateCredentialsElementError). */
  overwrite?: boolean;
  /** Make them the default credentials of the store (default false). */
  setDefault?: boolean;
}

/** Args shared with storeCredInto: [creds, usage, mech, overwrite, setDefault]. @internal */
export function storeArgs(creds: unknown, options: StoreCredOptions | undefined): NativeArgs['storeCred'] {
  const o = optionsArg(options);
  return [
    credsArg(creds, 'creds'),
    usageArg(o.usage, 'options.usage', 'both'),
    optionalOidArg(o.mech, 'options.mech'),
    booleanArg(o.overwrite, 'options.overwrite', false),
    booleanArg(o.setDefault, 'options.setDefault', false),
  ];
}

const storeFinish = (r: NativeResults['storeCred']): StoreCredResult =>
  Object.freeze({ mechs: oidSetFromBinding(r.mechs ?? []), usage: usageResult(r.usage) ?? 'both' });

/**
 * Stores credentials in the default store of their mechanism
 * (`gss_store_cred`, RFC 5588): for Kerberos, the default ticket cache (for
 * example delegated credentials an acceptor received, so that later programs
 * of the same user can use them). To store into a given ticket cache instead,
 * use {@link storeCredInto} with `{ ccache }`.
 *
 * @param creds - the credentials to store.
 * @param options - `usage`, `mech`, `overwrite`, `setDefault`.
 * @returns the stored mechanisms and usage.
 * @throws DuplicateCredentialsElementError when the store already holds
 *   credentials and `overwrite` is false; ExtensionUnavailableError when the
 *   library lacks `gss_store_cred`.
 * @example
 * ```ts
 * const { delegatedCreds } = await acceptSecContext(token);
 * if (delegatedCreds) await storeCred(delegatedCreds, { usage: 'initiate', overwrite: true, setDefault: true });
 * ```
 */
export async function storeCred(creds: CredsLike, options?: StoreCredOptions): Promise<StoreCredResult> {
  requireSymbol('rfc5588', 'gss_store_cred');
  return callAsync('storeCred', storeArgs(creds, options), storeFinish);
}

/**
 * Synchronous form of {@link storeCred}.
 *
 * @param creds - the credentials to store.
 * @param options - `usage`, `mech`, `overwrite`, `setDefault`.
 * @returns the stored mechanisms and usage.
 * @example
 * ```ts
 * storeCredSync(creds, { usage: 'initiate', mech: MechType.kerberos, overwrite: true }).usage; // 'initiate'
 * ```
 */
export function storeCredSync(creds: CredsLike, options?: StoreCredOptions): StoreCredResult {
  requireSymbol('rfc5588', 'gss_store_cred');
  return callSync('storeCred', storeArgs(creds, options), storeFinish);
}
