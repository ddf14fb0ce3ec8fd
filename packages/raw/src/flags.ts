/**
 * Context requirement flags (`GSS_C_*_FLAG`) and the immutable {@link FlagSet} that carries them.
 *
 * @module
 */

import { inspect } from 'node:util';

/**
 * The security context flags of RFC 2743/2744 and their extensions, with their C values. Pass them to
 * context initiation as requested flags; read them back from the established context.
 *
 * @example
 * ```ts
 * import { FlagSet, RequirementFlag } from '@gssapi/raw';
 *
 * const wanted = FlagSet.from([RequirementFlag.mutualAuthentication, RequirementFlag.integrity]);
 * wanted.value; // 34
 * ```
 */
export enum RequirementFlag {
  /** `GSS_C_DELEG_FLAG`: delegate the initiator's credentials to the acceptor. */
  delegateToPeer = 1,
  /** `GSS_C_MUTUAL_FLAG`: the acceptor authenticates itself to the initiator too. */
  mutualAuthentication = 2,
  /** `GSS_C_REPLAY_FLAG`: detect replayed per-message tokens. */
  replayDetection = 4,
  /** `GSS_C_SEQUENCE_FLAG`: detect per-message tokens received out of sequence. */
  outOfSequenceDetection = 8,
  /** `GSS_C_CONF_FLAG`: confidentiality (encryption) is available for wrap. */
  confidentiality = 16,
  /** `GSS_C_INTEG_FLAG`: integrity protection is available for MICs and wrap. */
  integrity = 32,
  /** `GSS_C_ANON_FLAG`: the initiator stays anonymous to the acceptor. */
  anonymity = 64,
  /** `GSS_C_PROT_READY_FLAG`: per-message protection is usable before the context is complete. */
  protectionReady = 128,
  /** `GSS_C_TRANS_FLAG`: the context can be exported and imported. */
  transferable = 256,
  /** `GSS_C_CHANNEL_BOUND_FLAG` (MIT 1.19+): the acceptor verified the initiator's channel bindings. */
  channelBound = 2048,
  /** `GSS_C_DCE_STYLE`: DCE-RPC three-leg style context establishment. */
  dceStyle = 4096,
  /** `GSS_C_IDENTIFY_FLAG`: the acceptor may identify but not impersonate the initiator (SSPI). */
  identify = 8192,
  /** `GSS_C_EXTENDED_ERROR_FLAG`: the mechanism may return extended error tokens. */
  extendedError = 16384,
  /** `GSS_C_DELEG_POLICY_FLAG` (RFC 5896): delegate only when the KDC marks the service ok-as-delegate. */
  okAsDelegate = 32768,
}

/**
 * The names of the {@link RequirementFlag} members, e.g. `'mutualAuthentication'`.
 *
 * @example
 * ```ts
 * const name: RequirementFlagName = 'replayDetection';
 * FlagSet.from([name]).has(RequirementFlag.replayDetection); // true
 * ```
 */
export type RequirementFlagName = keyof typeof RequirementFlag;

/**
 * Anything accepted where flags are expected: a {@link FlagSet}, a raw 32-bit value, or an iterable of
 * members and member names.
 *
 * @example
 * ```ts
 * const a: FlagsInput = 10;
 * const b: FlagsInput = ['mutualAuthentication', RequirementFlag.outOfSequenceDetection];
 * FlagSet.from(a).equals(b); // true
 * ```
 */
export type FlagsInput = FlagSet | number | Iterable<RequirementFlag | RequirementFlagName>;

/** The known members in bit order, as [name, value] pairs. */
const MEMBERS: readonly (readonly [RequirementFlagName, RequirementFlag])[] = Object.freeze(
  (Object.keys(RequirementFlag) as string[])
    .filter((key) => !/^[0-9]+$/.test(key))
    .map((key) => [key as RequirementFlagName, RequirementFlag[key as RequirementFlagName]] as const)
    .sort((a, b) => a[1] - b[1]),
);

