/**
 * RFC 2743/2744 credentials: acquire, add, inquire, inquire by mechanism,
 * release. Each as `fn()` (Promise, worker thread) and `fnSync()`.
 */
import type { NativeArgs, NativeCreds, NativeName, NativeResults } from '@gssapi/native';
import { callAsync, callSync } from './call.js';
import {
  Creds,
  type CredsLike,
  credsMayBeNameless,
  hasName,
  Name,
  type NameLike,
  optionalCredsArg,
  optionalNameArg,
  releaseArg,
} from './handles.js';
import { type OID, oidSetFromBinding } from './oids.js';
import type { AcquireCredResult, AddCredResult, InquireCredByMechResult, InquireCredResult } from './results.js';
import {
  booleanArg,
  lifetimeArg,
  lifetimeResult,
  oidArg,
  optionalOidSetArg,
  optionsArg,
  type Usage,
  usageArg,
  usageResult,
  wantBits,
} from './validate.js';

/** Options of {@link acquireCred}. */
export interface AcquireCredOptions {
  /** Whose credentials (undefined: the default principal, or any keytab key for acceptors). */
  name?: NameLike | null;
  /** Requested lifetime in seconds (default Infinity: as long as possible). */
  lifetime?: number;
  /** The mechanisms wanted (default: the library's default set). */
  mechs?: Iterable<OID> | OID;
  /** How they will be used (default 'both'). */
  usage?: Usage;
}

const adoptName = (handle: NativeName | undefined): Name | undefined => (handle ? Name.fromNative(handle) : undefined);

function acquireArgs(options: AcquireCredOptions | undefined): NativeArgs['acquireCred'] {
  const o = optionsArg(options);
  return [
    optionalNameArg(o.name, 'options.name'),
    lifetimeArg(o.lifetime, 'options.lifetime'),
    optionalOidSetArg(o.mechs, 'options.mechs'),
    usageArg(o.usage, 'options.usage', 'both'),
  ];
}

/**
 * `options.mutateInput` of the add calls whose MIT implementation (1.20:
 * gss_add_cred_with_password, gss_add_cred_impersonate_name) shares the input
 * credential's elements with a new output handle, so that releasing both frees
 * them twice: it must be true when there is an input credential, and cannot be
 * true without one.
 * @internal
 */
export function mutateInputArg(input: NativeCreds | undefined, value: unknown): boolean {
  const mutate = booleanArg(value, 'options.mutateInput', false);
  if (input !== undefined && !mutate) {
    throw new TypeError(
      'inputCred needs options.mutateInput: true (new credentials from an input credential would share its elements)',
    );
  }
  if (input === undefined && mutate) throw new TypeError('options.mutateInput needs an inputCred to change');
  return mutate;
}

/**
 * The result of an acquireCred-like call (shared by the extension modules);
 * `named`: a desired name was given.
 * @internal
 */
export function acquiredCreds(named: boolean) {
  return (r: { creds?: NativeCreds; mechs?: Buffer[]; lifetime?: number }): AcquireCredResult =>
    Object.freeze({
      creds: Creds.fromNative(r.creds as NativeCreds, named),
      mechs: oidSetFromBinding(r.mechs ?? []),
      lifetime: lifetimeResult(r.lifetime),
    });
}

/**
 * Acquires credentials (`gss_acquire_cred`): an initiator's from the ticket
 * cache (or client keytab), an acceptor's from the keytab.
 *
 * @param options - `name`, `lifetime`, `mechs`, `usage`.
 * @returns the credentials, their mechanisms and lifetime.
 * @throws MissingCredentialsError when there are none (no ticket, no keytab).
 * @example
 * ```ts
 * const { creds } = await acquireCred({ usage: 'accept' });
 * ```
 */
export async function acquireCred(options?: AcquireCredOptions): Promise<AcquireCredResult> {
  return callAsync('acquireCred', acquireArgs(options), acquiredCreds(hasName(options?.name)));
}

/**
 * Synchronous form of {@link acquireCred}.
 *
 * @param options - `name`, `lifetime`, `mechs`, `usage`.
 * @returns the credentials, their mechanisms and lifetime.
 * @example
 * ```ts
 * const { creds, lifetime } = acquireCredSync({ usage: 'initiate', mechs: [MechType.kerberos] });
 * ```
 */
export function acquireCredSync(options?: AcquireCredOptions): AcquireCredResult {
  return callSync('acquireCred', acquireArgs(options), acquiredCreds(hasName(options?.name)));
}

