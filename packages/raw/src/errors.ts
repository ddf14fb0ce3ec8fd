/**
 * The typed error hierarchy for failed GSSAPI calls ({@link GSSError} and its subclasses) and the
 * factory that picks the right class from a major status ({@link createGSSError}).
 *
 * @module
 */

import type { Buffer } from 'node:buffer';
import { OID } from './oids.js';
import { callingError, GSS_S, routineError, statusCodeName, supplementaryInfo } from './status.js';

/**
 * What a {@link GSSError} is built from: the status codes of the failed call and, when known, their
 * display texts, the mechanism, the output token and the name of the raw function.
 *
 * @example
 * ```ts
 * const init: GSSErrorInit = {
 *   major: GSS_S.NO_CRED,
 *   minor: 0,
 *   majorMessages: ['No credentials were supplied, or the credentials were unavailable or inaccessible'],
 *   operation: 'acquireCred',
 * };
 * createGSSError(init) instanceof MissingCredentialsError; // true
 * ```
 */
export interface GSSErrorInit {
  /** The major status (`OM_uint32`); stored unsigned. */
  major: number;
  /** The minor (mechanism) status (`OM_uint32`); stored unsigned. */
  minor: number;
  /** The texts `gss_display_status` gave for the major status, in order. */
  majorMessages?: readonly string[];
  /** The texts `gss_display_status` gave for the minor status, in order. */
  minorMessages?: readonly string[];
  /** The mechanism the minor status belongs to, when known. */
  mech?: OID;
  /** An output token the failed init or accept call produced, to be sent to the peer. */
  token?: Buffer;
  /** The raw function that failed, e.g. `'acceptSecContext'`. */
  operation?: string;
}

/** The validated contents of a {@link GSSErrorInit}. */
interface Fields {
  major: number;
  minor: number;
  majorMessages: readonly string[];
  minorMessages: readonly string[];
  mech: OID | undefined;
  token: Buffer | undefined;
  operation: string | undefined;
}

function messages(value: unknown, field: string): readonly string[] {
  if (value === undefined || value === null) {
    return Object.freeze([]);
  }
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new TypeError(`init.${field} must be an array of strings`);
  }
  return Object.freeze([...(value as string[])]);
}

function statusCode(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new TypeError(
      `init.${field} must be an integer status code (got ${typeof value === 'number' ? value : typeof value})`,
    );
  }
  return value >>> 0;
}

function normalise(init: GSSErrorInit): Fields {
  if (init === null || typeof init !== 'object') {
    throw new TypeError(
      `init must be an object with major and minor status codes (got ${init === null ? 'null' : typeof init})`,
    );
  }
  if (init.mech !== undefined && !(init.mech instanceof OID)) {
    throw new TypeError('init.mech must be an OID');
  }
  if (init.token !== undefined && !(init.token instanceof Uint8Array)) {
    throw new TypeError('init.token must be a Buffer');
  }
  if (init.operation !== undefined && typeof init.operation !== 'string') {
    throw new TypeError('init.operation must be a string');
  }
  return {
    major: statusCode(init.major, 'major'),
    minor: statusCode(init.minor, 'minor'),
    majorMessages: messages(init.majorMessages, 'majorMessages'),
    minorMessages: messages(init.minorMessages, 'minorMessages'),
    mech: init.mech,
    token: init.token,
    operation: init.operation,
  };
}

function formatMessage(fields: Fields, code: string): string {
  const hex = fields.major.toString(16).padStart(8, '0');
  const majorText = fields.majorMessages.join('; ');
  let text = majorText === '' ? `${code} (major 0x${hex})` : `${majorText} (${code}, major 0x${hex})`;
  if (fields.minor !== 0) {
    const minorText = fields.minorMessages.join('; ');
    text += minorText === '' ? `; minor ${fields.minor}` : `; ${minorText} (minor ${fields.minor})`;
  }
  return fields.operation === undefined ? text : `${fields.operation}: ${text}`;
}