const BY_NAME: ReadonlyMap<string, RequirementFlag> = new Map(MEMBERS);
const BY_VALUE: ReadonlyMap<number, RequirementFlagName> = new Map(MEMBERS.map(([name, value]) => [value, name]));

/** All bits that belong to a known member. */
const KNOWN_BITS = MEMBERS.reduce((acc, [, value]) => (acc | value) >>> 0, 0);

/** Resolves one member or member name to its value, or throws naming `argName`. */
function resolveFlag(flag: unknown, argName: string): RequirementFlag {
  if (typeof flag === 'string') {
    const value = BY_NAME.get(flag);
    if (value === undefined) {
      throw new TypeError(`${argName}: '${flag}' is not a RequirementFlag name`);
    }
    return value;
  }
  if (typeof flag === 'number') {
    if (!BY_VALUE.has(flag)) {
      throw new RangeError(`${argName}: ${flag} is not a RequirementFlag member`);
    }
    return flag as RequirementFlag;
  }
  throw new TypeError(
    `${argName}: expected a RequirementFlag or its name (got ${flag === null ? 'null' : typeof flag})`,
  );
}

/** Turns any {@link FlagsInput} into an unsigned 32-bit value, or throws naming `argName`. */
function valueOfInput(flags: unknown, argName: string): number {
  if (flags instanceof FlagSet) {
    return flags.value;
  }
  if (typeof flags === 'number') {
    if (!Number.isInteger(flags) || flags < 0 || flags > 0xffffffff) {
      throw new RangeError(`${argName} must be an integer from 0 to 0xFFFFFFFF (got ${flags})`);
    }
    return flags >>> 0;
  }
  if (typeof flags === 'string') {
    throw new TypeError(`${argName} must be a FlagSet, a number or an array of flags; wrap a single name in an array`);
  }
  if (
    flags !== null &&
    typeof flags === 'object' &&
    typeof (flags as Iterable<unknown>)[Symbol.iterator] === 'function'
  ) {
    let value = 0;
    let index = 0;
    for (const flag of flags as Iterable<unknown>) {
      value = (value | resolveFlag(flag, `${argName}[${index}]`)) >>> 0;
      index++;
    }
    return value;
  }
  throw new TypeError(
    `${argName} must be a FlagSet, a number or an iterable of RequirementFlag (got ${flags === null ? 'null' : typeof flags})`,
  );
}

/** Resolves a list of members or names into one bit mask. */
function maskOf(flags: readonly unknown[], argName: string): number {
  let mask = 0;
  flags.forEach((flag, index) => {
    mask = (mask | resolveFlag(flag, `${argName}[${index}]`)) >>> 0;
  });
  return mask;
}

/**
 * An immutable set of {@link RequirementFlag}s backed by the unsigned 32-bit value GSSAPI uses.
 * Bits that are not a known member (a newer mechanism's flags) are kept in {@link FlagSet.value} but
 * not yielded by iteration.
 *
 * @example
 * ```ts
 * import { FlagSet, RequirementFlag } from '@gssapi/raw';
 *
 * const flags = FlagSet.from(['mutualAuthentication', 'integrity']);
 * flags.has(RequirementFlag.integrity); // true
 * [...flags]; // [RequirementFlag.mutualAuthentication, RequirementFlag.integrity]
 * flags.without('integrity').toString(); // 'FlagSet(mutualAuthentication)'
 * ```
 */
export class FlagSet implements Iterable<RequirementFlag> {
  /**
   * The unsigned 32-bit flag word, including bits that are not known members.
   *
   * @example
   * ```ts
   * FlagSet.from([RequirementFlag.delegateToPeer, RequirementFlag.mutualAuthentication]).value; // 3
   * ```
   */
  readonly value: number;

