/**
 * RFC 2743/2744 mechanism queries and status text: indicate mechanisms, name
 * types for a mechanism, mechanisms for a name, display status.
 * Each as `fn()` (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import { type NameLike, nameArg } from './handles.js';
import { type OID, type OIDSet, oidSetFromBinding } from './oids.js';
import type { DisplayStatusResult } from './results.js';
import { booleanArg, oidArg, optionalOidArg, optionsArg, uint32Arg } from './validate.js';

const mechsOf = (r: { mechs?: Buffer[] }): OIDSet => oidSetFromBinding(r.mechs ?? []);
const nameTypesOf = (r: NativeResults['inquireNamesForMech']): OIDSet => oidSetFromBinding(r.nameTypes ?? []);

/**
 * The mechanisms the library offers (`gss_indicate_mechs`).
 *
 * @returns the mechanism OIDs.
 * @example
 * ```ts
 * (await indicateMechs()).has(MechType.kerberos); // true
 * ```
 */
export async function indicateMechs(): Promise<OIDSet> {
  return callAsync('indicateMechs', [], mechsOf);
}

/**
 * Synchronous form of {@link indicateMechs}.
 *
 * @returns the mechanism OIDs.
 * @example
 * ```ts
 * for (const mech of indicateMechsSync()) console.log(mech.dottedForm);
 * ```
 */
export function indicateMechsSync(): OIDSet {
  return callSync('indicateMechs', [], mechsOf);
}

/**
 * The name types a mechanism accepts (`gss_inquire_names_for_mech`).
 *
 * @param mech - the mechanism.
 * @returns the name type OIDs.
 * @example
 * ```ts
 * (await inquireNamesForMech(MechType.kerberos)).has(NameType.kerberosPrincipal); // true
 * ```
 */
export async function inquireNamesForMech(mech: OID): Promise<OIDSet> {
  return callAsync('inquireNamesForMech', [oidArg(mech, 'mech')], nameTypesOf);
}

/**
 * Synchronous form of {@link inquireNamesForMech}.
 *
 * @param mech - the mechanism.
 * @returns the name type OIDs.
 * @example
 * ```ts
 * inquireNamesForMechSync(MechType.kerberos).size; // e.g. 7
 * ```
 */
export function inquireNamesForMechSync(mech: OID): OIDSet {
  return callSync('inquireNamesForMech', [oidArg(mech, 'mech')], nameTypesOf);
}

/**
 * The mechanisms that can process a name (`gss_inquire_mechs_for_name`).
 *
 * @param name - the name.
 * @returns the mechanism OIDs.
 * @example
 * ```ts
 * (await inquireMechsForName(hostName)).has(MechType.spnego); // true
 * ```
 */
export async function inquireMechsForName(name: NameLike): Promise<OIDSet> {
  return callAsync('inquireMechsForName', [nameArg(name, 'name')], mechsOf);
}

/**
 * Synchronous form of {@link inquireMechsForName}.
 *
 * @param name - the name.
 * @returns the mechanism OIDs.
 * @example
 * ```ts
 * inquireMechsForNameSync(principal).has(MechType.kerberos); // true
 * ```
 */
export function inquireMechsForNameSync(name: NameLike): OIDSet {
  return callSync('inquireMechsForName', [nameArg(name, 'name')], mechsOf);
}

/** Options of {@link displayStatus}. */
export interface DisplayStatusOptions {
  /** The mechanism a minor code belongs to (default: none, GSS_C_NO_OID). */
  mech?: OID;
  /** From the previous result, to get the next message (default 0: the first). */
  messageContext?: number;
}

function statusArgs(
  code: unknown,
  isMajor: unknown,
  options: DisplayStatusOptions | undefined,
): NativeArgs['displayStatus'] {
  const o = optionsArg(options);
  if (typeof isMajor !== 'boolean') throw new TypeError(`isMajor must be a boolean (got ${typeof isMajor})`);
  return [
    uint32Arg(code, 'code'),
    booleanArg(isMajor, 'isMajor', true),
    optionalOidArg(o.mech, 'options.mech'),
    uint32Arg(o.messageContext, 'options.messageContext', 0),
  ];
}

function statusFinish(r: NativeResults['displayStatus']): DisplayStatusResult {
  // The addon reports a display_status failure without text (describing it
  // with display_status could recurse); call.ts has thrown for it already.
  const messageContext = r.messageContext ?? 0;
  return Object.freeze({
    message: (r.text as Buffer).toString('utf8'),
    messageContext,
    moreMessages: messageContext !== 0,
  });
}

/**
 * The text of a major or minor status code, one message at a time
 * (`gss_display_status`). GSSError messages already include these texts.
 *
 * @param code - the status code.
 * @param isMajor - true for a major code, false for a minor (mechanism) code.
 * @param options - `mech`, `messageContext`.
 * @returns the message and the context for the next one.
 * @throws BadStatusError when the library cannot describe the code (MIT: a
 *   mechanism minor code it has not produced in this process).
 * @example
 * ```ts
 * (await displayStatus(0x60000, true)).message; // 'A token had an invalid Message Integrity Check (MIC)'
 * ```
 */
export async function displayStatus(
  code: number,
  isMajor: boolean,
  options?: DisplayStatusOptions,
): Promise<DisplayStatusResult> {
  return callAsync('displayStatus', statusArgs(code, isMajor, options), statusFinish, true);
}

/**
 * Synchronous form of {@link displayStatus}.
 *
 * @param code - the status code.
 * @param isMajor - true for a major code, false for a minor code.
 * @param options - `mech`, `messageContext`.
 * @returns the message and the context for the next one.
 * @example
 * ```ts
 * displayStatusSync(0xd0000, true).message; // 'Unspecified GSS failure.  Minor code may provide more information'
 * ```
 */
export function displayStatusSync(code: number, isMajor: boolean, options?: DisplayStatusOptions): DisplayStatusResult {
  return callSync('displayStatus', statusArgs(code, isMajor, options), statusFinish, true);
}
