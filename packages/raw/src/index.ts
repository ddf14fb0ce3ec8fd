/**
 * `@gssapi/raw`: the GSSAPI C interface (RFC 2743/2744) for Node.js, function by
 * function, mirroring python-gssapi's `gssapi.raw` with camelCase names.
 *
 * Every operation exists as `fn()` returning a Promise (run on a worker thread)
 * and `fnSync()` running inline. Required parameters are positional, optional
 * ones go in a trailing options object. Bytes go in as any `Uint8Array` and
 * come out as `Buffer`; lifetimes are seconds, `Infinity` for indefinite.
 * GSSAPI failures throw a typed {@link GSSError}; bad arguments throw
 * `TypeError`/`RangeError` before any C call.
 *
 * @example
 * ```ts
 * import * as gss from '@gssapi/raw';
 * const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
 * const client = gss.initSecContextSync(target);
 * const server = gss.acceptSecContextSync(client.token!);
 * console.log(gss.displayNameSync(server.initiatorName!).name);
 * ```
 *
 * @packageDocumentation
 */
export * from './chan_bindings.js';
export * from './creds.js';
export * from './errors.js';
export * from './ext_complete_auth_token.js';
export * from './ext_cred_imp_exp.js';
export * from './ext_cred_store.js';
export * from './ext_dce.js';
export * from './ext_ggf.js';
export * from './ext_iov_mic.js';
export * from './ext_krb5.js';
export * from './ext_localname.js';
export * from './ext_oid_str.js';
export * from './ext_password.js';
export * from './ext_prf.js';
export * from './ext_rfc4178.js';
export * from './ext_rfc5587.js';
export * from './ext_rfc5588.js';
export * from './ext_rfc5801.js';
export * from './ext_rfc6680.js';
export * from './ext_s4u.js';
export * from './ext_set_cred_opt.js';
export { EXTENSION_SYMBOLS, extensions } from './extensions.js';
export * from './flags.js';
export { Creds, type CredsLike, Name, type NameLike, SecurityContext, type SecurityContextLike } from './handles.js';
export { type LibraryInfo, type LoadLibraryOptions, libraryInfo, loadLibrary } from './library.js';
export * from './message.js';
export * from './misc.js';
export * from './names.js';
export { OID, OIDSet } from './oids.js';
export type * from './results.js';
export * from './sec_contexts.js';
export {
  callingError,
  GSS_S,
  type GSSStatusName,
  isError,
  routineError,
  STATUS_MASK,
  statusCodeName,
  supplementaryInfo,
} from './status.js';
export { MechType, type MechTypes, NameType, type NameTypes } from './types.js';
export { INDEFINITE, type Usage } from './validate.js';
