/**
 * Object identifiers: the {@link OID} value type and the {@link OIDSet} collection.
 *
 * @module
 */

import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';

/** Reads an OID's internal bytes without copying; assigned by the class's static block. */
let derOf: (oid: OID) => Buffer;

/**
 * Checks that `der` is a well-formed DER content encoding of an object identifier and returns its
 * dotted form. Throws a `RangeError` naming `argName` otherwise.
 */
function decodeDer(der: Uint8Array, argName: string): string {
  if (der.length === 0) {
    throw new RangeError(`${argName} must not be empty: an OID has at least one encoded byte`);
  }
  const last = der[der.length - 1] as number;
  if ((last & 0x80) !== 0) {
    throw new RangeError(`${argName} is truncated: its last byte has the continuation bit set`);
  }
  const arcs: string[] = [];
  let value = 0n;
  let atArcStart = true;
  for (let i = 0; i < der.length; i++) {
    const byte = der[i] as number;
    if (atArcStart && byte === 0x80) {
      throw new RangeError(`${argName} is not minimally encoded: an arc starts with byte 0x80 at offset ${i}`);
    }
    value = (value << 7n) | BigInt(byte & 0x7f);
    atArcStart = (byte & 0x80) === 0;
    if (atArcStart) {
      if (arcs.length === 0) {
        // The first sub-identifier packs the first two arcs as first * 40 + second.
        if (value < 40n) {
          arcs.push('0', value.toString());
        } else if (value < 80n) {
          arcs.push('1', (value - 40n).toString());
        } else {
          arcs.push('2', (value - 80n).toString());
        }
      } else {
        arcs.push(value.toString());
      }
      value = 0n;
    }
  }
  return arcs.join('.');
}

/** Appends the base-128, high-bit-continued encoding of `value` to `out`. */
function encodeArc(value: bigint, out: number[]): void {
  const groups: number[] = [Number(value & 0x7fn)];
  let rest = value >> 7n;
  while (rest > 0n) {
    groups.push(Number(rest & 0x7fn) | 0x80);
    rest >>= 7n;
  }
  for (let i = groups.length - 1; i >= 0; i--) {
    out.push(groups[i] as number);
  }
}

/** Turns one element of an integer sequence into a non-negative `bigint`, or throws. */
function arcFromElement(element: unknown, index: number): bigint {
  if (typeof element === 'bigint') {
    if (element < 0n) {
      throw new RangeError(`seq[${index}] must not be negative (got ${element})`);
    }
    return element;
  }
  if (typeof element === 'number') {
    if (!Number.isInteger(element) || element < 0) {
      throw new RangeError(`seq[${index}] must be a non-negative integer (got ${element})`);
    }
    if (!Number.isSafeInteger(element)) {
      throw new RangeError(`seq[${index}] is larger than Number.MAX_SAFE_INTEGER; pass it as a bigint`);
    }
    return BigInt(element);
  }
  throw new TypeError(`seq[${index}] must be a number or a bigint (got ${typeof element})`);
}

/** Parses a dotted string into arcs, or throws a `RangeError` naming `seq`. */
function arcsFromString(seq: string): bigint[] {
  const parts = seq.split('.');
  return parts.map((part, index) => {
    if (!/^[0-9]+$/.test(part)) {
      throw new RangeError(`seq must be dotted decimal arcs such as '1.2.840.113554.1.2.2'; arc ${index} is '${part}'`);
    }
    return BigInt(part);
  });
}

/**
 * An ASN.1 object identifier, such as a mechanism (`1.2.840.113554.1.2.2` for Kerberos V5) or a name
 * type. It holds the DER content bytes (no tag or length), exactly what GSSAPI's `gss_OID_desc`
 * carries. Instances are immutable and compare by value with {@link OID.equals}; {@link OID.key} is a
 * string usable as a `Map` key.
 *
 * @example
 * ```ts
 * import { OID } from '@gssapi/raw';
 *
 * const krb5 = OID.fromIntSeq('1.2.840.113554.1.2.2');
 * krb5.bytes.toString('hex'); // '2a864886f712010202'
 * new OID(Buffer.from('2a864886f712010202', 'hex')).equals(krb5); // true
 * ```
 */
