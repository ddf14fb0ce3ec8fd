/**
 * Run-time extension detection: which GSSAPI extensions the loaded library
 * provides ({@link extensions}), and the check every extension function makes
 * before calling into C.
 */
import { ExtensionUnavailableError } from './errors.js';
import { libraryInfo, libraryOid } from './library.js';

/**
 * The C functions (or, for `rfc6680CompOid`, the OID constant) that make up
 * each extension. An extension is present when all of its symbols are.
 * Names follow python-gssapi's `ext_*` modules, camelCased, plus the
 * extensions python-gssapi never wrapped.
 *
 * @example
 * ```ts
 * import { EXTENSION_SYMBOLS } from '@gssapi/raw';
 * EXTENSION_SYMBOLS.credStore; // ['gss_acquire_cred_from', 'gss_add_cred_from', 'gss_store_cred_into']
 * ```
 */
export const EXTENSION_SYMBOLS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  rfc4178: ['gss_set_neg_mechs'],
  rfc4178Get: ['gss_get_neg_mechs'],
  rfc5587: ['gss_indicate_mechs_by_attrs', 'gss_inquire_attrs_for_mech', 'gss_display_mech_attr'],
  rfc5588: ['gss_store_cred'],
  rfc5801: ['gss_inquire_saslname_for_mech', 'gss_inquire_mech_for_saslname'],
  rfc6680: [
    'gss_display_name_ext',
    'gss_inquire_name',
    'gss_get_name_attribute',
    'gss_set_name_attribute',
    'gss_delete_name_attribute',
    'gss_export_name_composite',
  ],
  rfc6680CompOid: ['GSS_C_NT_COMPOSITE_EXPORT'],
  credStore: ['gss_acquire_cred_from', 'gss_add_cred_from', 'gss_store_cred_into'],
  credImpExp: ['gss_export_cred', 'gss_import_cred'],
  s4u: ['gss_acquire_cred_impersonate_name', 'gss_add_cred_impersonate_name'],
  password: ['gss_acquire_cred_with_password'],
  passwordAdd: ['gss_add_cred_with_password'],
  dce: ['gss_wrap_iov', 'gss_unwrap_iov', 'gss_wrap_iov_length', 'gss_release_iov_buffer'],
  dceAead: ['gss_wrap_aead', 'gss_unwrap_aead'],
  iovMic: ['gss_get_mic_iov', 'gss_get_mic_iov_length', 'gss_verify_mic_iov'],
  ggf: ['gss_inquire_cred_by_oid', 'gss_inquire_sec_context_by_oid', 'gss_set_sec_context_option'],
  setCredOpt: ['gss_set_cred_option'],
  krb5: [
    'gss_krb5_ccache_name',
    'gss_krb5_export_lucid_sec_context',
    'gss_krb5_free_lucid_sec_context',
    'gss_krb5_import_cred',
    'gss_krb5_get_tkt_flags',
    'gss_krb5_set_allowable_enctypes',
    'gsskrb5_extract_authtime_from_sec_context',
    'gsskrb5_extract_authz_data_from_sec_context',
  ],
  localname: ['gss_localname'],
  userok: ['gss_userok'],
  authorizeLocalname: ['gss_authorize_localname'],
  pnameToUid: ['gss_pname_to_uid'],
  prf: ['gss_pseudo_random'],
  oidStr: ['gss_str_to_oid', 'gss_oid_to_str'],
  completeAuthToken: ['gss_complete_auth_token'],
});

function hasSymbol(symbol: string): boolean {
  if (symbol.startsWith('GSS_C_')) return libraryOid(symbol) !== undefined;
  return libraryInfo().functions[symbol] === true;
}

/** A set of extension names computed from the library on first use. */
class Extensions implements ReadonlySet<string> {
  #present: Set<string> | undefined;
  #load(): Set<string> {
    this.#present ??= new Set(
      Object.entries(EXTENSION_SYMBOLS)
        .filter(([, symbols]) => symbols.every(hasSymbol))
        .map(([name]) => name),
    );
    return this.#present;
  }
  get size(): number {
    return this.#load().size;
  }
  has(name: string): boolean {
    return this.#load().has(name);
  }
  forEach(fn: (value: string, key: string, set: ReadonlySet<string>) => void, thisArg?: unknown): void {
    for (const name of this.#load()) fn.call(thisArg, name, name, this);
  }
  entries(): SetIterator<[string, string]> {
    return this.#load().entries();
  }
  keys(): SetIterator<string> {
    return this.#load().keys();
  }
  values(): SetIterator<string> {
    return this.#load().values();
  }
  [Symbol.iterator](): SetIterator<string> {
    return this.#load().values();
  }
  toJSON(): string[] {
    return [...this.#load()];
  }
}

/**
 * The extensions the loaded GSSAPI library provides, by name (`'rfc5588'`,
 * `'credStore'`, `'dce'`, `'krb5'`, ...; see {@link EXTENSION_SYMBOLS}).
 * Read on first use: the library is loaded then if it was not yet.
 *
 * @example
 * ```ts
 * import { extensions } from '@gssapi/raw';
 * if (extensions.has('credStore')) console.log('acquireCredFrom is available');
 * console.log([...extensions].join(', '));
 * ```
 */
export const extensions: ReadonlySet<string> = new Extensions();

/**
 * Throws {@link ExtensionUnavailableError} unless the library has `symbol`.
 * Every extension function calls this before its arguments reach C.
 * @internal
 */
export function requireSymbol(extension: string, symbol: string): void {
  if (!hasSymbol(symbol)) throw new ExtensionUnavailableError(symbol, extension);
}
