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
