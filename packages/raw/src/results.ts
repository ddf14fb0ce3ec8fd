/**
 * Result objects of the raw functions, named and shaped like python-gssapi's
 * named tuples (camelCase fields). All are frozen plain objects.
 */
import type { FlagSet } from './flags.js';
import type { Creds, Name, SecurityContext } from './handles.js';
import type { OID, OIDSet } from './oids.js';
import type { Usage } from './validate.js';

/**
 * The text form of a name ({@link displayName}).
 *
 * @example
 * ```ts
 * const { name, nameType } = displayNameSync(n); // 'host@localhost', NameType.hostbasedService
 * ```
 */
export interface DisplayNameResult {
  /** The display text, decoded as UTF-8 (a trailing NUL, as gss-ntlmssp adds, is dropped). */
  readonly name: string;
  /** The name type, when asked for and known. */
  readonly nameType: OID | undefined;
  /** The display text exactly as the library returned it. */
  readonly bytes: Buffer;
}

/**
 * Acquired credentials ({@link acquireCred}).
 *
 * @example
 * ```ts
 * const { creds, mechs, lifetime } = acquireCredSync({ usage: 'accept' });
 * ```
 */
export interface AcquireCredResult {
  /** The credentials. */
  readonly creds: Creds;
  /** The mechanisms they can be used with. */
  readonly mechs: OIDSet;
  /** Seconds they stay valid (Infinity: indefinite or unknown). */
  readonly lifetime: number;
}

/**
 * Credentials after {@link addCred}.
 *
 * @example
 * ```ts
 * const { creds, mechs } = addCredSync(null, name, MechType.kerberos);
 * ```
 */
export interface AddCredResult {
  /** The new credentials; undefined when `mutateInput` changed the input ones. */
  readonly creds: Creds | undefined;
  /** The mechanisms of the resulting credentials. */
  readonly mechs: OIDSet;
  /** Seconds valid for initiating (Infinity: indefinite). */
  readonly initLifetime: number;
  /** Seconds valid for accepting (Infinity: indefinite). */
  readonly acceptLifetime: number;
}

/**
 * What {@link inquireCred} found; fields not asked for are undefined.
 *
 * @example
 * ```ts
 * const { name, lifetime, usage, mechs } = inquireCredSync(creds);
 * ```
 */
export interface InquireCredResult {
  /** The principal of the credentials. */
  readonly name: Name | undefined;
  /** Seconds they stay valid (Infinity: indefinite). */
  readonly lifetime: number | undefined;
  /** How they can be used. */
  readonly usage: Usage | undefined;
  /** Their mechanisms. */
  readonly mechs: OIDSet | undefined;
}

/**
 * What {@link inquireCredByMech} found; fields not asked for are undefined.
 *
 * @example
 * ```ts
 * const { initLifetime, acceptLifetime } = inquireCredByMechSync(creds, MechType.kerberos);
 * ```
 */
export interface InquireCredByMechResult {
  /** The principal of the credentials. */
  readonly name: Name | undefined;
  /** Seconds valid for initiating (Infinity: indefinite). */
  readonly initLifetime: number | undefined;
  /** Seconds valid for accepting (Infinity: indefinite). */
  readonly acceptLifetime: number | undefined;
  /** How they can be used. */
  readonly usage: Usage | undefined;
}

/**
 * One initiator step ({@link initSecContext}).
 *
 * @example
 * ```ts
 * const { context, token, moreSteps } = initSecContextSync(target);
 * if (token) send(token);
 * ```
 */
export interface InitSecContextResult {
  /** The context (the one given as `context`, or a new one). */
  readonly context: SecurityContext;
  /** The mechanism in use (may be undefined before the mechanism is chosen). */
  readonly mech: OID | undefined;
  /** The services the context offers (or will offer once complete). */
  readonly flags: FlagSet;
  /** The token to send to the acceptor; undefined when there is none. */
  readonly token: Buffer | undefined;
  /** Seconds the context stays valid (Infinity: indefinite). */
  readonly lifetime: number;
  /** Whether another step (with the acceptor's reply) is needed. */
  readonly moreSteps: boolean;
}

/**
 * One acceptor step ({@link acceptSecContext}).
 *
 * @example
 * ```ts
 * const { context, initiatorName, token, moreSteps } = acceptSecContextSync(clientToken);
 * ```
 */
export interface AcceptSecContextResult {
  /** The context (the one given as `context`, or a new one). */
  readonly context: SecurityContext;
  /** The authenticated initiator (a mechanism name). */
  readonly initiatorName: Name | undefined;
  /** The mechanism in use. */
  readonly mech: OID | undefined;
  /** The token to send back to the initiator; undefined when there is none. */
  readonly token: Buffer | undefined;
  /** The services the initiator requested and the context offers. */
  readonly flags: FlagSet;
  /** Seconds the context stays valid (Infinity: indefinite). */
  readonly lifetime: number;
  /** Credentials the initiator delegated (with {@link RequirementFlag.delegateToPeer}). */
  readonly delegatedCreds: Creds | undefined;
  /** Whether another step is needed. */
  readonly moreSteps: boolean;
}

/**
 * What {@link inquireContext} found; fields not asked for are undefined.
 *
 * @example
 * ```ts
 * const { initiatorName, targetName, mech, flags, complete } = inquireContextSync(ctx);
 * ```
 */
export interface InquireContextResult {
  /** The initiator's name. */
  readonly initiatorName: Name | undefined;
  /** The acceptor's name (undefined when the library has none, e.g. an acceptor before completion). */
  readonly targetName: Name | undefined;
  /** Seconds the context stays valid (Infinity: indefinite). */
  readonly lifetime: number | undefined;
  /** The mechanism. */
  readonly mech: OID | undefined;
  /** The services the context offers. */
  readonly flags: FlagSet | undefined;
  /** Whether this side initiated the context. */
  readonly locallyInit: boolean | undefined;
  /** Whether establishment has finished. */
  readonly complete: boolean | undefined;
}

/**
 * A wrapped message ({@link wrap}).
 *
 * @example
 * ```ts
 * const { message, encrypted } = wrapSync(ctx, Buffer.from('hello'));
 * ```
 */
export interface WrapResult {
  /** The token to send. */
  readonly message: Buffer;
  /** Whether it is encrypted (not only integrity protected). */
  readonly encrypted: boolean;
}

/**
 * An unwrapped message ({@link unwrap}).
 *
 * @example
 * ```ts
 * const { message, encrypted, qop } = unwrapSync(ctx, token);
 * ```
 */
export interface UnwrapResult {
  /** The original message. */
  readonly message: Buffer;
  /** Whether it was encrypted. */
  readonly encrypted: boolean;
  /** The quality of protection used. */
  readonly qop: number;
}

/**
 * One message of {@link displayStatus}.
 *
 * @example
 * ```ts
 * const { message, messageContext } = displayStatusSync(0x60000, true);
 * ```
 */
export interface DisplayStatusResult {
  /** The text. */
  readonly message: string;
  /** Pass back as `messageContext` for the next message; 0 when this was the last. */
  readonly messageContext: number;
  /** Whether more messages follow. */
  readonly moreMessages: boolean;
}
