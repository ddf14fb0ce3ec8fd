/**
 * RFC 6680 naming extensions: name attributes (inquire, get, set, delete),
 * display as another name type, and composite export. Each as `fn()` (Promise,
 * worker thread) and `fnSync()`. A composite token is imported again with
 * {@link importName} and `NameType.compositeExport`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { describe, type NameLike, nameArg } from './handles.js';
import { type OID, oidFromBinding } from './oids.js';
import { booleanArg, oidArg, optionsArg, textOrBytesArg } from './validate.js';

const EXT = 'rfc6680';

/** UTF-8 text of a library buffer, without the trailing NUL some mechanisms count in the length. */
function text(bytes: Buffer | undefined): string {
  if (!bytes) return '';
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}

/**
 * What {@link inquireName} reports about a name.
 *
 * @example
 * ```ts
 * const { attrNames, isMechName, mech } = inquireNameSync(server.initiatorName!);
 * // attrNames: ['urn:mspac:', 'urn:mspac:client-info', ...], isMechName: true, mech: MechType.kerberos
 * ```
 */
export interface InquireNameResult {
  /** The names of the attributes the name carries, as the library returned them. */
  readonly attrs: readonly Buffer[];
  /** The same attribute names decoded as UTF-8 (they are URIs or URNs in practice). */
  readonly attrNames: readonly string[];
  /** Whether the name is a mechanism name (from {@link canonicalizeName} or {@link acceptSecContext}). */
  readonly isMechName: boolean;
  /** The mechanism of a mechanism name; undefined otherwise. */
  readonly mech: OID | undefined;
}

/**
 * The values of one name attribute ({@link getNameAttribute}).
 *
 * @example
 * ```ts
 * const { values, displayValues, authenticated, complete } = getNameAttributeSync(name, 'urn:mspac:client-info');
 * ```
 */
export interface GetNameAttributeResult {
  /** Every value, in the library's order. */
  readonly values: readonly Buffer[];
  /** The display form of each value (same order; '' when the mechanism has none). */
  readonly displayValues: readonly string[];
  /** Whether the mechanism vouches for the values (e.g. a KDC-signed PAC). */
  readonly authenticated: boolean;
  /** Whether the values are the complete set. */
  readonly complete: boolean;
}

/** Options of {@link setNameAttribute}. */
export interface SetNameAttributeOptions {
  /** The values given are the attribute's complete set (default false). */
  complete?: boolean;
}

function attrArg(value: unknown): Uint8Array {
  return textOrBytesArg(value, 'attr');
}

function displayExtArgs(name: unknown, nameType: unknown): NativeArgs['displayNameExt'] {
  requireSymbol(EXT, 'gss_display_name_ext');
  return [nameArg(name, 'name'), oidArg(nameType, 'nameType')];
}

const displayExtFinish = (r: NativeResults['displayNameExt']): string => text(r.text);

/**
 * The text form of a name as another name type (`gss_display_name_ext`,
 * RFC 6680). MIT's krb5 mechanism has no such conversion: it succeeds only
 * for the name's own type and fails with OperationUnavailableError otherwise.
 *
 * @param name - the name.
 * @param nameType - the name type to display it as ({@link NameType}).
 * @returns the text (UTF-8; a trailing NUL is dropped).
 * @throws ExtensionUnavailableError when the library lacks the call; OperationUnavailableError
 *   when the mechanism cannot display the name that way.
 * @example
 * ```ts
 * const principal = importNameSync('user@KRBTEST.COM', { nameType: NameType.kerberosPrincipal });
 * await displayNameExt(principal, NameType.kerberosPrincipal); // 'user@KRBTEST.COM'
 * ```
 */
export async function displayNameExt(name: NameLike, nameType: OID): Promise<string> {
  return callAsync('displayNameExt', displayExtArgs(name, nameType), displayExtFinish);
}

/**
 * Synchronous form of {@link displayNameExt}.
 *
 * @param name - the name.
 * @param nameType - the name type to display it as.
 * @returns the text.
 * @example
 * ```ts
 * displayNameExtSync(principal, NameType.kerberosPrincipal); // 'user@KRBTEST.COM'
 * ```
 */
export function displayNameExtSync(name: NameLike, nameType: OID): string {
  return callSync('displayNameExt', displayExtArgs(name, nameType), displayExtFinish);
}

function inquireArgs(name: unknown): NativeArgs['inquireName'] {
  requireSymbol(EXT, 'gss_inquire_name');
  return [nameArg(name, 'name')];
}