export class OID {
  /** The DER content bytes; never handed out without copying. */
  readonly #der: Buffer;

  /**
   * The dotted decimal form, e.g. `'1.2.840.113554.1.2.2'`. Arcs of any size are decoded exactly.
   *
   * @example
   * ```ts
   * OID.fromIntSeq([1, 3, 6, 1, 5, 5, 2]).dottedForm; // '1.3.6.1.5.5.2'
   * ```
   */
  readonly dottedForm: string;

  /**
   * Builds an OID from its DER content bytes (no tag, no length). The bytes are copied.
   *
   * @param der - the encoded arcs, e.g. `2a 86 48 86 f7 12 01 02 02` for Kerberos V5
   * @throws TypeError if `der` is not a `Uint8Array`
   * @throws RangeError if `der` is empty, truncated, or not minimally encoded
   *
   * @example
   * ```ts
   * const spnego = new OID(Uint8Array.of(0x2b, 0x06, 0x01, 0x05, 0x05, 0x02));
   * spnego.toString(); // '1.3.6.1.5.5.2'
   * ```
   */
  constructor(der: Uint8Array) {
    if (!(der instanceof Uint8Array)) {
      throw new TypeError(`der must be a Uint8Array holding the DER content bytes of an OID (got ${describe(der)})`);
    }
    this.dottedForm = decodeDer(der, 'der');
    this.#der = Buffer.from(der);
    if (new.target === OID) {
      Object.freeze(this);
    }
  }

  /**
   * Builds an OID from its arcs, given as a dotted string or as an array of numbers and bigints.
   *
   * @param seq - `'1.2.840.113554.1.2.2'` or `[1, 2, 840, 113554, 1, 2, 2]`; use `bigint` for arcs above
   *   `Number.MAX_SAFE_INTEGER`
   * @returns the encoded OID
   * @throws TypeError if `seq` is neither a string nor an array, or holds something other than numbers
   *   and bigints
   * @throws RangeError if there are fewer than two arcs, the first arc is above 2, the second arc is 40
   *   or more under a first arc of 0 or 1, or an arc is negative, fractional or an unsafe integer
   *
   * @example
   * ```ts
   * OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10').bytes.toString('hex'); // '2b06010401823702020a'
   * OID.fromIntSeq([2, 16304]).bytes.toString('hex'); // '818000'
   * OID.fromIntSeq([2n, 2n ** 70n]).dottedForm; // '2.1180591620717411303424'
   * ```
   */
  static fromIntSeq(seq: string | readonly (number | bigint)[]): OID {
    let arcs: bigint[];
    if (typeof seq === 'string') {
      arcs = arcsFromString(seq);
    } else if (Array.isArray(seq)) {
      arcs = seq.map((element: unknown, index) => arcFromElement(element, index));
    } else {
      throw new TypeError(`seq must be a dotted string or an array of arcs (got ${describe(seq)})`);
    }
    if (arcs.length < 2) {
      throw new RangeError(`seq must have at least two arcs (got ${arcs.length})`);
    }
    const first = arcs[0] as bigint;
    const second = arcs[1] as bigint;
    if (first > 2n) {
      throw new RangeError(`seq must start with arc 0, 1 or 2 (got ${first})`);
    }
    if (first < 2n && second >= 40n) {
      throw new RangeError(`seq's second arc must be below 40 when the first is ${first} (got ${second})`);
    }
    const out: number[] = [];
    encodeArc(first * 40n + second, out);
    for (let i = 2; i < arcs.length; i++) {
      encodeArc(arcs[i] as bigint, out);
    }
    return new OID(Uint8Array.from(out));
  }

  /**
   * Tells whether `x` is an {@link OID}.
   *
   * @param x - any value
   * @returns `true` for OID instances (including subclasses)
   *
   * @example
   * ```ts
   * OID.isOID(OID.fromIntSeq('1.2.3')); // true
   * OID.isOID('1.2.3'); // false
   * ```
   */
  static isOID(x: unknown): x is OID {
    return x instanceof OID;
  }