/**
 * A failed GSSAPI call. Every error from a GSSAPI function is an instance of this class or of one of
 * its subclasses, which {@link createGSSError} chooses from the major status with python-gssapi's
 * precedence (calling error, then routine error, then supplementary information).
 *
 * The message reads `operation: major texts (code, major 0x...); minor texts (minor N)`; the minor
 * part is left out when the minor status is 0.
 *
 * @example
 * ```ts
 * import { GSSError, MissingCredentialsError } from '@gssapi/raw';
 *
 * try {
 *   acquireCredSync({ usage: 'initiate' });
 * } catch (err) {
 *   if (err instanceof MissingCredentialsError) console.error('run kinit first');
 *   else if (err instanceof GSSError) console.error(err.code, err.minorMessages);
 *   else throw err;
 * }
 * ```
 */
export class GSSError extends Error {
  /**
   * The major status, unsigned.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0xd0000, minor: 0 }).major; // 851968
   * ```
   */
  readonly major: number;

  /**
   * The minor (mechanism-specific) status, unsigned.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0xd0000, minor: -1765328378 }).minor; // 2529638918
   * ```
   */
  readonly minor: number;

  /**
   * The calling error bits of {@link GSSError.major} (still in place), 0 when none.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0x01080000, minor: 0 }).callingCode; // 0x01000000
   * ```
   */
  readonly callingCode: number;

  /**
   * The routine error bits of {@link GSSError.major} (still in place), 0 when none.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0x01080000, minor: 0 }).routineCode; // 0x00080000
   * ```
   */
  readonly routineCode: number;

  /**
   * The supplementary information bits of {@link GSSError.major}, 0 when none.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0x00060002, minor: 0 }).supplementaryCode; // 2
   * ```
   */
  readonly supplementaryCode: number;

  /**
   * The symbolic name of the major status, e.g. `'GSS_S_NO_CRED'` or
   * `'GSS_S_CALL_INACCESSIBLE_READ|GSS_S_NO_CONTEXT'`.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0x70000, minor: 0 }).code; // 'GSS_S_NO_CRED'
   * ```
   */
  readonly code: string;

  /**
   * The display texts of the major status (from `gss_display_status`), possibly empty.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0xd0000, minor: 0, majorMessages: ['Unspecified GSS failure'] }).majorMessages;
   * ```
   */
  readonly majorMessages: readonly string[];

  /**
   * The display texts of the minor status, possibly empty. MIT Kerberos puts the useful detail here.
   *
   * @example
   * ```ts
   * err.minorMessages.join('; '); // e.g. "Server not found in Kerberos database"
   * ```
   */
  readonly minorMessages: readonly string[];

  /**
   * The mechanism the minor status belongs to, when known.
   *
   * @example
   * ```ts
   * err.mech?.dottedForm; // e.g. '1.2.840.113554.1.2.2'
   * ```
   */
  readonly mech: OID | undefined;

  /**
   * An output token produced by a failed context initiation or acceptance; send it to the peer so
   * that it learns about the failure (for example a Kerberos KRB-ERROR).
   *
   * @example
   * ```ts
   * if (err.token) socket.write(err.token);
   * ```
   */
  readonly token: Buffer | undefined;

  /**
   * The raw function that failed, e.g. `'acceptSecContext'`.
   *
   * @example
   * ```ts
   * new GSSError({ major: 0xd0000, minor: 0, operation: 'initSecContext' }).operation; // 'initSecContext'
   * ```
   */
  readonly operation: string | undefined;

  /**
   * Builds an error of exactly this class. To get the class that matches the status, use
   * {@link createGSSError}.
   *
   * @param init - the status codes and texts
   * @throws TypeError if `init` or one of its fields has the wrong type
   *
   * @example
   * ```ts
   * const err = new GSSError({ major: 0xd0000, minor: 0, majorMessages: ['Unspecified GSS failure'] });
   * err.message; // 'Unspecified GSS failure (GSS_S_FAILURE, major 0x000d0000)'
   * ```
   */
  constructor(init: GSSErrorInit) {
    const fields = normalise(init);
    const code = statusCodeName(fields.major);
    super(formatMessage(fields, code));
    this.major = fields.major;
    this.minor = fields.minor;
    this.callingCode = callingError(fields.major);
    this.routineCode = routineError(fields.major);
    this.supplementaryCode = supplementaryInfo(fields.major);
    this.code = code;
    this.majorMessages = fields.majorMessages;
    this.minorMessages = fields.minorMessages;
    this.mech = fields.mech;
    this.token = fields.token;
    this.operation = fields.operation;
  }
}

