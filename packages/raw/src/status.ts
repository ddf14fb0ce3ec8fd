/**
 * Major status codes and the RFC 2744 bit layout: calling errors in bits 24-31, routine errors in
 * bits 16-23, supplementary information in bits 0-15.
 *
 * @module
 */

/**
 * The major status values of RFC 2744 (`GSS_S_*`), already shifted into place. `BAD_SIG` and `BAD_MIC`
 * are the same value.
 *
 * @example
 * ```ts
 * import { GSS_S, routineError } from '@gssapi/raw';
 *
 * routineError(major) === GSS_S.NO_CRED; // no usable credentials
 * ```
 */
export const GSS_S = {
  /** The call succeeded. */
  COMPLETE: 0,
  /** Supplementary: another token must be exchanged to finish the context. */
  CONTINUE_NEEDED: 0x1,
  /** Supplementary: the token was a duplicate of an earlier one. */
  DUPLICATE_TOKEN: 0x2,
  /** Supplementary: the token is too old to check for duplication. */
  OLD_TOKEN: 0x4,
  /** Supplementary: a later token has already been processed. */
  UNSEQ_TOKEN: 0x8,
  /** Supplementary: an expected per-message token was not received. */
  GAP_TOKEN: 0x10,
  /** Calling error: an input parameter could not be read. */
  CALL_INACCESSIBLE_READ: 0x01000000,
  /** Calling error: an output parameter could not be written. */
  CALL_INACCESSIBLE_WRITE: 0x02000000,
  /** Calling error: a parameter was malformed. */
  CALL_BAD_STRUCTURE: 0x03000000,
  /** Routine error: an unsupported mechanism was requested. */
  BAD_MECH: 0x00010000,
  /** Routine error: an invalid name was supplied. */
  BAD_NAME: 0x00020000,
  /** Routine error: a name of an unsupported type was supplied. */
  BAD_NAMETYPE: 0x00030000,
  /** Routine error: incorrect channel bindings were supplied. */
  BAD_BINDINGS: 0x00040000,
  /** Routine error: an invalid status code was supplied. */
  BAD_STATUS: 0x00050000,
  /** Routine error: a token had an invalid signature (old name of `BAD_MIC`). */
  BAD_SIG: 0x00060000,
  /** Routine error: a token had an invalid MIC. */
  BAD_MIC: 0x00060000,
  /** Routine error: no credentials were supplied, or they were unavailable. */
  NO_CRED: 0x00070000,
  /** Routine error: no context has been established. */
  NO_CONTEXT: 0x00080000,
  /** Routine error: a token was invalid. */
  DEFECTIVE_TOKEN: 0x00090000,
  /** Routine error: a credential was invalid. */
  DEFECTIVE_CREDENTIAL: 0x000a0000,
  /** Routine error: the referenced credentials have expired. */
  CREDENTIALS_EXPIRED: 0x000b0000,
  /** Routine error: the context has expired. */
  CONTEXT_EXPIRED: 0x000c0000,
  /** Routine error: unspecified failure; the minor status says more. */
  FAILURE: 0x000d0000,
  /** Routine error: the quality of protection requested could not be provided. */
  BAD_QOP: 0x000e0000,
  /** Routine error: the operation is forbidden by local security policy. */
  UNAUTHORIZED: 0x000f0000,
  /** Routine error: the operation or option is unavailable. */
  UNAVAILABLE: 0x00100000,
  /** Routine error: the requested credential element already exists. */
  DUPLICATE_ELEMENT: 0x00110000,
  /** Routine error: the name is not a mechanism name. */
  NAME_NOT_MN: 0x00120000,
  /** Routine error: a bad mechanism attribute was given (RFC 5587). */
  BAD_MECH_ATTR: 0x00130000,
} as const;

/**
 * The names of the {@link GSS_S} constants, e.g. `'BAD_NAME'`.
 *
 * @example
 * ```ts
 * const name: GSSStatusName = 'NO_CRED';
 * GSS_S[name]; // 0x70000
 * ```
 */
