/**
 * {@link Mechanism}: a GSSAPI mechanism OID with what the library knows
 * about it (name types, SASL name, description, RFC 5587 attributes).
 *
 * @module
 */
import { inspect } from 'node:util';
import * as raw from '@gssapi/raw';
import { type NameLike, OID, type OIDSet } from '@gssapi/raw';

/**
 * Options of {@link Mechanism.fromAttrs}; each is a set of mechanism attribute OIDs (RFC 5587).
 *
 * @example
 * ```ts
 * const query: MechanismAttrsQuery = { desired: Mechanism.from(MechType.kerberos).attrs };
 * ```
 */
export interface MechanismAttrsQuery {
  /**
   * Attributes the mechanisms must have.
   *
   * @example
   * ```ts
   * Mechanism.fromAttrsSync({ desired: [OID.fromIntSeq('1.3.6.1.5.5.13.1')] }); // GSS_C_MA_MECH_CONCRETE
   * ```
   */
  desired?: Iterable<OID> | OID;
  /**
   * Attributes the mechanisms must not have.
   *
   * @example
   * ```ts
   * Mechanism.fromAttrsSync({ except: [OID.fromIntSeq('1.3.6.1.5.5.13.3')] }); // not GSS_C_MA_MECH_PSEUDO
   * ```
   */
  except?: Iterable<OID> | OID;
  /**
   * Attributes the mechanisms must know of.
   *
   * @example
   * ```ts
   * Mechanism.fromAttrsSync({ critical: [OID.fromIntSeq('1.3.6.1.5.5.13.1')] });
   * ```
   */
  critical?: Iterable<OID> | OID;
}

function queryArgs(query: MechanismAttrsQuery | undefined): raw.IndicateMechsByAttrsOptions {
  return {
    desiredMechAttrs: query?.desired,
    exceptMechAttrs: query?.except,
    criticalMechAttrs: query?.critical,
  };
}

const toMechs = (set: OIDSet): Mechanism[] => [...set].map((oid) => Mechanism.from(oid));

/**
 * A GSSAPI mechanism. It is an {@link OID} (so it goes wherever an OID does,
 * raw functions included) with lazily read, cached facts about the mechanism.
 * The SASL and attribute properties need RFC 5801 / RFC 5587 and throw
 * {@link ExtensionUnavailableError} when the library lacks them.
 *
 * @example
 * ```ts
 * import { Mechanism } from '@gssapi/high';
 * for (const mech of Mechanism.allSync()) console.log(mech.dottedForm, mech.saslName, mech.description);
 * // 1.2.840.113554.1.2.2 GS2-KRB5 Kerberos 5 GSS-API Mechanism ...
 * ```
 */
export class Mechanism extends OID {
  #nameTypes: OIDSet | undefined;
  #sasl: raw.InquireSASLNameResult | undefined;
  #attrs: raw.InquireAttrsResult | undefined;

  /**
   * Builds a mechanism from an OID's DER content bytes; {@link Mechanism.from} is the usual way.
   *
   * @param der - the encoded arcs.
   * @example
   * ```ts
   * new Mechanism(MechType.kerberos.bytes).equals(MechType.kerberos); // true
   * ```
   */
  constructor(der: Uint8Array) {
    super(der);
    Object.freeze(this);
  }

  /**
   * The mechanism for an OID (or a dotted string). A Mechanism is returned as is.
   *
   * @param oid - the mechanism OID.
   * @returns the mechanism.
   * @example
   * ```ts
   * const krb5 = Mechanism.from(MechType.kerberos);
   * const spnego = Mechanism.from('1.3.6.1.5.5.2');
   * ```
   */
  static from(oid: OID | string): Mechanism {
    if (oid instanceof Mechanism) return oid;
    if (typeof oid === 'string') return new Mechanism(OID.fromIntSeq(oid).bytes);
    if (!(oid instanceof OID)) throw new TypeError('oid must be an OID or a dotted string');
    return new Mechanism(oid.bytes);
  }

