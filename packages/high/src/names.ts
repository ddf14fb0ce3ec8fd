/**
 * {@link Name}: a GSSAPI name with its display text, type, comparison,
 * canonicalization, export and RFC 6680 attributes ({@link NameAttributes}).
 *
 * @module
 */
import { inspect } from 'node:util';
import * as raw from '@gssapi/raw';
import { ExtensionUnavailableError, type NameLike, NameType, type OID, OperationUnavailableError } from '@gssapi/raw';
import { HandleWrapper } from './handle.js';
import { Mechanism } from './mechs.js';

/**
 * What a {@link Name} can be made from: text (with a name type), bytes (text
 * in UTF-8, or an exported token with `NameType.export`), a raw name
 * (wrapped, not copied) or another high-level name (duplicated).
 *
 * @example
 * ```ts
 * const inputs: NameInput[] = ['host@localhost', Buffer.from('user'), rawName, otherName];
 * ```
 */
export type NameInput = string | Uint8Array | raw.Name | Name;

/**
 * Options of {@link Name.fromToken}.
 *
 * @example
 * ```ts
 * const options: NameFromTokenOptions = { composite: true };
 * ```
 */
export interface NameFromTokenOptions {
  /**
   * The token is a composite export ({@link Name.export} with `composite`,
   * RFC 6680) carrying the name's attributes (default false: a plain
   * `NameType.export` token).
   *
   * @example
   * ```ts
   * Name.fromToken(token, { composite: true });
   * ```
   */
  composite?: boolean;
}

/**
 * Options of {@link Name.export}.
 *
 * @example
 * ```ts
 * const options: NameExportOptions = { composite: true };
 * ```
 */
export interface NameExportOptions {
  /**
   * Export the name with its attributes (`gss_export_name_composite`,
   * RFC 6680) instead of the plain mechanism-name token (default false).
   *
   * @example
   * ```ts
   * const token = initiator.exportSync({ composite: true });
   * ```
   */
  composite?: boolean;
}

/**
 * One attribute of a name ({@link NameAttributes.get}).
 *
 * @example
 * ```ts
 * const attr: NameAttribute | undefined = name.attributes.get('urn:mspac:client-info');
 * attr?.authenticated; // true: the KDC signed it
 * ```
 */
export interface NameAttribute {
  /**
   * The values, in the library's order.
   *
   * @example
   * ```ts
   * name.attributes.get('urn:mspac:client-info')?.values[0]?.length; // 18
   * ```
   */
  readonly values: readonly Buffer[];
  /**
   * The display form of each value ('' where the mechanism has none).
   *
   * @example
   * ```ts
   * name.attributes.get('urn:mspac:client-info')?.displayValues; // ['']
   * ```
   */
  readonly displayValues: readonly string[];
  /**
   * Whether the mechanism vouches for the values.
   *
   * @example
   * ```ts
   * name.attributes.get('urn:mspac:')?.authenticated; // true
   * ```
   */
  readonly authenticated: boolean;
  /**
   * Whether the values are the complete set.
   *
   * @example
   * ```ts
   * name.attributes.get('urn:mspac:')?.complete; // true
   * ```
   */
  readonly complete: boolean;
}

/**
 * The value given to {@link NameAttributes.set}: one value, several, or an
 * object with `values` and `complete` (e.g. a {@link NameAttribute} read from
 * another name).
 *
 * @example
 * ```ts
 * name.attributes.set('urn:mspac:99', Buffer.from('x'));
 * name.attributes.set('urn:mspac:99', { values: [Buffer.from('x')], complete: true });
 * ```
 */
export type NameAttributeValue =
  | string
  | Uint8Array
  | Iterable<string | Uint8Array>
  | { readonly values: Iterable<string | Uint8Array>; readonly complete?: boolean };

function isUnavailable(error: unknown): boolean {
  return error instanceof OperationUnavailableError;
}

/**
 * A Map-like view over a name's RFC 6680 attributes: `get`, `set`,
 * `delete`, `has`, `size` and iteration, each a local GSSAPI call on the
 * underlying name (nothing is cached). Every member throws
 * {@link ExtensionUnavailableError} when the library lacks RFC 6680.
 *
 * @example
 * ```ts
 * const who = server.initiatorName!;
 * for (const [attr, { authenticated }] of who.attributes) console.log(attr, authenticated);
 * ```
 */