export type GSSStatusName = keyof typeof GSS_S;

/**
 * Bit masks of the three parts of a major status.
 *
 * @example
 * ```ts
 * (major & STATUS_MASK.routine) >>> 0; // same as routineError(major)
 * ```
 */
export const STATUS_MASK = {
  /** Bits 24-31: calling errors. */
  calling: 0xff000000,
  /** Bits 16-23: routine errors. */
  routine: 0x00ff0000,
  /** Bits 0-15: supplementary information. */
  supplementary: 0x0000ffff,
} as const;

const CALLING_NAMES: ReadonlyMap<number, string> = new Map([
  [GSS_S.CALL_INACCESSIBLE_READ, 'GSS_S_CALL_INACCESSIBLE_READ'],
  [GSS_S.CALL_INACCESSIBLE_WRITE, 'GSS_S_CALL_INACCESSIBLE_WRITE'],
  [GSS_S.CALL_BAD_STRUCTURE, 'GSS_S_CALL_BAD_STRUCTURE'],
]);

const ROUTINE_NAMES: ReadonlyMap<number, string> = new Map([
  [GSS_S.BAD_MECH, 'GSS_S_BAD_MECH'],
  [GSS_S.BAD_NAME, 'GSS_S_BAD_NAME'],
  [GSS_S.BAD_NAMETYPE, 'GSS_S_BAD_NAMETYPE'],
  [GSS_S.BAD_BINDINGS, 'GSS_S_BAD_BINDINGS'],
  [GSS_S.BAD_STATUS, 'GSS_S_BAD_STATUS'],
  [GSS_S.BAD_MIC, 'GSS_S_BAD_MIC'],
  [GSS_S.NO_CRED, 'GSS_S_NO_CRED'],
  [GSS_S.NO_CONTEXT, 'GSS_S_NO_CONTEXT'],
  [GSS_S.DEFECTIVE_TOKEN, 'GSS_S_DEFECTIVE_TOKEN'],
  [GSS_S.DEFECTIVE_CREDENTIAL, 'GSS_S_DEFECTIVE_CREDENTIAL'],
  [GSS_S.CREDENTIALS_EXPIRED, 'GSS_S_CREDENTIALS_EXPIRED'],
  [GSS_S.CONTEXT_EXPIRED, 'GSS_S_CONTEXT_EXPIRED'],
  [GSS_S.FAILURE, 'GSS_S_FAILURE'],
  [GSS_S.BAD_QOP, 'GSS_S_BAD_QOP'],
  [GSS_S.UNAUTHORIZED, 'GSS_S_UNAUTHORIZED'],
  [GSS_S.UNAVAILABLE, 'GSS_S_UNAVAILABLE'],
  [GSS_S.DUPLICATE_ELEMENT, 'GSS_S_DUPLICATE_ELEMENT'],
  [GSS_S.NAME_NOT_MN, 'GSS_S_NAME_NOT_MN'],
  [GSS_S.BAD_MECH_ATTR, 'GSS_S_BAD_MECH_ATTR'],
]);

const SUPPLEMENTARY_NAMES: readonly (readonly [number, string])[] = [
  [GSS_S.CONTINUE_NEEDED, 'GSS_S_CONTINUE_NEEDED'],
  [GSS_S.DUPLICATE_TOKEN, 'GSS_S_DUPLICATE_TOKEN'],
  [GSS_S.OLD_TOKEN, 'GSS_S_OLD_TOKEN'],
  [GSS_S.UNSEQ_TOKEN, 'GSS_S_UNSEQ_TOKEN'],
  [GSS_S.GAP_TOKEN, 'GSS_S_GAP_TOKEN'],
];

/** Eight hex digits, as in `0x00090000`. */
function hex8(value: number): string {
  return `0x${value.toString(16).padStart(8, '0')}`;
}