  /**
   * The mechanism for a raw OID (the upgrade path every class has); same as
   * {@link Mechanism.from}.
   *
   * @param oid - a raw-layer OID, e.g. `raw.MechType.kerberos`.
   * @returns the mechanism.
   * @example
   * ```ts
   * const mech = Mechanism.fromRaw(raw.inquireContextSync(ctx).mech!);
   * ```
   */
  static fromRaw(oid: OID): Mechanism {
    return Mechanism.from(oid);
  }

  /**
   * Does nothing: a Mechanism holds no GSSAPI handle. It is here so that
   * `using` works on every class of the SDK alike.
   *
   * @example
   * ```ts
   * using krb5 = Mechanism.from(MechType.kerberos);
   * ```
   */
  [Symbol.dispose](): void {}

  /**
   * Every mechanism the library offers (`gss_indicate_mechs`).
   *
   * @returns the mechanisms.
   * @example
   * ```ts
   * (await Mechanism.all()).some((m) => m.equals(MechType.spnego)); // true
   * ```
   */
  static async all(): Promise<Mechanism[]> {
    return toMechs(await raw.indicateMechs());
  }

  /**
   * Synchronous form of {@link Mechanism.all}.
   *
   * @returns the mechanisms.
   * @example
   * ```ts
   * Mechanism.allSync().map(String); // ['1.2.840.113554.1.2.2', '1.3.6.1.5.5.2', ...]
   * ```
   */
  static allSync(): Mechanism[] {
    return toMechs(raw.indicateMechsSync());
  }

  /**
   * The mechanisms that can process a name (`gss_inquire_mechs_for_name`).
   *
   * @param name - the name (high-level or raw).
   * @returns the mechanisms.
   * @example
   * ```ts
   * await Mechanism.fromName(new Name('host@localhost', NameType.hostbasedService));
   * ```
   */
  static async fromName(name: NameLike): Promise<Mechanism[]> {
    return toMechs(await raw.inquireMechsForName(name));
  }

  /**
   * Synchronous form of {@link Mechanism.fromName}.
   *
   * @param name - the name.
   * @returns the mechanisms.
   * @example
   * ```ts
   * Mechanism.fromNameSync(principal).some((m) => m.equals(MechType.kerberos)); // true
   * ```
   */
  static fromNameSync(name: NameLike): Mechanism[] {
    return toMechs(raw.inquireMechsForNameSync(name));
  }

  /**
   * The mechanism with a SASL name (`gss_inquire_mech_for_saslname`, RFC 5801).
   *
   * @param saslName - e.g. `'GS2-KRB5'`.
   * @returns the mechanism.
   * @throws BadMechanismError for an unknown name; ExtensionUnavailableError without RFC 5801.
   * @example
   * ```ts
   * (await Mechanism.fromSaslName('GS2-KRB5')).equals(MechType.kerberos); // true
   * ```
   */
  static async fromSaslName(saslName: string): Promise<Mechanism> {
    return Mechanism.from(await raw.inquireMechForSaslname(saslName));
  }

  /**
   * Synchronous form of {@link Mechanism.fromSaslName}.
   *
   * @param saslName - e.g. `'GS2-KRB5'`.
   * @returns the mechanism.
   * @example
   * ```ts
   * Mechanism.fromSaslNameSync('GS2-KRB5').dottedForm; // '1.2.840.113554.1.2.2'
   * ```
   */
  static fromSaslNameSync(saslName: string): Mechanism {
    return Mechanism.from(raw.inquireMechForSaslnameSync(saslName));
  }

