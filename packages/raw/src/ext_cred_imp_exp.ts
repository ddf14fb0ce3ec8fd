/**
 * Credential export and import (`gss_export_cred`, `gss_import_cred`; MIT
 * krb5 1.14+ and Heimdal), as python-gssapi's `ext_cred_imp_exp`. Each as
 * `fn()` (Promise, worker thread) and `fnSync()`.
 *
 * The token carries the credentials themselves or a reference to where they
 * live (MIT: a ticket cache name, or the tickets of a memory cache; a keytab
 * name; the password of password-acquired credentials). Treat it as a secret
 * and import it only on the same host.
 */
import type { NativeCreds, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { checkExportedCred } from './exported_cred.js';
import { requireSymbol } from './extensions.js';
import { Creds, type CredsLike, credsArg } from './handles.js';
import { bytesArg } from './validate.js';

const exportFinish = (r: NativeResults['exportCred']): Buffer => r.token as Buffer;
function importArgs(token: unknown): [Uint8Array] {
  const bytes = bytesArg(token, 'token');
  checkExportedCred(bytes);
  return [bytes];
}

const importFinish = (r: NativeResults['importCred']): Creds => Creds.fromNative(r.creds as NativeCreds);

/**
 * Serialises credentials into a token (`gss_export_cred`, GGF/Heimdal
 * extension, MIT 1.14+), e.g. to hand them to another process of the same
 * user on the same host, which reads them back with {@link importCred}.
 * The credentials stay usable.
 *
 * @param creds - the credentials (initiator, acceptor or delegated ones).
 * @returns the token; a secret.
 * @throws ExtensionUnavailableError when the library lacks `gss_export_cred`.
 * @example
 * ```ts
 * const { delegatedCreds } = await acceptSecContext(token);
 * const saved = await exportCred(delegatedCreds!);
 * ```
 */
export async function exportCred(creds: CredsLike): Promise<Buffer> {
  requireSymbol('credImpExp', 'gss_export_cred');
  return callAsync('exportCred', [credsArg(creds, 'creds')], exportFinish);
}

/**
 * Synchronous form of {@link exportCred}.
 *
 * @param creds - the credentials.
 * @returns the token.
 * @example
 * ```ts
 * const token = exportCredSync(creds);
 * ```
 */
export function exportCredSync(creds: CredsLike): Buffer {
  requireSymbol('credImpExp', 'gss_export_cred');
  return callSync('exportCred', [credsArg(creds, 'creds')], exportFinish);
}

/**
 * Rebuilds credentials from a token of {@link exportCred} (`gss_import_cred`,
 * GGF/Heimdal extension, MIT 1.14+).
 *
 * @param token - the exported credentials.
 * @returns the credentials.
 * @throws InvalidTokenError (DEFECTIVE_TOKEN) for a damaged token.
 * @example
 * ```ts
 * const creds = await importCred(saved);
 * await initSecContext(target, { creds });
 * ```
 */
export async function importCred(token: Uint8Array): Promise<Creds> {
  requireSymbol('credImpExp', 'gss_import_cred');
  return callAsync('importCred', importArgs(token), importFinish);
}

/**
 * Synchronous form of {@link importCred}.
 *
 * @param token - the exported credentials.
 * @returns the credentials.
 * @example
 * ```ts
 * const creds = importCredSync(exportCredSync(original));
 * ```
 */
export function importCredSync(token: Uint8Array): Creds {
  requireSymbol('credImpExp', 'gss_import_cred');
  return callSync('importCred', importArgs(token), importFinish);
}