/** The default `instanceof` check. */
const ordinaryHasInstance = Function.prototype[Symbol.hasInstance];

/** For each routine class, the combined classes whose instances also count as its instances. */
const ALSO_INSTANCES = new Map<object, readonly object[]>();

/** `instanceof` for routine classes: their own instances plus those of the registered combined classes. */
function routineHasInstance(cls: object, value: unknown): boolean {
  if (ordinaryHasInstance.call(cls, value)) {
    return true;
  }
  const also = ALSO_INSTANCES.get(cls);
  return also?.some((combined) => ordinaryHasInstance.call(combined, value)) ?? false;
}

/**
 * An input parameter could not be read (`GSS_S_CALL_INACCESSIBLE_READ`), e.g. a missing name,
 * token or context handle.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ, minor: 0 }) instanceof ParameterReadError; // true
 * ```
 */
export class ParameterReadError extends GSSError {}

/**
 * An output parameter could not be written (`GSS_S_CALL_INACCESSIBLE_WRITE`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_WRITE, minor: 0 }) instanceof ParameterWriteError; // true
 * ```
 */
export class ParameterWriteError extends GSSError {}

/**
 * A parameter was malformed (`GSS_S_CALL_BAD_STRUCTURE`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_BAD_STRUCTURE, minor: 0 }) instanceof MalformedParameterError; // true
 * ```
 */
export class MalformedParameterError extends GSSError {}

/**
 * An unsupported mechanism was requested (`GSS_S_BAD_MECH`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_MECH, minor: 0 }) instanceof BadMechanismError; // true
 * ```
 */
export class BadMechanismError extends GSSError {}

/**
 * An invalid name was supplied (`GSS_S_BAD_NAME`). Also matches {@link NameReadError} with
 * `instanceof`.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_NAME, minor: 0 }) instanceof BadNameError; // true
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ | GSS_S.BAD_NAME, minor: 0 }) instanceof BadNameError; // true
 * ```
 */
