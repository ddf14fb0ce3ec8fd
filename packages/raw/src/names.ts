/**
 * RFC 2743/2744 names: import, display, compare, export, canonicalize,
 * duplicate, release. Each as `fn()` (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeName, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { checkExportedName } from './exported_name.js';
import { Name, type NameLike, nameArg, releaseArg } from './handles.js';
import type { OID } from './oids.js';
import { oidFromBinding, oidToBinding } from './oids.js';
import type { DisplayNameResult } from './results.js';
import { NameType } from './types.js';
import { booleanArg, oidArg, optionalOidArg, optionsArg, textOrBytesArg } from './validate.js';

/** Options of {@link importName}. */
export interface ImportNameOptions {
  /** The name type ({@link NameType}); undefined lets the mechanism decide (GSS_C_NO_OID). */
  nameType?: OID;
}

/** Options of {@link displayName}. */
export interface DisplayNameOptions {
  /** Also report the name type (default true). */
  nameType?: boolean;
}

const toName = (r: { name?: NativeName }): Name => Name.fromNative(r.name as NativeName);

// Whether an import's name type makes the input an exported name token.
function isExportType(nameType: Buffer): boolean {
  const composite = NameType.compositeExport;
  return (
    nameType.equals(oidToBinding(NameType.export)) ||
    (composite !== undefined && nameType.equals(oidToBinding(composite)))
  );
}

function importArgs(name: unknown, options: ImportNameOptions | undefined): NativeArgs['importName'] {
  const o = optionsArg(options);
  const text = textOrBytesArg(name, 'name');
  const nameType = optionalOidArg(o.nameType, 'options.nameType');
  if (nameType && isExportType(nameType)) checkExportedName(text);
  return [text, nameType];
}

/**
 * Converts text (or an exported name token) and a name type into a GSSAPI name
 * (`gss_import_name`).
 *
 * @param name - the name: text (UTF-8) or bytes (an exported name token with `NameType.export`).
 * @param options - `nameType`.
 * @returns the name.
 * @throws BadNameTypeError, BadNameError
 * @example
 * ```ts
 * const target = await importName('host@localhost', { nameType: NameType.hostbasedService });
 * ```
 */
export async function importName(name: string | Uint8Array, options?: ImportNameOptions): Promise<Name> {
  return callAsync('importName', importArgs(name, options), toName);
}

/**
 * Synchronous form of {@link importName}.
 *
 * @param name - the name text or exported token.
 * @param options - `nameType`.
 * @returns the name.
 * @example
 * ```ts
 * const user = importNameSync('user@KRBTEST.COM', { nameType: NameType.kerberosPrincipal });
 * ```
 */
export function importNameSync(name: string | Uint8Array, options?: ImportNameOptions): Name {
  return callSync('importName', importArgs(name, options), toName);
}

function displayFinish(wantType: boolean) {
  return (r: NativeResults['displayName']): DisplayNameResult => {
    const bytes = r.text as Buffer;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
    return Object.freeze({
      name: bytes.toString('utf8', 0, end),
      nameType: wantType && r.nameType ? oidFromBinding(r.nameType) : undefined,
      bytes,
    });
  };
}

function wantNameType(options: DisplayNameOptions | undefined): boolean {
  return booleanArg(optionsArg(options).nameType, 'options.nameType', true);
}

/**
 * The text form of a name and its type (`gss_display_name`).
 *
 * @param name - the name.
 * @param options - `nameType: false` skips the type.
 * @returns the text, type and raw bytes.
 * @example
 * ```ts
 * const { name: text, nameType } = await displayName(name);
 * ```
 */
export async function displayName(name: NameLike, options?: DisplayNameOptions): Promise<DisplayNameResult> {
  const want = wantNameType(options);
  return callAsync('displayName', [nameArg(name, 'name')], displayFinish(want));
}

/**
 * Synchronous form of {@link displayName}.
 *
 * @param name - the name.
 * @param options - `nameType: false` skips the type.
 * @returns the text, type and raw bytes.
 * @example
 * ```ts
 * displayNameSync(name).name; // 'host@localhost'
 * ```
 */
export function displayNameSync(name: NameLike, options?: DisplayNameOptions): DisplayNameResult {
  const want = wantNameType(options);
  return callSync('displayName', [nameArg(name, 'name')], displayFinish(want));
}

const isEqual = (r: NativeResults['compareName']): boolean => r.equal === true;