export class NameAttributes implements Iterable<[string, NameAttribute]> {
  readonly #name: Name;

  /**
   * Use {@link Name.attributes}.
   * @internal
   */
  constructor(name: Name) {
    this.#name = name;
  }

  /**
   * The attribute names (`gss_inquire_name`).
   *
   * @returns the names, in the library's order.
   * @example
   * ```ts
   * [...name.attributes.keys()]; // ['urn:mspac:', 'urn:mspac:client-info', ...]
   * ```
   */
  keys(): IterableIterator<string> {
    return raw.inquireNameSync(this.#name.raw).attrNames.values();
  }

  /**
   * The number of attributes.
   *
   * @example
   * ```ts
   * name.attributes.size; // 0 for a name imported from text
   * ```
   */
  get size(): number {
    return raw.inquireNameSync(this.#name.raw).attrNames.length;
  }

  /**
   * One attribute (`gss_get_name_attribute`), or undefined when the name
   * does not have it.
   *
   * @param attr - the attribute name.
   * @returns the values and their status.
   * @example
   * ```ts
   * name.attributes.get('urn:mspac:client-info')?.values[0];
   * ```
   */
  get(attr: string): NameAttribute | undefined {
    try {
      const r = raw.getNameAttributeSync(this.#name.raw, attr);
      return Object.freeze({
        values: r.values,
        displayValues: r.displayValues,
        authenticated: r.authenticated,
        complete: r.complete,
      });
    } catch (error) {
      if (isUnavailable(error)) return undefined;
      throw error;
    }
  }

  /**
   * Whether the name has the attribute.
   *
   * @param attr - the attribute name.
   * @returns true when present.
   * @example
   * ```ts
   * name.attributes.has('urn:mspac:'); // true for a Kerberos initiator seen by the acceptor
   * ```
   */
  has(attr: string): boolean {
    return this.get(attr) !== undefined;
  }

  /**
   * Replaces an attribute's values: deletes the attribute (when present),
   * then sets each value (`gss_set_name_attribute`), as python-gssapi does.
   * What can be set depends on the mechanism (MIT krb5: `urn:mspac:<type>`
   * on a name that carries a PAC).
   *
   * @param attr - the attribute name.
   * @param value - one value, several, or `{ values, complete }`.
   * @param options - `complete` (default false, or the value's own `complete`).
   * @returns this view.
   * @throws OperationUnavailableError when the mechanism does not take the attribute.
   * @example
   * ```ts
   * name.attributes.set('urn:mspac:99', [Buffer.from('first'), Buffer.from('second')], { complete: true });
   * ```
   */
  set(attr: string, value: NameAttributeValue, options?: { complete?: boolean }): this {
    let values: Iterable<string | Uint8Array>;
    let complete = options?.complete;
    if (typeof value === 'string' || value instanceof Uint8Array) values = [value];
    else if (value !== null && typeof value === 'object' && !(Symbol.iterator in value) && 'values' in value) {
      values = value.values;
      complete ??= value.complete;
    } else values = value as Iterable<string | Uint8Array>;
    const list = [...values];
    try {
      raw.deleteNameAttributeSync(this.#name.raw, attr);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
    }
    raw.setNameAttributeSync(this.#name.raw, attr, list, { complete: complete ?? false });
    return this;
  }

  /**
   * Removes an attribute (`gss_delete_name_attribute`).
   *
   * @param attr - the attribute name.
   * @returns true when it was there, false when the name did not have it.
   * @example
   * ```ts
   * name.attributes.delete('urn:mspac:99'); // true
   * ```
   */
  delete(attr: string): boolean {
    if (!this.has(attr)) return false;
    raw.deleteNameAttributeSync(this.#name.raw, attr);
    return true;
  }

  /**
   * Each attribute with its values.
   *
   * @returns [name, attribute] pairs.
   * @example
   * ```ts
   * const all = new Map(name.attributes.entries());
   * ```
   */
  *entries(): IterableIterator<[string, NameAttribute]> {
    for (const attr of this.keys()) {
      const value = this.get(attr);
      if (value) yield [attr, value];
    }
  }

  /**
   * Each attribute's values.
   *
   * @returns the attributes.
   * @example
   * ```ts
   * for (const { values } of name.attributes.values()) console.log(values.length);
   * ```
   */
  *values(): IterableIterator<NameAttribute> {
    for (const [, value] of this.entries()) yield value;
  }

  /**
   * Calls `fn` for each attribute, like `Map.prototype.forEach`.
   *
   * @param fn - called with (attribute, name, this view).
   * @example
   * ```ts
   * name.attributes.forEach((attr, key) => console.log(key, attr.values.length));
   * ```
   */
  forEach(fn: (value: NameAttribute, key: string, attributes: NameAttributes) => void): void {
    for (const [key, value] of this.entries()) fn(value, key, this);
  }

  /**
   * Same as {@link NameAttributes.entries}.
   *
   * @returns [name, attribute] pairs.
   * @example
   * ```ts
   * for (const [attr, { values }] of name.attributes) console.log(attr, values);
   * ```
   */
  [Symbol.iterator](): IterableIterator<[string, NameAttribute]> {
    return this.entries();
  }
}

/**
 * A GSSAPI name: a user, a service (`service@host`), a Kerberos principal or
 * a mechanism name from an accepted context.
 *
 * Wrapping a raw name ({@link Name.fromRaw} or the constructor) shares it, it
 * does not move or copy it; {@link Name.raw} returns it. Disposing the
 * high-level name releases the raw one.
 *
 * @example
 * ```ts
 * import { Name, NameType, MechType } from '@gssapi/high';
 * const target = new Name('host@localhost', NameType.hostbasedService);
 * target.toString(); // 'host@localhost'
 * target.canonicalizeSync(MechType.kerberos).toString(); // 'host/localhost@KRBTEST.COM'
 * ```
 */
export class Name extends HandleWrapper<raw.Name> {
  readonly #raw: raw.Name;
  #attributes: NameAttributes | undefined;

  /**
   * Imports a name (`gss_import_name`), wraps a raw name, or duplicates a
   * high-level name.
   *
   * @param base - text, bytes, a raw name or a name.
   * @param nameType - the type of text or bytes ({@link NameType}); undefined lets the mechanism decide.
   * @throws BadNameTypeError, BadNameError
   * @example
   * ```ts
   * const service = new Name('HTTP@www.example.com', NameType.hostbasedService);
   * const principal = new Name('alice@EXAMPLE.COM', NameType.kerberosPrincipal);
   * const wrapped = new Name(rawName); // same handle as rawName
   * ```
   */
  constructor(base: NameInput, nameType?: OID | null) {
    super();
    if (base instanceof Name) {
      this.#raw = raw.duplicateNameSync(base.#raw);
    } else if (base instanceof raw.Name) {
      if (nameType !== undefined && nameType !== null) {
        throw new TypeError('nameType must not be given with a raw Name');
      }
      if (base.released) throw new TypeError('base has been released');
      this.#raw = base;
    } else if (typeof base === 'string' || base instanceof Uint8Array) {
      this.#raw = raw.importNameSync(base, { nameType: nameType ?? undefined });
    } else {
      throw new TypeError('base must be a string, a Uint8Array, a raw Name or a Name');
    }
  }

  /**
   * Wraps a raw name (not copied: {@link Name.raw} is the same object).
   *
   * @param name - the raw name.
   * @returns the high-level name.
   * @example
   * ```ts
   * const name = Name.fromRaw(acceptSecContextSync(token).initiatorName!);
   * ```
   */
  static fromRaw(name: raw.Name): Name {
    if (!(name instanceof raw.Name)) throw new TypeError('name must be a raw Name');
    return new Name(name);
  }

  /**
   * Imports an exported name token ({@link Name.export}): a plain one
   * (`NameType.export`) or a composite one with attributes
   * (`NameType.compositeExport`, RFC 6680).
   *
   * @param token - the token.
   * @param options - `composite`.
   * @returns the mechanism name.
   * @throws ExtensionUnavailableError for a composite token when the library lacks GSS_C_NT_COMPOSITE_EXPORT.
   * @example
   * ```ts
   * const again = Name.fromToken(name.exportSync());
   * again.equals(name); // true
   * ```
   */
  static fromToken(token: Uint8Array, options?: NameFromTokenOptions): Name {
    if (!(token instanceof Uint8Array)) throw new TypeError('token must be a Uint8Array');
    if (!options?.composite) return new Name(raw.importNameSync(token, { nameType: NameType.export }));
    const compositeType = NameType.compositeExport;
    if (!compositeType) throw new ExtensionUnavailableError('GSS_C_NT_COMPOSITE_EXPORT', 'rfc6680CompOid');
    const name = raw.importNameSync(token, { nameType: compositeType });
    // Old MIT releases left such names unparsed (type still composite export): read the plain part.
    if (raw.displayNameSync(name).nameType?.equals(compositeType)) {
      name.release();
      return new Name(raw.importNameSync(token, { nameType: NameType.export }));
    }
    return new Name(name);
  }

  /**
   * The raw name this object wraps, for the raw functions (which also take
   * the high-level name itself).
   *
   * @example
   * ```ts
   * displayNameSync(name.raw).name === name.toString(); // true
   * ```
   */
  get raw(): raw.Name {
    return this.#raw;
  }

  /**
   * The display text (`gss_display_name`).
   *
   * @returns the text, e.g. `'user@KRBTEST.COM'` (a trailing NUL, as gss-ntlmssp adds, is dropped).
   * @example
   * ```ts
   * `${server.initiatorName}`; // 'user@KRBTEST.COM'
   * ```
   */
  override toString(): string {
    return raw.displayNameSync(this.#raw, { nameType: false }).name;
  }

  /**
   * The display text, for `JSON.stringify`.
   *
   * @returns the text.
   * @example
   * ```ts
   * JSON.stringify({ user: name }); // '{"user":"user@KRBTEST.COM"}'
   * ```
   */
  toJSON(): string {
    return this.toString();
  }

  /**
   * The name's type (`gss_display_name`), e.g. `NameType.hostbasedService`;
   * undefined when the library reports none.
   *
   * @example
   * ```ts
   * new Name('host@localhost', NameType.hostbasedService).nameType?.equals(NameType.hostbasedService); // true
   * ```
   */
  get nameType(): OID | undefined {
    return raw.displayNameSync(this.#raw).nameType;
  }

  /**
   * Whether both names refer to the same entity (`gss_compare_name`).
   * Canonicalize both for a reliable answer.
   *
   * @param other - a name (high-level or raw).
   * @returns true when equal.
   * @example
   * ```ts
   * const a = new Name('host/localhost@KRBTEST.COM', NameType.kerberosPrincipal);
   * const b = new Name('host@localhost', NameType.hostbasedService);
   * a.canonicalizeSync(MechType.kerberos).equals(b.canonicalizeSync(MechType.kerberos)); // true
   * ```
   */
  equals(other: Name | NameLike): boolean {
    return raw.compareNameSync(this.#raw, other);
  }

  /**
   * A mechanism name for this name (`gss_canonicalize_name`), as a new name.
   *
   * @param mech - the mechanism.
   * @returns the mechanism name.
   * @example
   * ```ts
   * const mn = await target.canonicalize(MechType.kerberos);
   * ```
   */
  async canonicalize(mech: OID): Promise<Name> {
    return new Name(await raw.canonicalizeName(this.#raw, mech));
  }

  /**
   * Synchronous form of {@link Name.canonicalize}.
   *
   * @param mech - the mechanism.
   * @returns the mechanism name.
   * @example
   * ```ts
   * target.canonicalizeSync(MechType.kerberos).toString(); // 'host/localhost@KRBTEST.COM'
   * ```
   */
  canonicalizeSync(mech: OID): Name {
    return new Name(raw.canonicalizeNameSync(this.#raw, mech));
  }

  /**
   * The exported token of a mechanism name (`gss_export_name`), or with
   * `composite` its attributes too (`gss_export_name_composite`, RFC 6680).
   * Import it with {@link Name.fromToken}.
   *
   * @param options - `composite`.
   * @returns the token.
   * @throws MechanismNameRequiredError when this is not a mechanism name.
   * @example
   * ```ts
   * const token = await (await target.canonicalize(MechType.kerberos)).export();
   * ```
   */
  async export(options?: NameExportOptions): Promise<Buffer> {
    return options?.composite ? raw.exportNameComposite(this.#raw) : raw.exportName(this.#raw);
  }

  /**
   * Synchronous form of {@link Name.export}.
   *
   * @param options - `composite`.
   * @returns the token.
   * @example
   * ```ts
   * const acl = new Set([server.initiatorName!.exportSync().toString('hex')]);
   * ```
   */
  exportSync(options?: NameExportOptions): Buffer {
    return options?.composite ? raw.exportNameCompositeSync(this.#raw) : raw.exportNameSync(this.#raw);
  }

  /**
   * The name displayed as another name type (`gss_display_name_ext`, RFC 6680).
   *
   * @param nameType - the name type.
   * @returns the text.
   * @throws OperationUnavailableError when the mechanism cannot; ExtensionUnavailableError without RFC 6680.
   * @example
   * ```ts
   * await principal.displayAs(NameType.kerberosPrincipal); // 'user@KRBTEST.COM'
   * ```
   */
  displayAs(nameType: OID): Promise<string> {
    return raw.displayNameExt(this.#raw, nameType);
  }

  /**
   * Synchronous form of {@link Name.displayAs}.
   *
   * @param nameType - the name type.
   * @returns the text.
   * @example
   * ```ts
   * principal.displayAsSync(NameType.kerberosPrincipal); // 'user@KRBTEST.COM'
   * ```
   */
  displayAsSync(nameType: OID): string {
    return raw.displayNameExtSync(this.#raw, nameType);
  }

  /**
   * An independent copy (`gss_duplicate_name`).
   *
   * @returns the copy.
   * @example
   * ```ts
   * const copy = await name.duplicate();
   * ```
   */
  async duplicate(): Promise<Name> {
    return new Name(await raw.duplicateName(this.#raw));
  }

  /**
   * Synchronous form of {@link Name.duplicate}.
   *
   * @returns the copy.
   * @example
   * ```ts
   * const copy = name.duplicateSync();
   * copy.equals(name); // true
   * ```
   */
  duplicateSync(): Name {
    return new Name(raw.duplicateNameSync(this.#raw));
  }

  /**
   * Whether this is a mechanism name (`gss_inquire_name`, RFC 6680).
   *
   * @throws ExtensionUnavailableError when the library lacks RFC 6680.
   * @example
   * ```ts
   * target.isMechName; // false
   * target.canonicalizeSync(MechType.kerberos).isMechName; // true
   * ```
   */
  get isMechName(): boolean {
    return raw.inquireNameSync(this.#raw).isMechName;
  }

  /**
   * The mechanism of a mechanism name (`gss_inquire_name`, RFC 6680);
   * undefined for other names.
   *
   * @throws ExtensionUnavailableError when the library lacks RFC 6680.
   * @example
   * ```ts
   * server.initiatorName!.mech?.equals(MechType.kerberos); // true
   * ```
   */
  get mech(): Mechanism | undefined {
    const mech = raw.inquireNameSync(this.#raw).mech;
    return mech ? Mechanism.from(mech) : undefined;
  }

  /**
   * The name's RFC 6680 attributes as a Map-like view.
   *
   * @example
   * ```ts
   * server.initiatorName!.attributes.has('urn:mspac:'); // true with an MIT KDC
   * ```
   */
  get attributes(): NameAttributes {
    this.#attributes ??= new NameAttributes(this);
    return this.#attributes;
  }

  /**
   * How `console.log` shows the name.
   *
   * @returns e.g. `Name("host@localhost", 1.2.840.113554.1.2.1.4)`.
   * @example
   * ```ts
   * console.log(name); // Name("host@localhost", 1.2.840.113554.1.2.1.4)
   * ```
   */
  [inspect.custom](): string {
    if (this.released) return 'Name(<released>)';
    const { name, nameType } = raw.displayNameSync(this.#raw);
    return `Name(${JSON.stringify(name)}${nameType ? `, ${nameType.dottedForm}` : ''})`;
  }
}