export class BadNameError extends GSSError {
  /**
   * `instanceof` support: true for instances of this class and of {@link NameReadError}.
   *
   * @param value - the left-hand side of `instanceof`
   * @returns whether `value` counts as an instance
   *
   * @example
   * ```ts
   * new NameReadError({ major: 0x01020000, minor: 0 }) instanceof BadNameError; // true
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): value is BadNameError {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, which may be a subclass
    return routineHasInstance(this, value);
  }
}

/**
 * A name of an unsupported type was supplied (`GSS_S_BAD_NAMETYPE`). Also matches
 * {@link NameTypeReadError} with `instanceof`.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_NAMETYPE, minor: 0 }) instanceof BadNameTypeError; // true
 * ```
 */
export class BadNameTypeError extends GSSError {
  /**
   * `instanceof` support: true for instances of this class and of {@link NameTypeReadError}.
   *
   * @param value - the left-hand side of `instanceof`
   * @returns whether `value` counts as an instance
   *
   * @example
   * ```ts
   * new NameTypeReadError({ major: 0x01030000, minor: 0 }) instanceof BadNameTypeError; // true
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): value is BadNameTypeError {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, which may be a subclass
    return routineHasInstance(this, value);
  }
}

/**
 * The channel bindings did not match (`GSS_S_BAD_BINDINGS`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_BINDINGS, minor: 0 }) instanceof BadChannelBindingsError; // true
 * ```
 */
export class BadChannelBindingsError extends GSSError {}

/**
 * An invalid status code was supplied (`GSS_S_BAD_STATUS`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_STATUS, minor: 0 }) instanceof BadStatusError; // true
 * ```
 */
export class BadStatusError extends GSSError {}

/**
 * A MIC or wrapped message failed verification (`GSS_S_BAD_MIC`, also known as `GSS_S_BAD_SIG`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_MIC, minor: 0 }) instanceof BadMICError; // true
 * ```
 */
export class BadMICError extends GSSError {}

/**
 * No credentials were supplied, or they were unavailable (`GSS_S_NO_CRED`). Also matches
 * {@link CredentialsReadError} and {@link CredentialsWriteError} with `instanceof`.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.NO_CRED, minor: 0 }) instanceof MissingCredentialsError; // true
 * ```
 */
export class MissingCredentialsError extends GSSError {
  /**
   * `instanceof` support: true for instances of this class, of {@link CredentialsReadError} and of
   * {@link CredentialsWriteError}.
   *
   * @param value - the left-hand side of `instanceof`
   * @returns whether `value` counts as an instance
   *
   * @example
   * ```ts
   * new CredentialsReadError({ major: 0x01070000, minor: 0 }) instanceof MissingCredentialsError; // true
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): value is MissingCredentialsError {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, which may be a subclass
    return routineHasInstance(this, value);
  }
}

/**
 * No security context has been established, or the handle is invalid (`GSS_S_NO_CONTEXT`). Also
 * matches {@link ContextReadError} and {@link ContextWriteError} with `instanceof`.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.NO_CONTEXT, minor: 0 }) instanceof MissingContextError; // true
 * ```
 */
export class MissingContextError extends GSSError {
  /**
   * `instanceof` support: true for instances of this class, of {@link ContextReadError} and of
   * {@link ContextWriteError}.
   *
   * @param value - the left-hand side of `instanceof`
   * @returns whether `value` counts as an instance
   *
   * @example
   * ```ts
   * new ContextWriteError({ major: 0x02080000, minor: 0 }) instanceof MissingContextError; // true
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): value is MissingContextError {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, which may be a subclass
    return routineHasInstance(this, value);
  }
}

/**
 * A token was invalid (`GSS_S_DEFECTIVE_TOKEN`). Also matches {@link TokenReadError} with
 * `instanceof`.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.DEFECTIVE_TOKEN, minor: 0 }) instanceof InvalidTokenError; // true
 * ```
 */
export class InvalidTokenError extends GSSError {
  /**
   * `instanceof` support: true for instances of this class and of {@link TokenReadError}.
   *
   * @param value - the left-hand side of `instanceof`
   * @returns whether `value` counts as an instance
   *
   * @example
   * ```ts
   * new TokenReadError({ major: 0x01090000, minor: 0 }) instanceof InvalidTokenError; // true
   * ```
   */
  static override [Symbol.hasInstance](value: unknown): value is InvalidTokenError {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class on the right of instanceof, which may be a subclass
    return routineHasInstance(this, value);
  }
}

/**
 * A credential was invalid (`GSS_S_DEFECTIVE_CREDENTIAL`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.DEFECTIVE_CREDENTIAL, minor: 0 }) instanceof InvalidCredentialsError; // true
 * ```
 */
export class InvalidCredentialsError extends GSSError {}

/**
 * The credentials have expired (`GSS_S_CREDENTIALS_EXPIRED`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CREDENTIALS_EXPIRED, minor: 0 }) instanceof ExpiredCredentialsError; // true
 * ```
 */
export class ExpiredCredentialsError extends GSSError {}

/**
 * The security context has expired (`GSS_S_CONTEXT_EXPIRED`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CONTEXT_EXPIRED, minor: 0 }) instanceof ExpiredContextError; // true
 * ```
 */
export class ExpiredContextError extends GSSError {}

/**
 * The requested quality of protection is not available (`GSS_S_BAD_QOP`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.BAD_QOP, minor: 0 }) instanceof BadQoPError; // true
 * ```
 */
export class BadQoPError extends GSSError {}

/**
 * Local security policy forbids the operation (`GSS_S_UNAUTHORIZED`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.UNAUTHORIZED, minor: 0 }) instanceof UnauthorizedError; // true
 * ```
 */
export class UnauthorizedError extends GSSError {}

/**
 * The operation or option is not available (`GSS_S_UNAVAILABLE`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.UNAVAILABLE, minor: 0 }) instanceof OperationUnavailableError; // true
 * ```
 */
export class OperationUnavailableError extends GSSError {}

/**
 * The credential already has an element for that mechanism (`GSS_S_DUPLICATE_ELEMENT`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.DUPLICATE_ELEMENT, minor: 0 }) instanceof DuplicateCredentialsElementError; // true
 * ```
 */
export class DuplicateCredentialsElementError extends GSSError {}

/**
 * The name is not a mechanism name (`GSS_S_NAME_NOT_MN`); canonicalize it first.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.NAME_NOT_MN, minor: 0 }) instanceof MechanismNameRequiredError; // true
 * ```
 */
export class MechanismNameRequiredError extends GSSError {}

/**
 * A name could not be read (`GSS_S_CALL_INACCESSIBLE_READ` with `GSS_S_BAD_NAME`). Also an instance
 * of {@link BadNameError}.
 *
 * @example
 * ```ts
 * const err = createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ | GSS_S.BAD_NAME, minor: 0 });
 * err instanceof NameReadError && err instanceof ParameterReadError && err instanceof BadNameError; // true
 * ```
 */
export class NameReadError extends ParameterReadError {}

/**
 * A name type could not be read (`GSS_S_CALL_INACCESSIBLE_READ` with `GSS_S_BAD_NAMETYPE`). Also an
 * instance of {@link BadNameTypeError}.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ | GSS_S.BAD_NAMETYPE, minor: 0 }) instanceof NameTypeReadError; // true
 * ```
 */
export class NameTypeReadError extends ParameterReadError {}

/**
 * A token could not be read (`GSS_S_CALL_INACCESSIBLE_READ` with `GSS_S_DEFECTIVE_TOKEN`). Also an
 * instance of {@link InvalidTokenError}.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ | GSS_S.DEFECTIVE_TOKEN, minor: 0 }) instanceof InvalidTokenError; // true
 * ```
 */
export class TokenReadError extends ParameterReadError {}

/**
 * A context handle could not be read (`GSS_S_CALL_INACCESSIBLE_READ` with `GSS_S_NO_CONTEXT`). Also
 * an instance of {@link MissingContextError}.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ | GSS_S.NO_CONTEXT, minor: 0 }) instanceof ContextReadError; // true
 * ```
 */
export class ContextReadError extends ParameterReadError {}

/**
 * A credential handle could not be read (`GSS_S_CALL_INACCESSIBLE_READ` with `GSS_S_NO_CRED`). Also
 * an instance of {@link MissingCredentialsError}.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_READ | GSS_S.NO_CRED, minor: 0 }) instanceof CredentialsReadError; // true
 * ```
 */
export class CredentialsReadError extends ParameterReadError {}

/**
 * A context handle could not be written (`GSS_S_CALL_INACCESSIBLE_WRITE` with `GSS_S_NO_CONTEXT`).
 * Also an instance of {@link MissingContextError}.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_WRITE | GSS_S.NO_CONTEXT, minor: 0 }) instanceof ContextWriteError; // true
 * ```
 */
export class ContextWriteError extends ParameterWriteError {}

/**
 * A credential handle could not be written (`GSS_S_CALL_INACCESSIBLE_WRITE` with `GSS_S_NO_CRED`).
 * Also an instance of {@link MissingCredentialsError}.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_WRITE | GSS_S.NO_CRED, minor: 0 }) instanceof CredentialsWriteError; // true
 * ```
 */
export class CredentialsWriteError extends ParameterWriteError {}

/**
 * The parent of the errors chosen from supplementary information (token sequencing problems
 * reported without a calling or routine error). Never chosen by itself.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.OLD_TOKEN, minor: 0 }) instanceof SupplementaryError; // true
 * ```
 */
export class SupplementaryError extends GSSError {}

/**
 * The token was a duplicate of an earlier one (`GSS_S_DUPLICATE_TOKEN`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.FAILURE | GSS_S.DUPLICATE_TOKEN, minor: 0 }) instanceof DuplicateTokenError; // true
 * ```
 */
export class DuplicateTokenError extends SupplementaryError {}

/**
 * The token is too old to be checked for duplication (`GSS_S_OLD_TOKEN`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.OLD_TOKEN, minor: 0 }) instanceof ExpiredTokenError; // true
 * ```
 */
export class ExpiredTokenError extends SupplementaryError {}

/**
 * The parent of the two out-of-sequence errors. Never chosen by itself.
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.GAP_TOKEN, minor: 0 }) instanceof TokenOutOfSequenceError; // true
 * ```
 */
export class TokenOutOfSequenceError extends SupplementaryError {}

/**
 * A later token has already been processed (`GSS_S_UNSEQ_TOKEN`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.UNSEQ_TOKEN, minor: 0 }) instanceof TokenTooLateError; // true
 * ```
 */
export class TokenTooLateError extends TokenOutOfSequenceError {}

/**
 * An expected earlier token has not been received yet (`GSS_S_GAP_TOKEN`).
 *
 * @example
 * ```ts
 * createGSSError({ major: GSS_S.GAP_TOKEN, minor: 0 }) instanceof TokenTooEarlyError; // true
 * ```
 */
export class TokenTooEarlyError extends TokenOutOfSequenceError {}

/** A GSSError constructor. */
type GSSErrorClass = new (init: GSSErrorInit) => GSSError;

/** Each class with the name it reports as `err.name` (kept explicit so that minifiers cannot change it). */
const CLASS_NAMES: readonly (readonly [GSSErrorClass, string])[] = [
  [GSSError, 'GSSError'],
  [ParameterReadError, 'ParameterReadError'],
  [ParameterWriteError, 'ParameterWriteError'],
  [MalformedParameterError, 'MalformedParameterError'],
  [BadMechanismError, 'BadMechanismError'],
  [BadNameError, 'BadNameError'],
  [BadNameTypeError, 'BadNameTypeError'],
  [BadChannelBindingsError, 'BadChannelBindingsError'],
  [BadStatusError, 'BadStatusError'],
  [BadMICError, 'BadMICError'],
  [MissingCredentialsError, 'MissingCredentialsError'],
  [MissingContextError, 'MissingContextError'],
  [InvalidTokenError, 'InvalidTokenError'],
  [InvalidCredentialsError, 'InvalidCredentialsError'],
  [ExpiredCredentialsError, 'ExpiredCredentialsError'],
  [ExpiredContextError, 'ExpiredContextError'],
  [BadQoPError, 'BadQoPError'],
  [UnauthorizedError, 'UnauthorizedError'],
  [OperationUnavailableError, 'OperationUnavailableError'],
  [DuplicateCredentialsElementError, 'DuplicateCredentialsElementError'],
  [MechanismNameRequiredError, 'MechanismNameRequiredError'],
  [NameReadError, 'NameReadError'],
  [NameTypeReadError, 'NameTypeReadError'],
  [TokenReadError, 'TokenReadError'],
  [ContextReadError, 'ContextReadError'],
  [CredentialsReadError, 'CredentialsReadError'],
  [ContextWriteError, 'ContextWriteError'],
  [CredentialsWriteError, 'CredentialsWriteError'],
  [SupplementaryError, 'SupplementaryError'],
  [DuplicateTokenError, 'DuplicateTokenError'],
  [ExpiredTokenError, 'ExpiredTokenError'],
  [TokenOutOfSequenceError, 'TokenOutOfSequenceError'],
  [TokenTooLateError, 'TokenTooLateError'],
  [TokenTooEarlyError, 'TokenTooEarlyError'],
];

for (const [cls, name] of CLASS_NAMES) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true, enumerable: false });
}

ALSO_INSTANCES.set(BadNameError, [NameReadError]);
ALSO_INSTANCES.set(BadNameTypeError, [NameTypeReadError]);
ALSO_INSTANCES.set(InvalidTokenError, [TokenReadError]);
ALSO_INSTANCES.set(MissingContextError, [ContextReadError, ContextWriteError]);
ALSO_INSTANCES.set(MissingCredentialsError, [CredentialsReadError, CredentialsWriteError]);

/** A status part, or `null` for "none" (which is also the wildcard when looking up). */
type Part = number | null;

/** registry[calling][routine][supplementary], with `null` standing for "not set / any". */
const REGISTRY = new Map<Part, Map<Part, Map<Part, GSSErrorClass>>>();

function register(calling: Part, routine: Part, supplementary: Part, cls: GSSErrorClass): void {
  let byRoutine = REGISTRY.get(calling);
  if (byRoutine === undefined) {
    byRoutine = new Map();
    REGISTRY.set(calling, byRoutine);
  }
  let bySupplementary = byRoutine.get(routine);
  if (bySupplementary === undefined) {
    bySupplementary = new Map();
    byRoutine.set(routine, bySupplementary);
  }
  bySupplementary.set(supplementary, cls);
}

const READ = GSS_S.CALL_INACCESSIBLE_READ;
const WRITE = GSS_S.CALL_INACCESSIBLE_WRITE;

const TABLE: readonly (readonly [Part, Part, Part, GSSErrorClass])[] = [
  // Calling errors.
  [READ, null, null, ParameterReadError],
  [WRITE, null, null, ParameterWriteError],
  [GSS_S.CALL_BAD_STRUCTURE, null, null, MalformedParameterError],
  // Routine errors.
  [null, GSS_S.BAD_MECH, null, BadMechanismError],
  [null, GSS_S.BAD_NAME, null, BadNameError],
  [null, GSS_S.BAD_NAMETYPE, null, BadNameTypeError],
  [null, GSS_S.BAD_BINDINGS, null, BadChannelBindingsError],
  [null, GSS_S.BAD_STATUS, null, BadStatusError],
  [null, GSS_S.BAD_MIC, null, BadMICError],
  [null, GSS_S.NO_CRED, null, MissingCredentialsError],
  [null, GSS_S.NO_CONTEXT, null, MissingContextError],
  [null, GSS_S.DEFECTIVE_TOKEN, null, InvalidTokenError],
  [null, GSS_S.DEFECTIVE_CREDENTIAL, null, InvalidCredentialsError],
  [null, GSS_S.CREDENTIALS_EXPIRED, null, ExpiredCredentialsError],
  [null, GSS_S.CONTEXT_EXPIRED, null, ExpiredContextError],
  [null, GSS_S.BAD_QOP, null, BadQoPError],
  [null, GSS_S.UNAUTHORIZED, null, UnauthorizedError],
  [null, GSS_S.UNAVAILABLE, null, OperationUnavailableError],
  [null, GSS_S.DUPLICATE_ELEMENT, null, DuplicateCredentialsElementError],
  [null, GSS_S.NAME_NOT_MN, null, MechanismNameRequiredError],
  // Calling and routine together.
  [READ, GSS_S.BAD_NAME, null, NameReadError],
  [READ, GSS_S.BAD_NAMETYPE, null, NameTypeReadError],
  [READ, GSS_S.DEFECTIVE_TOKEN, null, TokenReadError],
  [READ, GSS_S.NO_CONTEXT, null, ContextReadError],
  [READ, GSS_S.NO_CRED, null, CredentialsReadError],
  [WRITE, GSS_S.NO_CONTEXT, null, ContextWriteError],
  [WRITE, GSS_S.NO_CRED, null, CredentialsWriteError],
  // Supplementary information (exact values only: two bits at once match nothing).
  [null, null, GSS_S.DUPLICATE_TOKEN, DuplicateTokenError],
  [null, null, GSS_S.OLD_TOKEN, ExpiredTokenError],
  [null, null, GSS_S.UNSEQ_TOKEN, TokenTooLateError],
  [null, null, GSS_S.GAP_TOKEN, TokenTooEarlyError],
];

for (const [calling, routine, supplementary, cls] of TABLE) {
  register(calling, routine, supplementary, cls);
}

/** Picks the class for a major status: exact calling code, then routine, then supplementary. */
function classFor(major: number): GSSErrorClass {
  const byRoutine = REGISTRY.get(callingError(major) || null);
  if (byRoutine === undefined) {
    return GSSError;
  }
  const bySupplementary = byRoutine.get(routineError(major) || null) ?? byRoutine.get(null);
  if (bySupplementary === undefined) {
    return GSSError;
  }
  return bySupplementary.get(supplementaryInfo(major) || null) ?? bySupplementary.get(null) ?? GSSError;
}

/**
 * Builds the error that matches a major status, with python-gssapi's precedence: the calling error
 * decides first, then the routine error, then the supplementary information. Combined classes
 * ({@link NameReadError}, {@link ContextWriteError}, ...) are chosen for a calling error together with
 * the matching routine error. `GSS_S_FAILURE` and statuses that match no class give a plain
 * {@link GSSError}.
 *
 * @param init - the status codes and texts
 * @returns an instance of the matching class
 * @throws TypeError if `init` or one of its fields has the wrong type
 *
 * @example
 * ```ts
 * import { GSS_S, createGSSError } from '@gssapi/raw';
 *
 * createGSSError({ major: GSS_S.CALL_INACCESSIBLE_WRITE | GSS_S.BAD_NAME, minor: 0 }).name; // 'ParameterWriteError'
 * createGSSError({ major: GSS_S.BAD_MIC | GSS_S.DUPLICATE_TOKEN, minor: 0 }).name; // 'BadMICError'
 * createGSSError({ major: GSS_S.FAILURE | GSS_S.DUPLICATE_TOKEN, minor: 0 }).name; // 'DuplicateTokenError'
 * createGSSError({ major: GSS_S.FAILURE, minor: 0 }).name; // 'GSSError'
 * ```
 */
export function createGSSError(init: GSSErrorInit): GSSError {
  const fields = normalise(init);
  const cls = classFor(fields.major);
  const err = new cls(init);
  // Start the stack at the caller of the factory rather than inside it.
  Error.captureStackTrace(err, createGSSError);
  return err;
}

/**
 * A function of a GSSAPI extension was called, but the loaded GSSAPI library does not provide it
 * (for example an RFC 6680 call on an old Heimdal). Check `raw.extensions` before calling optional
 * functions.
 *
 * @example
 * ```ts
 * import { ExtensionUnavailableError } from '@gssapi/raw';
 *
 * try {
 *   getNameAttributeSync(name, 'urn:example');
 * } catch (err) {
 *   if (err instanceof ExtensionUnavailableError) console.warn(`no ${err.extension} support`);
 *   else throw err;
 * }
 * ```
 */
export class ExtensionUnavailableError extends Error {
  /**
   * The C symbol that is missing, e.g. `'gss_get_name_attribute'`.
   *
   * @example
   * ```ts
   * new ExtensionUnavailableError('gss_get_name_attribute', 'rfc6680').symbol; // 'gss_get_name_attribute'
   * ```
   */
  readonly symbol: string;