const inquireFinish = (r: NativeResults['inquireName']): InquireNameResult => {
  const attrs = Object.freeze([...(r.attrs ?? [])]);
  return Object.freeze({
    attrs,
    attrNames: Object.freeze(attrs.map((a) => a.toString('utf8'))),
    isMechName: r.isMechName === true,
    mech: r.mech && r.mech.length > 0 ? oidFromBinding(r.mech) : undefined,
  });
};

/**
 * Whether a name is a mechanism name, its mechanism, and the names of its
 * attributes (`gss_inquire_name`, RFC 6680). An acceptor's view of a
 * Kerberos initiator carries the PAC the MIT KDC issues as `urn:mspac:`
 * attributes.
 *
 * @param name - the name.
 * @returns the attribute names, mechanism-name flag and mechanism.
 * @throws ExtensionUnavailableError when the library lacks RFC 6680.
 * @example
 * ```ts
 * const { attrNames } = await inquireName(server.initiatorName!);
 * attrNames.includes('urn:mspac:client-info'); // true with an MIT KDC
 * ```
 */
export async function inquireName(name: NameLike): Promise<InquireNameResult> {
  return callAsync('inquireName', inquireArgs(name), inquireFinish);
}

/**
 * Synchronous form of {@link inquireName}.
 *
 * @param name - the name.
 * @returns the attribute names, mechanism-name flag and mechanism.
 * @example
 * ```ts
 * inquireNameSync(importNameSync('user')).isMechName; // false
 * ```
 */
export function inquireNameSync(name: NameLike): InquireNameResult {
  return callSync('inquireName', inquireArgs(name), inquireFinish);
}

function getArgs(name: unknown, attr: unknown): NativeArgs['getNameAttribute'] {
  requireSymbol(EXT, 'gss_get_name_attribute');
  return [nameArg(name, 'name'), attrArg(attr)];
}

const getFinish = (r: NativeResults['getNameAttribute']): GetNameAttributeResult =>
  Object.freeze({
    values: Object.freeze([...(r.values ?? [])]),
    displayValues: Object.freeze((r.displayValues ?? []).map(text)),
    authenticated: r.authenticated === true,
    complete: r.complete === true,
  });

/**
 * Every value of one attribute of a name (`gss_get_name_attribute`, RFC 6680,
 * called until the library reports no more values).
 *
 * @param name - the name.
 * @param attr - the attribute name (text is UTF-8 encoded).
 * @returns the values, their display forms and the authenticated/complete flags.
 * @throws OperationUnavailableError when the name has no such attribute.
 * @example
 * ```ts
 * const info = await getNameAttribute(server.initiatorName!, 'urn:mspac:client-info');
 * info.authenticated; // true: the KDC signed the PAC
 * ```
 */
export async function getNameAttribute(name: NameLike, attr: string | Uint8Array): Promise<GetNameAttributeResult> {
  return callAsync('getNameAttribute', getArgs(name, attr), getFinish);
}

/**
 * Synchronous form of {@link getNameAttribute}.
 *
 * @param name - the name.
 * @param attr - the attribute name.
 * @returns the values, their display forms and the flags.
 * @example
 * ```ts
 * getNameAttributeSync(name, 'urn:mspac:').values[0].length; // the whole PAC
 * ```
 */
export function getNameAttributeSync(name: NameLike, attr: string | Uint8Array): GetNameAttributeResult {
  return callSync('getNameAttribute', getArgs(name, attr), getFinish);
}

function valuesArg(values: unknown): Uint8Array[] {
  if (typeof values === 'string' || values instanceof Uint8Array) return [textOrBytesArg(values, 'values')];
  if (typeof values !== 'object' || values === null || !(Symbol.iterator in values)) {
    throw new TypeError(`values must be an iterable of strings or Uint8Arrays (got ${describe(values)})`);
  }
  const list = Array.from(values as Iterable<unknown>, (v, i) => textOrBytesArg(v, `values[${i}]`));
  if (list.length === 0) {
    throw new RangeError('values must hold at least one value (use deleteNameAttribute to remove an attribute)');
  }
  return list;
}

function setArgs(
  name: unknown,
  attr: unknown,
  values: unknown,
  options: SetNameAttributeOptions | undefined,
): NativeArgs['setNameAttribute'] {
  requireSymbol(EXT, 'gss_set_name_attribute');
  const o = optionsArg(options);
  return [nameArg(name, 'name'), attrArg(attr), valuesArg(values), booleanArg(o.complete, 'options.complete', false)];
}

const nothing = (): void => undefined;