  /**
   * Builds a flag set; same as {@link FlagSet.from} but always a new instance.
   *
   * @param flags - a FlagSet, a number from 0 to 0xFFFFFFFF, or an iterable of members and names
   * @param argName - the argument name used in error messages
   * @throws TypeError if `flags` has the wrong type or names an unknown flag
   * @throws RangeError if a number is out of range or an iterable holds an unknown numeric member
   *
   * @example
   * ```ts
   * new FlagSet(2).has('mutualAuthentication'); // true
   * ```
   */
  constructor(flags: FlagsInput = 0, argName = 'flags') {
    this.value = valueOfInput(flags, argName);
    if (new.target === FlagSet) {
      Object.freeze(this);
    }
  }

  /**
   * Builds a flag set from any {@link FlagsInput}. A FlagSet is returned as is (it is immutable).
   *
   * @param flags - a FlagSet, a number from 0 to 0xFFFFFFFF, or an iterable of members and names
   * @param argName - the argument name used in error messages
   * @returns the flag set
   * @throws TypeError if `flags` has the wrong type or names an unknown flag
   * @throws RangeError if a number is not an integer from 0 to 0xFFFFFFFF, or an iterable holds a number
   *   that is not a member
   *
   * @example
   * ```ts
   * FlagSet.from(0x22).names(); // ['mutualAuthentication', 'integrity']
   * FlagSet.from(['replayDetection']).value; // 4
   * FlagSet.from(-1, 'reqFlags'); // throws RangeError: reqFlags must be an integer ...
   * ```
   */
  static from(flags: FlagsInput, argName = 'flags'): FlagSet {
    if (flags instanceof FlagSet) {
      return flags;
    }
    return new FlagSet(flags, argName);
  }

  /**
   * Tells whether a flag is set.
   *
   * @param flag - a member or its name
   * @returns `true` when the flag's bit is set
   * @throws TypeError if `flag` is an unknown name or not a flag at all
   * @throws RangeError if `flag` is a number that is not a member
   *
   * @example
   * ```ts
   * FlagSet.from(2).has('mutualAuthentication'); // true
   * FlagSet.from(2).has(RequirementFlag.integrity); // false
   * ```
   */
  has(flag: RequirementFlag | RequirementFlagName): boolean {
    const bit = resolveFlag(flag, 'flag');
    return (this.value & bit) >>> 0 === bit;
  }

  /**
   * The number of known members set (the count that iteration yields).
   *
   * @example
   * ```ts
   * FlagSet.from(0x10000 | 2).size; // 1 (the unknown bit is not counted)
   * ```
   */
  get size(): number {
    let count = 0;
    for (const [, bit] of MEMBERS) {
      if ((this.value & bit) !== 0) {
        count++;
      }
    }
    return count;
  }

  /**
   * `true` when no bit at all is set (known or unknown).
   *
   * @example
   * ```ts
   * FlagSet.from([]).isEmpty; // true
   * ```
   */
  get isEmpty(): boolean {
    return this.value === 0;
  }

  /**
   * Yields the known members that are set, in bit order.
   *
   * @returns an iterator over the members
   *
   * @example
   * ```ts
   * [...FlagSet.from(0x28)]; // [RequirementFlag.outOfSequenceDetection, RequirementFlag.integrity]
   * ```
   */
  *[Symbol.iterator](): IterableIterator<RequirementFlag> {
    for (const [, bit] of MEMBERS) {
      if ((this.value & bit) !== 0) {
        yield bit;
      }
    }
  }

  /**
   * The names of the known members that are set, in bit order.
   *
   * @returns a fresh array of names
   *
   * @example
   * ```ts
   * FlagSet.from(6).names(); // ['mutualAuthentication', 'replayDetection']
   * ```
   */
  names(): RequirementFlagName[] {
    return MEMBERS.filter(([, bit]) => (this.value & bit) !== 0).map(([name]) => name);
  }

  /**
   * A copy with more flags set.
   *
   * @param flags - members or names to add
   * @returns a new flag set
   * @throws TypeError if a name is unknown
   * @throws RangeError if a number is not a member
   *
   * @example
   * ```ts
   * FlagSet.from([]).with('integrity', RequirementFlag.confidentiality).value; // 48
   * ```
   */
  with(...flags: (RequirementFlag | RequirementFlagName)[]): FlagSet {
    return new FlagSet((this.value | maskOf(flags, 'flags')) >>> 0);
  }

