/**
 * RFC 5587 mechanism attributes: find mechanisms by their attributes, list a
 * mechanism's attributes, and describe an attribute. Each as `fn()` (Promise,
 * worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { requireSymbol } from './extensions.js';
import { type OID, type OIDSet, oidSetFromBinding } from './oids.js';
import { oidArg, optionalOidSetArg, optionsArg } from './validate.js';

/**
 * The attributes of a mechanism ({@link inquireAttrsForMech}).
 *
 * @example
 * ```ts
 * const { mechAttrs, knownMechAttrs } = inquireAttrsForMechSync(MechType.kerberos);
 * ```
 */
export interface InquireAttrsResult {
  /** The attributes the mechanism has. */
  readonly mechAttrs: OIDSet;
  /** Every attribute the mechanism knows of (has or lacks). */
  readonly knownMechAttrs: OIDSet;
}

/**
 * The description of a mechanism attribute ({@link displayMechAttr}).
 *
 * @example
 * ```ts
 * displayMechAttrSync(attr); // { name: 'GSS_C_MA_MECH_CONCRETE', shortDesc: 'concrete-mech', longDesc: '...' }
 * ```
 */
export interface DisplayAttrResult {
  /** The attribute's symbolic name, e.g. 'GSS_C_MA_MECH_CONCRETE'. */
  readonly name: string;
  /** A short description. */
  readonly shortDesc: string;
  /** A longer description. */
  readonly longDesc: string;
}

/** Options of {@link indicateMechsByAttrs}; each is a set of mechanism attribute OIDs. */
export interface IndicateMechsByAttrsOptions {
  /** Attributes the mechanisms must have (default: no condition). */
  desiredMechAttrs?: Iterable<OID> | OID;
  /** Attributes the mechanisms must not have (default: no condition). */
  exceptMechAttrs?: Iterable<OID> | OID;
  /** Attributes the mechanisms must know of (default: no condition). */
  criticalMechAttrs?: Iterable<OID> | OID;
}

/** UTF-8 text of a library buffer, without a trailing NUL counted in its length. */
function text(bytes: Buffer | undefined): string {
  if (!bytes) return '';
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0 ? bytes.length - 1 : bytes.length;
  return bytes.toString('utf8', 0, end);
}

function byAttrsArgs(options: IndicateMechsByAttrsOptions | undefined): NativeArgs['indicateMechsByAttrs'] {
  requireSymbol('rfc5587', 'gss_indicate_mechs_by_attrs');
  const o = optionsArg(options);
  return [
    optionalOidSetArg(o.desiredMechAttrs, 'options.desiredMechAttrs'),
    optionalOidSetArg(o.exceptMechAttrs, 'options.exceptMechAttrs'),
    optionalOidSetArg(o.criticalMechAttrs, 'options.criticalMechAttrs'),
  ];
}

const mechsOf = (r: NativeResults['indicateMechsByAttrs']): OIDSet => oidSetFromBinding(r.mechs ?? []);

/**
 * The mechanisms that have all `desiredMechAttrs`, none of
 * `exceptMechAttrs`, and know all `criticalMechAttrs`
 * (`gss_indicate_mechs_by_attrs`, RFC 5587). With no options: every mechanism.
 *
 * @param options - `desiredMechAttrs`, `exceptMechAttrs`, `criticalMechAttrs`.
 * @returns the matching mechanisms.
 * @example
 * ```ts
 * const { mechAttrs } = await inquireAttrsForMech(MechType.kerberos);
 * (await indicateMechsByAttrs({ desiredMechAttrs: mechAttrs })).has(MechType.kerberos); // true
 * ```
 */
export async function indicateMechsByAttrs(options?: IndicateMechsByAttrsOptions): Promise<OIDSet> {
  return callAsync('indicateMechsByAttrs', byAttrsArgs(options), mechsOf);
}

/**
 * Synchronous form of {@link indicateMechsByAttrs}.
 *
 * @param options - `desiredMechAttrs`, `exceptMechAttrs`, `criticalMechAttrs`.
 * @returns the matching mechanisms.
 * @example
 * ```ts
 * indicateMechsByAttrsSync().size; // every mechanism
 * ```
 */
export function indicateMechsByAttrsSync(options?: IndicateMechsByAttrsOptions): OIDSet {
  return callSync('indicateMechsByAttrs', byAttrsArgs(options), mechsOf);
}

function attrsArgs(mech: unknown): NativeArgs['inquireAttrsForMech'] {
  requireSymbol('rfc5587', 'gss_inquire_attrs_for_mech');
  return [oidArg(mech, 'mech')];
}

const attrsFinish = (r: NativeResults['inquireAttrsForMech']): InquireAttrsResult =>
  Object.freeze({
    mechAttrs: oidSetFromBinding(r.mechAttrs ?? []),
    knownMechAttrs: oidSetFromBinding(r.knownMechAttrs ?? []),
  });

/**
 * The attributes a mechanism has and the ones it knows of
 * (`gss_inquire_attrs_for_mech`, RFC 5587).
 *
 * @param mech - the mechanism.
 * @returns its attributes and known attributes.
 * @throws BadMechanismError for an unknown mechanism.
 * @example
 * ```ts
 * const { mechAttrs } = await inquireAttrsForMech(MechType.kerberos);
 * for (const attr of mechAttrs) console.log(displayMechAttrSync(attr).name);
 * ```
 */
export async function inquireAttrsForMech(mech: OID): Promise<InquireAttrsResult> {
  return callAsync('inquireAttrsForMech', attrsArgs(mech), attrsFinish);
}

/**
 * Synchronous form of {@link inquireAttrsForMech}.
 *
 * @param mech - the mechanism.
 * @returns its attributes and known attributes.
 * @example
 * ```ts
 * inquireAttrsForMechSync(MechType.spnego).mechAttrs.size;
 * ```
 */
export function inquireAttrsForMechSync(mech: OID): InquireAttrsResult {
  return callSync('inquireAttrsForMech', attrsArgs(mech), attrsFinish);
}

function displayArgs(attr: unknown): NativeArgs['displayMechAttr'] {
  requireSymbol('rfc5587', 'gss_display_mech_attr');
  return [oidArg(attr, 'attr')];
}

const displayFinish = (r: NativeResults['displayMechAttr']): DisplayAttrResult =>
  Object.freeze({ name: text(r.name), shortDesc: text(r.shortDesc), longDesc: text(r.longDesc) });

/**
 * The name and descriptions of a mechanism attribute
 * (`gss_display_mech_attr`, RFC 5587).
 *
 * @param attr - the attribute OID (e.g. from {@link inquireAttrsForMech}).
 * @returns its symbolic name, short and long descriptions.
 * @throws BadMechanismError (MIT) for an attribute it does not know.
 * @example
 * ```ts
 * (await displayMechAttr(OID.fromIntSeq('1.3.6.1.5.5.13.1'))).name; // 'GSS_C_MA_MECH_CONCRETE'
 * ```
 */
export async function displayMechAttr(attr: OID): Promise<DisplayAttrResult> {
  return callAsync('displayMechAttr', displayArgs(attr), displayFinish);
}

/**
 * Synchronous form of {@link displayMechAttr}.
 *
 * @param attr - the attribute OID.
 * @returns its symbolic name, short and long descriptions.
 * @example
 * ```ts
 * displayMechAttrSync(OID.fromIntSeq('1.3.6.1.5.5.13.1')).shortDesc; // 'concrete-mech'
 * ```
 */
export function displayMechAttrSync(attr: OID): DisplayAttrResult {
  return callSync('displayMechAttr', displayArgs(attr), displayFinish);
}
