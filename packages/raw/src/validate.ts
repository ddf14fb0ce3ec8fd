/**
 * Argument checks and conversions shared by every raw function. Everything the
 * addon receives went through here: wrong types throw TypeError and values out
 * of range RangeError, each naming the argument.
 * @internal
 */
import { describe } from './handles.js';
import { OID, oidToBinding } from './oids.js';

/** GSS_C_INDEFINITE: an unlimited lifetime. */
export const INDEFINITE = 0xffffffff;

/** How credentials may be used. */
export type Usage = 'initiate' | 'accept' | 'both';
const USAGE_CODES: Record<Usage, number> = { both: 0, initiate: 1, accept: 2 };
const USAGE_NAMES: readonly Usage[] = ['both', 'initiate', 'accept'];

/** The options object (undefined allowed), or a TypeError. */
export function optionsArg<T extends object>(value: T | undefined, arg = 'options'): Partial<T> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${arg} must be an object (got ${describe(value)})`);
  }
  return value;
}

/** Bytes of a Uint8Array argument (a Buffer view, no copy). */
export function bytesArg(value: unknown, arg: string): Uint8Array {
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`${arg} must be a Uint8Array (got ${describe(value)})`);
}

/** Bytes of a Uint8Array or a string (UTF-8). */
export function textOrBytesArg(value: unknown, arg: string): Uint8Array {
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  if (value instanceof Uint8Array) return value;
  throw new TypeError(`${arg} must be a string or a Uint8Array (got ${describe(value)})`);
}

/** Optional bytes (undefined/null: GSS_C_NO_BUFFER). */
export function optionalBytesArg(value: unknown, arg: string): Uint8Array | undefined {
  return value === undefined || value === null ? undefined : bytesArg(value, arg);
}

/** The DER bytes of an OID argument (an OID, or a dotted string); the OID's own storage, not a copy. */
export function oidArg(value: unknown, arg: string): Buffer {
  if (value instanceof OID) return oidToBinding(value, arg);
  if (typeof value === 'string') {
    try {
      return OID.fromIntSeq(value).bytes;
    } catch (error) {
      throw new RangeError(`${arg} is not a dotted OID: ${(error as Error).message}`);
    }
  }
  throw new TypeError(`${arg} must be an OID (got ${describe(value)})`);
}

/** Optional OID (undefined/null: GSS_C_NO_OID). */
export function optionalOidArg(value: unknown, arg: string): Buffer | undefined {
  return value === undefined || value === null ? undefined : oidArg(value, arg);
}

/** An OID set argument: an iterable of OIDs, or one OID (undefined/null: GSS_C_NO_OID_SET). */
export function optionalOidSetArg(value: unknown, arg: string): Buffer[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (value instanceof OID || typeof value === 'string') return [oidArg(value, arg)];
  if (typeof value !== 'object' || !(Symbol.iterator in value)) {
    throw new TypeError(`${arg} must be an iterable of OIDs (got ${describe(value)})`);
  }
  return Array.from(value as Iterable<unknown>, (oid, i) => oidArg(oid, `${arg}[${i}]`));
}

/** A lifetime in seconds; undefined or Infinity mean GSS_C_INDEFINITE. */
export function lifetimeArg(value: unknown, arg: string): number {
  if (value === undefined || value === null || value === Number.POSITIVE_INFINITY) return INDEFINITE;
  if (typeof value !== 'number') throw new TypeError(`${arg} must be a number of seconds (got ${describe(value)})`);
  if (!Number.isInteger(value) || value < 0 || value >= INDEFINITE) {
    throw new RangeError(`${arg} must be an integer from 0 to ${INDEFINITE - 1}, or Infinity (got ${value})`);
  }
  return value;
}

/** A lifetime result: GSS_C_INDEFINITE becomes Infinity. */
export function lifetimeResult(value: number | undefined): number {
  return value === undefined || value === INDEFINITE ? Number.POSITIVE_INFINITY : value;
}

/** An unsigned 32-bit integer argument (a QOP, a size, a status code). */
export function uint32Arg(value: unknown, arg: string, fallback?: number): number {
  if ((value === undefined || value === null) && fallback !== undefined) return fallback;
  if (typeof value !== 'number') throw new TypeError(`${arg} must be a number (got ${describe(value)})`);
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new RangeError(`${arg} must be an integer from 0 to 4294967295 (got ${value})`);
  }
  return value;
}

/** A boolean argument with a default. */
export function booleanArg(value: unknown, arg: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`${arg} must be a boolean (got ${describe(value)})`);
  return value;
}

/** A usage argument as its C value (GSS_C_BOTH 0, GSS_C_INITIATE 1, GSS_C_ACCEPT 2). */
export function usageArg(value: unknown, arg: string, fallback: Usage): number {
  if (value === undefined || value === null) return USAGE_CODES[fallback];
  if (typeof value === 'string' && Object.hasOwn(USAGE_CODES, value)) return USAGE_CODES[value as Usage];
  throw new TypeError(`${arg} must be 'initiate', 'accept' or 'both' (got ${describe(value)})`);
}

/** A usage result from its C value. */
export function usageResult(code: number | undefined): Usage | undefined {
  return code === undefined ? undefined : USAGE_NAMES[code];
}

/** A bit mask of the output fields an inquiry asks for (each option defaults to true). */
export function wantBits(options: object | undefined, fields: readonly [string, number][]): number {
  const o = optionsArg(options) as Record<string, unknown>;
  let want = 0;
  for (const [field, bit] of fields) if (booleanArg(o[field], `options.${field}`, true)) want |= bit;
  return want;
}