/**
 * The calling error part of a major status (bits 24-31, still in place), 0 when there is none.
 *
 * @param major - a major status
 * @returns the masked, unsigned value, e.g. {@link GSS_S}.CALL_INACCESSIBLE_READ
 *
 * @example
 * ```ts
 * callingError(GSS_S.CALL_INACCESSIBLE_READ | GSS_S.NO_CONTEXT) === GSS_S.CALL_INACCESSIBLE_READ; // true
 * ```
 */
export function callingError(major: number): number {
  return (major & STATUS_MASK.calling) >>> 0;
}

/**
 * The routine error part of a major status (bits 16-23, still in place), 0 when there is none.
 *
 * @param major - a major status
 * @returns the masked, unsigned value, e.g. {@link GSS_S}.NO_CONTEXT
 *
 * @example
 * ```ts
 * routineError(GSS_S.CALL_INACCESSIBLE_READ | GSS_S.NO_CONTEXT) === GSS_S.NO_CONTEXT; // true
 * ```
 */
export function routineError(major: number): number {
  return (major & STATUS_MASK.routine) >>> 0;
}

/**
 * The supplementary information bits of a major status (bits 0-15), 0 when there are none.
 *
 * @param major - a major status
 * @returns the masked, unsigned value
 *
 * @example
 * ```ts
 * supplementaryInfo(GSS_S.BAD_MIC | GSS_S.DUPLICATE_TOKEN) === GSS_S.DUPLICATE_TOKEN; // true
 * ```
 */
export function supplementaryInfo(major: number): number {
  return (major & STATUS_MASK.supplementary) >>> 0;
}

/**
 * Tells whether a major status reports a failure (a calling or a routine error). Supplementary
 * bits alone, such as `CONTINUE_NEEDED`, are not failures.
 *
 * @param major - a major status
 * @returns `true` when bits 16-31 are not all zero
 *
 * @example
 * ```ts
 * isError(GSS_S.CONTINUE_NEEDED); // false
 * isError(GSS_S.FAILURE); // true
 * ```
 */
export function isError(major: number): boolean {
  return (major & (STATUS_MASK.calling | STATUS_MASK.routine)) >>> 0 !== 0;
}

/**
 * The symbolic name of a major status: the calling, routine and supplementary names joined with `|`
 * (`GSS_S_BAD_MIC` is preferred over its alias `GSS_S_BAD_SIG`). Values without a name are shown in
 * hex.
 *
 * @param major - a major status
 * @returns e.g. `'GSS_S_CALL_INACCESSIBLE_READ|GSS_S_NO_CONTEXT'`, or `'GSS_S_COMPLETE'` for 0
 *
 * @example
 * ```ts
 * statusCodeName(0x000d0000); // 'GSS_S_FAILURE'
 * statusCodeName(GSS_S.BAD_MIC | GSS_S.DUPLICATE_TOKEN); // 'GSS_S_BAD_MIC|GSS_S_DUPLICATE_TOKEN'
 * statusCodeName(0); // 'GSS_S_COMPLETE'
 * ```
 */
export function statusCodeName(major: number): string {
  const value = major >>> 0;
  if (value === 0) {
    return 'GSS_S_COMPLETE';
  }
  const parts: string[] = [];
  const calling = callingError(value);
  if (calling !== 0) {
    parts.push(CALLING_NAMES.get(calling) ?? hex8(calling));
  }
  const routine = routineError(value);
  if (routine !== 0) {
    parts.push(ROUTINE_NAMES.get(routine) ?? hex8(routine));
  }
  let supplementary = supplementaryInfo(value);
  for (const [bit, name] of SUPPLEMENTARY_NAMES) {
    if ((supplementary & bit) !== 0) {
      parts.push(name);
      supplementary &= ~bit;
    }
  }
  if (supplementary !== 0) {
    parts.push(hex8(supplementary));
  }
  return parts.join('|');
}