  /**
   * A copy of the DER content bytes (no tag or length).
   *
   * @example
   * ```ts
   * OID.fromIntSeq('1.3.6.1.5.2.5').bytes; // <Buffer 2b 06 01 05 02 05>
   * ```
   */
  get bytes(): Buffer {
    return Buffer.from(this.#der);
  }

  /**
   * A stable string identifying this OID's value, for use as a `Map` or object key. It is the dotted
   * form, which is unique because the encoding is checked to be minimal.
   *
   * @example
   * ```ts
   * const seen = new Map<string, string>();
   * seen.set(OID.fromIntSeq('1.2.840.113554.1.2.2').key, 'krb5');
   * seen.get(OID.fromIntSeq([1, 2, 840, 113554, 1, 2, 2]).key); // 'krb5'
   * ```
   */
  get key(): string {
    return this.dottedForm;
  }

  /**
   * Compares two OIDs by value.
   *
   * @param other - another OID; anything else compares unequal
   * @returns `true` when both encode the same arcs
   *
   * @example
   * ```ts
   * OID.fromIntSeq('1.3.6.1.5.5.2').equals(OID.fromIntSeq([1, 3, 6, 1, 5, 5, 2])); // true
   * ```
   */
  equals(other: OID): boolean {
    return other instanceof OID && (other === this || other.dottedForm === this.dottedForm);
  }

  /**
   * The dotted form.
   *
   * @returns e.g. `'1.2.840.113554.1.2.2'`
   *
   * @example
   * ```ts
   * `${OID.fromIntSeq('1.3.6.1.5.5.2')}`; // '1.3.6.1.5.5.2'
   * ```
   */
  toString(): string {
    return this.dottedForm;
  }

  /**
   * JSON form: the dotted string.
   *
   * @returns the dotted form
   *
   * @example
   * ```ts
   * JSON.stringify({ mech: OID.fromIntSeq('1.2.3') }); // '{"mech":"1.2.3"}'
   * ```
   */
  toJSON(): string {
    return this.dottedForm;
  }

  /**
   * Shown by `util.inspect` and `console.log` as `OID(1.2.3)`.
   *
   * @returns the inspection text
   *
   * @example
   * ```ts
   * console.log(OID.fromIntSeq('1.2.3')); // OID(1.2.3)
   * ```
   */
  [inspect.custom](): string {
    return `OID(${this.dottedForm})`;
  }

  static {
    derOf = (oid) => oid.#der;
  }
}

/**
 * A value-based, immutable set of {@link OID}s: two OIDs with the same arcs are the same member.
 * Iteration follows insertion order. It implements `ReadonlySet<OID>`, so it can be passed where a
 * read-only set is expected.
 *
 * @example
 * ```ts
 * import { OID, OIDSet } from '@gssapi/raw';
 *
 * const mechs = new OIDSet([OID.fromIntSeq('1.2.840.113554.1.2.2'), OID.fromIntSeq('1.3.6.1.5.5.2')]);
 * mechs.has(OID.fromIntSeq([1, 3, 6, 1, 5, 5, 2])); // true
 * mechs.size; // 2
 * ```
 */
export class OIDSet implements ReadonlySet<OID> {
  /** Members by key, for value-based lookup. */
  readonly #members: Map<string, OID>;
  /** The same members, for iteration with the built-in set iterators. */
  readonly #ordered: Set<OID>;

  /**
   * Builds a set from any iterable of OIDs; duplicates (by value) are kept once, at their first
   * position.
   *
   * @param oids - the members; defaults to none
   * @throws TypeError if `oids` is not iterable or yields something that is not an OID
   *
   * @example
   * ```ts
   * const krb5 = OID.fromIntSeq('1.2.840.113554.1.2.2');
   * new OIDSet([krb5, OID.fromIntSeq(krb5.dottedForm)]).size; // 1
   * ```
   */
  constructor(oids: Iterable<OID> = []) {
    if (oids === null || typeof (oids as { [Symbol.iterator]?: unknown })?.[Symbol.iterator] !== 'function') {
      throw new TypeError(`oids must be an iterable of OID (got ${describe(oids)})`);
    }
    const members = new Map<string, OID>();
    let index = 0;
    for (const oid of oids) {
      if (!(oid instanceof OID)) {
        throw new TypeError(`oids[${index}] must be an OID (got ${describe(oid)})`);
      }
      if (!members.has(oid.key)) {
        members.set(oid.key, oid);
      }
      index++;
    }
    this.#members = members;
    this.#ordered = new Set(members.values());
    if (new.target === OIDSet) {
      Object.freeze(this);
    }
  }