/**
 * Releases credentials now (`gss_release_cred`); same as `creds.release()`, and
 * like it idempotent.
 *
 * @param creds - the credentials.
 * @example
 * ```ts
 * await releaseCred(creds);
 * ```
 */
export async function releaseCred(creds: CredsLike): Promise<void> {
  releaseCredSync(creds);
}

/**
 * Synchronous form of {@link releaseCred}.
 *
 * @param creds - the credentials.
 * @example
 * ```ts
 * releaseCredSync(creds);
 * ```
 */
export function releaseCredSync(creds: CredsLike): void {
  releaseArg(creds, Creds, 'creds');
}

/** Options of {@link addCred}. */
export interface AddCredOptions {
  /** How the new element will be used (default 'initiate'). */
  usage?: Usage;
  /** Initiator lifetime in seconds (default Infinity). */
  initLifetime?: number;
  /** Acceptor lifetime in seconds (default Infinity). */
  acceptLifetime?: number;
  /** Change `inputCred` in place instead of returning new credentials (default false). */
  mutateInput?: boolean;
}

function addArgs(
  inputCred: CredsLike | null | undefined,
  name: NameLike | null | undefined,
  mech: OID,
  options: AddCredOptions | undefined,
): NativeArgs['addCred'] {
  const o = optionsArg(options);
  return [
    optionalCredsArg(inputCred, 'inputCred'),
    optionalNameArg(name, 'name'),
    oidArg(mech, 'mech'),
    usageArg(o.usage, 'options.usage', 'initiate'),
    lifetimeArg(o.initLifetime, 'options.initLifetime'),
    lifetimeArg(o.acceptLifetime, 'options.acceptLifetime'),
    booleanArg(o.mutateInput, 'options.mutateInput', false),
  ];
}

/**
 * The result of an addCred-like call (shared by the extension modules);
 * `named`: a desired name was given.
 * @internal
 */
export function addedCreds(named: boolean) {
  return (r: {
    creds?: NativeCreds;
    mechs?: Buffer[];
    initLifetime?: number;
    acceptLifetime?: number;
  }): AddCredResult =>
    Object.freeze({
      creds: r.creds ? Creds.fromNative(r.creds, named) : undefined,
      mechs: oidSetFromBinding(r.mechs ?? []),
      initLifetime: lifetimeResult(r.initLifetime),
      acceptLifetime: lifetimeResult(r.acceptLifetime),
    });
}

/**
 * Adds a credential element for one mechanism (`gss_add_cred`), to new
 * credentials (`inputCred` null: the default ones plus this element) or to
 * `inputCred` in place (`mutateInput`).
 *
 * @param inputCred - credentials to extend, or null.
 * @param name - whose credential element (null: the default).
 * @param mech - the element's mechanism.
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `mutateInput`.
 * @returns the credentials and their lifetimes.
 * @throws DuplicateCredentialsElementError when `inputCred` already has `mech`.
 * @example
 * ```ts
 * const { creds } = await addCred(null, null, MechType.kerberos, { usage: 'initiate' });
 * ```
 */
export async function addCred(
  inputCred: CredsLike | null | undefined,
  name: NameLike | null | undefined,
  mech: OID,
  options?: AddCredOptions,
): Promise<AddCredResult> {
  return callAsync(
    'addCred',
    addArgs(inputCred, name, mech, options),
    addedCreds(hasName(name) || !credsMayBeNameless(inputCred)),
  );
}

/**
 * Synchronous form of {@link addCred}.
 *
 * @param inputCred - credentials to extend, or null.
 * @param name - whose credential element (null: the default).
 * @param mech - the element's mechanism.
 * @param options - `usage`, `initLifetime`, `acceptLifetime`, `mutateInput`.
 * @returns the credentials and their lifetimes.
 * @example
 * ```ts
 * const { creds } = addCredSync(null, null, MechType.kerberos);
 * ```
 */
export function addCredSync(
  inputCred: CredsLike | null | undefined,
  name: NameLike | null | undefined,
  mech: OID,
  options?: AddCredOptions,
): AddCredResult {
  return callSync(
    'addCred',
    addArgs(inputCred, name, mech, options),
    addedCreds(hasName(name) || !credsMayBeNameless(inputCred)),
  );
}

/** Which fields {@link inquireCred} reads (each default true). */
export interface InquireCredOptions {
  name?: boolean;
  lifetime?: boolean;
  usage?: boolean;
  mechs?: boolean;
}