/**
 * Sets an attribute of a name (`gss_set_name_attribute`, RFC 6680): one C
 * call per value, in order, with `complete` passed on the last one; the
 * first failure stops there (earlier values stay set). What can be set
 * depends on the mechanism's attribute modules. With MIT krb5 only the PAC
 * module takes values: `urn:mspac:<buffer type>` adds a buffer to the PAC of
 * a name that has one (once per type), `urn:mspac:` replaces the whole PAC.
 * The changed PAC no longer matches the KDC's signatures, so MIT then reports
 * every `urn:mspac:` attribute as absent to {@link getNameAttribute}
 * (it still lists them, and {@link exportNameComposite} carries them). Other
 * attributes fail with OperationUnavailableError.
 *
 * @param name - the name (changed in place).
 * @param attr - the attribute name (text is UTF-8 encoded).
 * @param values - the values: an iterable of strings (UTF-8) or Uint8Arrays, or a single one.
 * @param options - `complete`.
 * @throws OperationUnavailableError when no attribute module takes `attr`; RangeError for no values.
 * @example
 * ```ts
 * await setNameAttribute(server.initiatorName!, 'urn:mspac:99', [Buffer.from('payload')]);
 * ```
 */
export async function setNameAttribute(
  name: NameLike,
  attr: string | Uint8Array,
  values: Iterable<Uint8Array | string> | Uint8Array | string,
  options?: SetNameAttributeOptions,
): Promise<void> {
  return callAsync('setNameAttribute', setArgs(name, attr, values, options), nothing);
}

/**
 * Synchronous form of {@link setNameAttribute}.
 *
 * @param name - the name (changed in place).
 * @param attr - the attribute name.
 * @param values - the values.
 * @param options - `complete`.
 * @example
 * ```ts
 * setNameAttributeSync(name, 'urn:mspac:99', 'payload', { complete: true });
 * ```
 */
export function setNameAttributeSync(
  name: NameLike,
  attr: string | Uint8Array,
  values: Iterable<Uint8Array | string> | Uint8Array | string,
  options?: SetNameAttributeOptions,
): void {
  callSync('setNameAttribute', setArgs(name, attr, values, options), nothing);
}

function deleteArgs(name: unknown, attr: unknown): NativeArgs['deleteNameAttribute'] {
  requireSymbol(EXT, 'gss_delete_name_attribute');
  return [nameArg(name, 'name'), attrArg(attr)];
}

/**
 * Removes an attribute from a name (`gss_delete_name_attribute`, RFC 6680).
 * None of MIT krb5's built-in attribute modules (PAC, authentication
 * indicators) implements deletion: there it always fails with
 * OperationUnavailableError.
 *
 * @param name - the name (changed in place).
 * @param attr - the attribute name.
 * @throws OperationUnavailableError when no attribute module deletes `attr`.
 * @example
 * ```ts
 * await deleteNameAttribute(name, 'urn:mspac:99');
 * ```
 */
export async function deleteNameAttribute(name: NameLike, attr: string | Uint8Array): Promise<void> {
  return callAsync('deleteNameAttribute', deleteArgs(name, attr), nothing);
}

/**
 * Synchronous form of {@link deleteNameAttribute}.
 *
 * @param name - the name (changed in place).
 * @param attr - the attribute name.
 * @example
 * ```ts
 * deleteNameAttributeSync(name, 'urn:mspac:99');
 * ```
 */
export function deleteNameAttributeSync(name: NameLike, attr: string | Uint8Array): void {
  callSync('deleteNameAttribute', deleteArgs(name, attr), nothing);
}

function compositeArgs(name: unknown): NativeArgs['exportNameComposite'] {
  requireSymbol(EXT, 'gss_export_name_composite');
  return [nameArg(name, 'name')];
}

const tokenOf = (r: NativeResults['exportNameComposite']): Buffer => r.token as Buffer;

/**
 * The exported form of a mechanism name together with its attributes
 * (`gss_export_name_composite`, RFC 6680). Import it again with
 * `importName(token, { nameType: NameType.compositeExport })`.
 *
 * @param name - a mechanism name.
 * @returns the composite token.
 * @throws MechanismNameRequiredError when `name` is not a mechanism name.
 * @example
 * ```ts
 * const token = await exportNameComposite(server.initiatorName!);
 * const again = await importName(token, { nameType: NameType.compositeExport! });
 * ```
 */
export async function exportNameComposite(name: NameLike): Promise<Buffer> {
  return callAsync('exportNameComposite', compositeArgs(name), tokenOf);
}

/**
 * Synchronous form of {@link exportNameComposite}.
 *
 * @param name - a mechanism name.
 * @returns the composite token.
 * @example
 * ```ts
 * const token = exportNameCompositeSync(canonicalizeNameSync(name, MechType.kerberos));
 * ```
 */
export function exportNameCompositeSync(name: NameLike): Buffer {
  return callSync('exportNameComposite', compositeArgs(name), tokenOf);
}