  /**
   * A copy with some flags cleared.
   *
   * @param flags - members or names to remove
   * @returns a new flag set
   * @throws TypeError if a name is unknown
   * @throws RangeError if a number is not a member
   *
   * @example
   * ```ts
   * FlagSet.from(48).without('confidentiality').names(); // ['integrity']
   * ```
   */
  without(...flags: (RequirementFlag | RequirementFlagName)[]): FlagSet {
    return new FlagSet((this.value & ~maskOf(flags, 'flags')) >>> 0);
  }

  /**
   * The flags set in either this set or `other`.
   *
   * @param other - any {@link FlagsInput}
   * @returns a new flag set
   * @throws TypeError if `other` has the wrong type or names an unknown flag
   * @throws RangeError if `other` is out of range or holds an unknown numeric member
   *
   * @example
   * ```ts
   * FlagSet.from(2).union(['integrity']).value; // 34
   * ```
   */
  union(other: FlagsInput): FlagSet {
    return new FlagSet((this.value | valueOfInput(other, 'other')) >>> 0);
  }

  /**
   * The flags set in both this set and `other`.
   *
   * @param other - any {@link FlagsInput}
   * @returns a new flag set
   * @throws TypeError if `other` has the wrong type or names an unknown flag
   * @throws RangeError if `other` is out of range or holds an unknown numeric member
   *
   * @example
   * ```ts
   * FlagSet.from(0x3e).intersection(0x0c).names(); // ['replayDetection', 'outOfSequenceDetection']
   * ```
   */
  intersection(other: FlagsInput): FlagSet {
    return new FlagSet((this.value & valueOfInput(other, 'other')) >>> 0);
  }

  /**
   * Compares the full 32-bit values (unknown bits included).
   *
   * @param other - any {@link FlagsInput}
   * @returns `true` when both have exactly the same bits
   * @throws TypeError if `other` has the wrong type or names an unknown flag
   * @throws RangeError if `other` is out of range or holds an unknown numeric member
   *
   * @example
   * ```ts
   * FlagSet.from(['mutualAuthentication']).equals(2); // true
   * ```
   */
  equals(other: FlagsInput): boolean {
    return this.value === valueOfInput(other, 'other');
  }

  /**
   * The numeric value, so that a flag set can be used in arithmetic and comparisons.
   *
   * @returns {@link FlagSet.value}
   *
   * @example
   * ```ts
   * +FlagSet.from(['integrity']); // 32
   * ```
   */
  valueOf(): number {
    return this.value;
  }

  /**
   * A readable form such as `FlagSet(mutualAuthentication|outOfSequenceDetection)`; unknown bits are
   * appended in hex.
   *
   * @returns the text
   *
   * @example
   * ```ts
   * String(FlagSet.from(0x10002)); // 'FlagSet(mutualAuthentication|0x10000)'
   * ```
   */
  toString(): string {
    const parts: string[] = this.names();
    const unknown = (this.value & ~KNOWN_BITS) >>> 0;
    if (unknown !== 0) {
      parts.push(`0x${unknown.toString(16)}`);
    }
    return `FlagSet(${parts.join('|')})`;
  }

  /**
   * JSON form: the member names.
   *
   * @returns the names, as {@link FlagSet.names}
   *
   * @example
   * ```ts
   * JSON.stringify(FlagSet.from(2)); // '["mutualAuthentication"]'
   * ```
   */
  toJSON(): RequirementFlagName[] {
    return this.names();
  }

  /**
   * Shown by `util.inspect` and `console.log` like {@link FlagSet.toString}.
   *
   * @returns the inspection text
   *
   * @example
   * ```ts
   * console.log(FlagSet.from(2)); // FlagSet(mutualAuthentication)
   * ```
   */
  [inspect.custom](): string {
    return this.toString();
  }
}