  /**
   * The extension the symbol belongs to, e.g. `'rfc6680'`.
   *
   * @example
   * ```ts
   * new ExtensionUnavailableError('gss_get_name_attribute', 'rfc6680').extension; // 'rfc6680'
   * ```
   */
  readonly extension: string;

  /**
   * @param symbol - the missing C symbol
   * @param extension - the extension it belongs to
   * @throws TypeError if either argument is not a string
   *
   * @example
   * ```ts
   * const err = new ExtensionUnavailableError('gss_acquire_cred_from', 'cred_store');
   * err.message; // "gss_acquire_cred_from is not provided by the loaded GSSAPI library (extension 'cred_store')"
   * ```
   */
  constructor(symbol: string, extension: string) {
    if (typeof symbol !== 'string') {
      throw new TypeError(`symbol must be a string (got ${typeof symbol})`);
    }
    if (typeof extension !== 'string') {
      throw new TypeError(`extension must be a string (got ${typeof extension})`);
    }
    super(`${symbol} is not provided by the loaded GSSAPI library (extension '${extension}')`);
    this.symbol = symbol;
    this.extension = extension;
  }
}

Object.defineProperty(ExtensionUnavailableError.prototype, 'name', {
  value: 'ExtensionUnavailableError',
  writable: true,
  configurable: true,
  enumerable: false,
});