  /**
   * Builds a set from any iterable of OIDs (same as the constructor).
   *
   * @param oids - the members
   * @returns a new set
   * @throws TypeError if `oids` is not iterable or yields something that is not an OID
   *
   * @example
   * ```ts
   * const set = OIDSet.from(['1.2.3', '1.2.4'].map((s) => OID.fromIntSeq(s)));
   * set.toArray().map(String); // ['1.2.3', '1.2.4']
   * ```
   */
  static from(oids: Iterable<OID>): OIDSet {
    return new OIDSet(oids);
  }

  /**
   * The number of distinct members.
   *
   * @example
   * ```ts
   * new OIDSet().size; // 0
   * ```
   */
  get size(): number {
    return this.#members.size;
  }

  /**
   * Tells whether an OID with the same value is a member.
   *
   * @param oid - the OID to look for; anything else gives `false`
   * @returns `true` when a member has the same arcs
   *
   * @example
   * ```ts
   * new OIDSet([OID.fromIntSeq('1.2.3')]).has(OID.fromIntSeq([1, 2, 3])); // true
   * ```
   */
  has(oid: OID): boolean {
    return oid instanceof OID && this.#members.has(oid.key);
  }

  /**
   * Calls `callback` once per member, in insertion order, like `Set.prototype.forEach`.
   *
   * @param callback - receives the member twice (value and key) and the set
   * @param thisArg - the `this` for `callback`
   *
   * @example
   * ```ts
   * new OIDSet([OID.fromIntSeq('1.2.3')]).forEach((oid) => console.log(oid.dottedForm));
   * ```
   */
  forEach(callback: (value: OID, key: OID, set: ReadonlySet<OID>) => void, thisArg?: unknown): void {
    for (const oid of this.#ordered) {
      callback.call(thisArg, oid, oid, this);
    }
  }

  /**
   * The members, in insertion order.
   *
   * @returns an iterator over the members
   *
   * @example
   * ```ts
   * [...new OIDSet([OID.fromIntSeq('1.2.3')]).values()].length; // 1
   * ```
   */
  values(): SetIterator<OID> {
    return this.#ordered.values();
  }

  /**
   * The members, in insertion order (a set's keys are its values).
   *
   * @returns an iterator over the members
   *
   * @example
   * ```ts
   * [...new OIDSet([OID.fromIntSeq('1.2.3')]).keys()][0]?.dottedForm; // '1.2.3'
   * ```
   */
  keys(): SetIterator<OID> {
    return this.#ordered.keys();
  }

  /**
   * `[member, member]` pairs, in insertion order, like `Set.prototype.entries`.
   *
   * @returns an iterator over the pairs
   *
   * @example
   * ```ts
   * for (const [oid] of new OIDSet([OID.fromIntSeq('1.2.3')]).entries()) console.log(oid.key);
   * ```
   */
  entries(): SetIterator<[OID, OID]> {
    return this.#ordered.entries();
  }

  /**
   * Iterates over the members in insertion order.
   *
   * @returns an iterator over the members
   *
   * @example
   * ```ts
   * for (const oid of new OIDSet([OID.fromIntSeq('1.2.3')])) console.log(oid.dottedForm);
   * ```
   */
  [Symbol.iterator](): SetIterator<OID> {
    return this.#ordered.values();
  }