  /**
   * The mechanisms matching RFC 5587 attribute conditions (`gss_indicate_mechs_by_attrs`).
   *
   * @param query - `desired`, `except`, `critical`.
   * @returns the mechanisms.
   * @throws ExtensionUnavailableError without RFC 5587.
   * @example
   * ```ts
   * const krb5 = Mechanism.from(MechType.kerberos);
   * (await Mechanism.fromAttrs({ desired: krb5.attrs })).some((m) => m.equals(krb5)); // true
   * ```
   */
  static async fromAttrs(query?: MechanismAttrsQuery): Promise<Mechanism[]> {
    return toMechs(await raw.indicateMechsByAttrs(queryArgs(query)));
  }

  /**
   * Synchronous form of {@link Mechanism.fromAttrs}.
   *
   * @param query - `desired`, `except`, `critical`.
   * @returns the mechanisms.
   * @example
   * ```ts
   * Mechanism.fromAttrsSync().length; // every mechanism
   * ```
   */
  static fromAttrsSync(query?: MechanismAttrsQuery): Mechanism[] {
    return toMechs(raw.indicateMechsByAttrsSync(queryArgs(query)));
  }

  /**
   * A plain OID with the same value: the upgrade path to the raw layer,
   * though a Mechanism is an OID already.
   *
   * @example
   * ```ts
   * inquireNamesForMechSync(mech.raw);
   * ```
   */
  get raw(): OID {
    return new OID(this.bytes);
  }

  /**
   * The name types the mechanism accepts (`gss_inquire_names_for_mech`).
   *
   * @example
   * ```ts
   * Mechanism.from(MechType.kerberos).nameTypes.has(NameType.kerberosPrincipal); // true
   * ```
   */
  get nameTypes(): OIDSet {
    this.#nameTypes ??= raw.inquireNamesForMechSync(this);
    return this.#nameTypes;
  }

  #saslInfo(): raw.InquireSASLNameResult {
    this.#sasl ??= raw.inquireSaslnameForMechSync(this);
    return this.#sasl;
  }

  /**
   * The SASL (GS2) name (`gss_inquire_saslname_for_mech`, RFC 5801).
   *
   * @example
   * ```ts
   * Mechanism.from(MechType.kerberos).saslName; // 'GS2-KRB5'
   * ```
   */
  get saslName(): string {
    return this.#saslInfo().saslMechName;
  }

  /**
   * The mechanism's short name (RFC 5801; python-gssapi's `str(mech)`).
   *
   * @example
   * ```ts
   * Mechanism.from(MechType.kerberos).mechName; // 'krb5'
   * ```
   */
  get mechName(): string {
    return this.#saslInfo().mechName;
  }

  /**
   * The mechanism's description (RFC 5801).
   *
   * @example
   * ```ts
   * Mechanism.from(MechType.kerberos).description; // 'Kerberos 5 GSS-API Mechanism'
   * ```
   */
  get description(): string {
    return this.#saslInfo().mechDescription;
  }

  #attrInfo(): raw.InquireAttrsResult {
    this.#attrs ??= raw.inquireAttrsForMechSync(this);
    return this.#attrs;
  }

  /**
   * The mechanism's attributes (`gss_inquire_attrs_for_mech`, RFC 5587).
   *
   * @example
   * ```ts
   * for (const attr of mech.attrs) console.log(displayMechAttrSync(attr).name); // 'GSS_C_MA_MECH_CONCRETE', ...
   * ```
   */
  get attrs(): OIDSet {
    return this.#attrInfo().mechAttrs;
  }

  /**
   * Every attribute the mechanism knows of, whether it has it or not (RFC 5587).
   *
   * @example
   * ```ts
   * mech.knownAttrs.size >= mech.attrs.size; // true
   * ```
   */
  get knownAttrs(): OIDSet {
    return this.#attrInfo().knownMechAttrs;
  }

  /**
   * How `console.log` shows the mechanism.
   *
   * @returns e.g. `Mechanism 1.2.840.113554.1.2.2`.
   * @example
   * ```ts
   * console.log(Mechanism.from(MechType.kerberos)); // Mechanism 1.2.840.113554.1.2.2
   * ```
   */
  override [inspect.custom](): string {
    return `Mechanism ${this.dottedForm}`;
  }
}