/**
 * Whether two names refer to the same entity (`gss_compare_name`). Compare
 * mechanism names (after {@link canonicalizeName}) for a reliable answer.
 *
 * @param name1 - a name.
 * @param name2 - another name.
 * @returns true when equal.
 * @example
 * ```ts
 * await compareName(a, b); // false for 'host/localhost@' vs 'host@localhost' until canonicalized
 * ```
 */
export async function compareName(name1: NameLike, name2: NameLike): Promise<boolean> {
  return callAsync('compareName', [nameArg(name1, 'name1'), nameArg(name2, 'name2')], isEqual);
}

/**
 * Synchronous form of {@link compareName}.
 *
 * @param name1 - a name.
 * @param name2 - another name.
 * @returns true when equal.
 * @example
 * ```ts
 * compareNameSync(canonA, canonB); // true
 * ```
 */
export function compareNameSync(name1: NameLike, name2: NameLike): boolean {
  return callSync('compareName', [nameArg(name1, 'name1'), nameArg(name2, 'name2')], isEqual);
}

const tokenOf = (r: { token?: Buffer }): Buffer => r.token as Buffer;

/**
 * The exported form of a mechanism name (`gss_export_name`): a canonical byte
 * string fit for comparison and access control lists.
 *
 * @param name - a mechanism name (from {@link canonicalizeName} or {@link acceptSecContext}).
 * @returns the token.
 * @throws MechanismNameRequiredError when `name` is not a mechanism name.
 * @example
 * ```ts
 * const token = await exportName(await canonicalizeName(name, MechType.kerberos));
 * ```
 */
export async function exportName(name: NameLike): Promise<Buffer> {
  return callAsync('exportName', [nameArg(name, 'name')], tokenOf);
}

/**
 * Synchronous form of {@link exportName}.
 *
 * @param name - a mechanism name.
 * @returns the token.
 * @example
 * ```ts
 * const again = importNameSync(exportNameSync(mn), { nameType: NameType.export });
 * ```
 */
export function exportNameSync(name: NameLike): Buffer {
  return callSync('exportName', [nameArg(name, 'name')], tokenOf);
}

/**
 * A mechanism name for `name` (`gss_canonicalize_name`).
 *
 * @param name - any name.
 * @param mech - the mechanism ({@link MechType}).
 * @returns a new mechanism name.
 * @example
 * ```ts
 * const mn = await canonicalizeName(name, MechType.kerberos);
 * ```
 */
export async function canonicalizeName(name: NameLike, mech: OID): Promise<Name> {
  return callAsync('canonicalizeName', [nameArg(name, 'name'), oidArg(mech, 'mech')], toName);
}

/**
 * Synchronous form of {@link canonicalizeName}.
 *
 * @param name - any name.
 * @param mech - the mechanism.
 * @returns a new mechanism name.
 * @example
 * ```ts
 * displayNameSync(canonicalizeNameSync(name, MechType.kerberos)).name; // 'host/localhost@'
 * ```
 */
export function canonicalizeNameSync(name: NameLike, mech: OID): Name {
  return callSync('canonicalizeName', [nameArg(name, 'name'), oidArg(mech, 'mech')], toName);
}

/**
 * A copy of a name (`gss_duplicate_name`), released independently.
 *
 * @param name - the name.
 * @returns the copy.
 * @example
 * ```ts
 * const copy = await duplicateName(name);
 * ```
 */
export async function duplicateName(name: NameLike): Promise<Name> {
  return callAsync('duplicateName', [nameArg(name, 'name')], toName);
}

/**
 * Synchronous form of {@link duplicateName}.
 *
 * @param name - the name.
 * @returns the copy.
 * @example
 * ```ts
 * const copy = duplicateNameSync(name);
 * ```
 */
export function duplicateNameSync(name: NameLike): Name {
  return callSync('duplicateName', [nameArg(name, 'name')], toName);
}

/**
 * Releases a name now (`gss_release_name`); same as `name.release()`, and
 * like it idempotent. Names are also released when garbage collected.
 *
 * @param name - the name.
 * @example
 * ```ts
 * await releaseName(name);
 * ```
 */
export async function releaseName(name: NameLike): Promise<void> {
  releaseNameSync(name);
}

/**
 * Synchronous form of {@link releaseName}.
 *
 * @param name - the name.
 * @example
 * ```ts
 * releaseNameSync(name);
 * ```
 */
export function releaseNameSync(name: NameLike): void {
  releaseArg(name, Name, 'name');
}