const CRED_FIELDS: readonly [string, number][] = [
  ['name', 1],
  ['lifetime', 2],
  ['usage', 4],
  ['mechs', 8],
];
const CRED_BY_MECH_FIELDS: readonly [string, number][] = [
  ['name', 1],
  ['initLifetime', 16],
  ['acceptLifetime', 32],
  ['usage', 4],
];

const inquireFinish = (r: NativeResults['inquireCred']): InquireCredResult =>
  Object.freeze({
    name: adoptName(r.name),
    lifetime: r.lifetime === undefined ? undefined : lifetimeResult(r.lifetime),
    usage: usageResult(r.usage),
    mechs: r.mechs ? oidSetFromBinding(r.mechs) : undefined,
  });

function inquireArgs(creds: CredsLike | null, options: InquireCredOptions | undefined): NativeArgs['inquireCred'] {
  return [optionalCredsArg(creds, 'creds'), wantBits(options, CRED_FIELDS), credsMayBeNameless(creds)];
}

/**
 * Reads the name, lifetime, usage and mechanisms of credentials (`gss_inquire_cred`).
 *
 * @param creds - the credentials (null: the default credentials).
 * @param options - which fields to read (all by default).
 * @returns the fields asked for.
 * @throws ExpiredCredentialsError, MissingCredentialsError
 * @example
 * ```ts
 * const { name, lifetime } = await inquireCred(creds, { usage: false, mechs: false });
 * ```
 */
export async function inquireCred(creds: CredsLike | null, options?: InquireCredOptions): Promise<InquireCredResult> {
  return callAsync('inquireCred', inquireArgs(creds, options), inquireFinish);
}

/**
 * Synchronous form of {@link inquireCred}.
 *
 * @param creds - the credentials (null: the default credentials).
 * @param options - which fields to read.
 * @returns the fields asked for.
 * @example
 * ```ts
 * inquireCredSync(creds).usage; // 'initiate'
 * ```
 */
export function inquireCredSync(creds: CredsLike | null, options?: InquireCredOptions): InquireCredResult {
  return callSync('inquireCred', inquireArgs(creds, options), inquireFinish);
}

/** Which fields {@link inquireCredByMech} reads (each default true). */
export interface InquireCredByMechOptions {
  name?: boolean;
  initLifetime?: boolean;
  acceptLifetime?: boolean;
  usage?: boolean;
}

const inquireByMechFinish = (r: NativeResults['inquireCredByMech']): InquireCredByMechResult =>
  Object.freeze({
    name: adoptName(r.name),
    initLifetime: r.initLifetime === undefined ? undefined : lifetimeResult(r.initLifetime),
    acceptLifetime: r.acceptLifetime === undefined ? undefined : lifetimeResult(r.acceptLifetime),
    usage: usageResult(r.usage),
  });

function byMechArgs(creds: unknown, mech: unknown, options: object | undefined): NativeArgs['inquireCredByMech'] {
  return [
    optionalCredsArg(creds, 'creds'),
    oidArg(mech, 'mech'),
    wantBits(options, CRED_BY_MECH_FIELDS),
    credsMayBeNameless(creds as CredsLike | null),
  ];
}

/**
 * Reads the per-mechanism details of credentials (`gss_inquire_cred_by_mech`).
 *
 * @param creds - the credentials (null: the default credentials).
 * @param mech - the mechanism.
 * @param options - which fields to read (all by default).
 * @returns the fields asked for.
 * @example
 * ```ts
 * const { acceptLifetime } = await inquireCredByMech(creds, MechType.kerberos);
 * ```
 */
export async function inquireCredByMech(
  creds: CredsLike | null,
  mech: OID,
  options?: InquireCredByMechOptions,
): Promise<InquireCredByMechResult> {
  return callAsync('inquireCredByMech', byMechArgs(creds, mech, options), inquireByMechFinish);
}

/**
 * Synchronous form of {@link inquireCredByMech}.
 *
 * @param creds - the credentials (null: the default credentials).
 * @param mech - the mechanism.
 * @param options - which fields to read.
 * @returns the fields asked for.
 * @example
 * ```ts
 * inquireCredByMechSync(creds, MechType.kerberos).usage; // 'accept'
 * ```
 */
export function inquireCredByMechSync(
  creds: CredsLike | null,
  mech: OID,
  options?: InquireCredByMechOptions,
): InquireCredByMechResult {
  return callSync('inquireCredByMech', byMechArgs(creds, mech, options), inquireByMechFinish);
}