  /**
   * The members as a new array, in insertion order.
   *
   * @returns a fresh array
   *
   * @example
   * ```ts
   * new OIDSet([OID.fromIntSeq('1.2.3')]).toArray()[0]?.dottedForm; // '1.2.3'
   * ```
   */
  toArray(): OID[] {
    return [...this.#members.values()];
  }

  /**
   * JSON form: the dotted strings, in insertion order.
   *
   * @returns the dotted forms
   *
   * @example
   * ```ts
   * JSON.stringify(new OIDSet([OID.fromIntSeq('1.2.3')])); // '["1.2.3"]'
   * ```
   */
  toJSON(): string[] {
    return [...this.#members.keys()];
  }

  /**
   * Shown by `util.inspect` and `console.log` as `OIDSet(2) { 1.2.3, 1.2.4 }`.
   *
   * @returns the inspection text
   *
   * @example
   * ```ts
   * console.log(new OIDSet([OID.fromIntSeq('1.2.3')])); // OIDSet(1) { 1.2.3 }
   * ```
   */
  [inspect.custom](): string {
    if (this.#members.size === 0) {
      return 'OIDSet(0) {}';
    }
    return `OIDSet(${this.#members.size}) { ${[...this.#members.keys()].join(', ')} }`;
  }
}

/** Interned OIDs that came from the native library, keyed by their bytes in hex. */
const interned = new Map<string, OID>();

/**
 * Upper bound on {@link interned}. Libraries return few distinct OIDs (mechanisms, name types,
 * attributes), so this is never reached in practice; past it, OIDs are still built but not cached.
 */
const INTERN_LIMIT = 4096;

/**
 * Internal to `@gssapi/raw`: turns DER content bytes returned by the native addon into an {@link OID},
 * returning the same instance each time for the same bytes.
 *
 * @param der - the DER content bytes of the OID, as returned by the addon
 * @returns the interned OID
 * @throws TypeError if `der` is not a `Uint8Array`
 * @throws RangeError if the bytes are not a valid OID encoding
 *
 * @example
 * ```ts
 * const a = oidFromBinding(Buffer.from('2a864886f712010202', 'hex'));
 * const b = oidFromBinding(Buffer.from('2a864886f712010202', 'hex'));
 * a === b; // true
 * ```
 */
export function oidFromBinding(der: Buffer): OID {
  if (!(der instanceof Uint8Array)) {
    throw new TypeError(`der must be a Buffer (got ${describe(der)})`);
  }
  const hex = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString('hex');
  const known = interned.get(hex);
  if (known !== undefined) {
    return known;
  }
  const oid = new OID(der);
  if (interned.size < INTERN_LIMIT) {
    interned.set(hex, oid);
  }
  return oid;
}

/**
 * Internal to `@gssapi/raw`: turns a list of DER content byte buffers returned by the native addon
 * (a `gss_OID_set`) into an {@link OIDSet} of interned OIDs.
 *
 * @param list - one Buffer per member
 * @returns the set, in the library's order
 * @throws TypeError if `list` is not an array of Buffers
 * @throws RangeError if a member is not a valid OID encoding
 *
 * @example
 * ```ts
 * const mechs = oidSetFromBinding([Buffer.from('2a864886f712010202', 'hex')]);
 * mechs.has(OID.fromIntSeq('1.2.840.113554.1.2.2')); // true
 * ```
 */
export function oidSetFromBinding(list: Buffer[]): OIDSet {
  if (!Array.isArray(list)) {
    throw new TypeError(`list must be an array of Buffer (got ${describe(list)})`);
  }
  return new OIDSet(list.map((der) => oidFromBinding(der)));
}

/**
 * Internal to `@gssapi/raw`: the DER content bytes of an OID, for handing to the native addon, without
 * copying. The returned Buffer is the OID's own storage and must not be modified.
 *
 * @param oid - the OID
 * @param argName - the argument name used in the error message
 * @returns the OID's bytes (shared, read-only by contract)
 * @throws TypeError if `oid` is not an OID
 *
 * @example
 * ```ts
 * oidToBinding(OID.fromIntSeq('1.2.3')).toString('hex'); // '2a03'
 * ```
 */
export function oidToBinding(oid: OID, argName = 'oid'): Buffer {
  if (!(oid instanceof OID)) {
    throw new TypeError(`${argName} must be an OID (got ${describe(oid)})`);
  }
  return derOf(oid);
}

/** A short description of a value's type for error messages. */
function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (typeof value === 'object' || typeof value === 'function') {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `an instance of ${name}` : typeof value;
  }
  return typeof value;
}
