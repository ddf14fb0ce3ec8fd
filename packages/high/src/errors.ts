/**
 * Errors of the high level that are not GSSAPI status codes: a wrapped
 * message that was not encrypted ({@link EncryptionNotUsed}), a context whose
 * role cannot be told ({@link UnknownUsageError}), a peer that did not grant a
 * required flag ({@link MissingFlagsError}), a context used in a state that
 * does not allow the call ({@link ContextStateError}) and a negotiation whose
 * peer stopped early ({@link NegotiationIncompleteError}). GSSAPI failures
 * themselves are the raw layer's {@link GSSError} classes, re-exported.
 *
 * @module
 */
import { FlagSet, type FlagsInput } from '@gssapi/raw';

/**
 * Base class of the high level's own errors (python-gssapi's `GeneralError`).
 *
 * @example
 * ```ts
 * try {
 *   ctx.decryptSync(signedOnly);
 * } catch (err) {
 *   if (err instanceof GeneralError) console.log('not a GSSAPI status, but still refused:', err.message);
 * }
 * ```
 */
export class GeneralError extends Error {
  /**
   * @param message - the text.
   * @param options - `cause`.
   * @example
   * ```ts
   * throw new GeneralError('something is off');
   * ```
   */
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * Confidentiality was asked for but the message is only integrity protected:
 * thrown by {@link SecurityContext.encrypt} when the mechanism did not encrypt
 * and by {@link SecurityContext.decrypt} when the peer's message was not
 * encrypted (the opened message is in {@link EncryptionNotUsed.unwrappedMessage}).
 *
 * @example
 * ```ts
 * try {
 *   ctx.decryptSync(token);
 * } catch (err) {
 *   if (err instanceof EncryptionNotUsed) console.log('signed only:', err.unwrappedMessage?.toString());
 * }
 * ```
 */
export class EncryptionNotUsed extends GeneralError {
  /**
   * The message as unwrapped (integrity checked, not encrypted), when the
   * error comes from decrypting; undefined when it comes from encrypting.
   *
   * @example
   * ```ts
   * err.unwrappedMessage?.toString('utf8'); // 'hello'
   * ```
   */
  readonly unwrappedMessage: Buffer | undefined;

  /**
   * @param message - the text (default: python-gssapi's wording).
   * @param options - `unwrappedMessage`, `cause`.
   * @example
   * ```ts
   * new EncryptionNotUsed(undefined, { unwrappedMessage: Buffer.from('hi') });
   * ```
   */
  constructor(
    message = 'Confidentiality was requested, but not used',
    options?: ErrorOptions & { unwrappedMessage?: Buffer },
  ) {
    super(message, options);
    this.unwrappedMessage = options?.unwrappedMessage;
  }
}

/**
 * The role of a security context (initiator or acceptor) cannot be
 * determined: an explicit `usage` other than `'initiate'` or `'accept'`, or a
 * raw context that is not established far enough to tell.
 *
 * @example
 * ```ts
 * try {
 *   new SecurityContext({ usage: 'both' as never });
 * } catch (err) {
 *   err instanceof UnknownUsageError; // true
 * }
 * ```
 */
export class UnknownUsageError extends GeneralError {
  /**
   * What the usage was wanted for, e.g. `'security context'`.
   *
   * @example
   * ```ts
   * err.objectKind; // 'security context'
   * ```
   */
  readonly objectKind: string;

  /**
   * @param objectKind - what the usage was wanted for.
   * @param detail - why it could not be determined.
   * @param options - `cause`.
   * @example
   * ```ts
   * new UnknownUsageError('security context', "usage must be 'initiate' or 'accept'");
   * ```
   */
  constructor(objectKind: string, detail?: string, options?: ErrorOptions) {
    super(`Unable to determine ${objectKind} usage${detail ? `: ${detail}` : ''}`, options);
    this.objectKind = objectKind;
  }
}

/**
 * The context completed without a flag given in `requireFlags`. The context
 * has been deleted; every later call on it throws this error again.
 *
 * @example
 * ```ts
 * const ctx = new SecurityContext({ name, requireFlags: ['confidentiality'] });
 * try {
 *   for await (const token of ctx.steps(incoming)) send(token);
 * } catch (err) {
 *   if (err instanceof MissingFlagsError) console.log('peer did not grant', err.missing.names());
 * }
 * ```
 */
export class MissingFlagsError extends GeneralError {
  /**
   * The required flags the context lacks.
   *
   * @example
   * ```ts
   * err.missing.has('confidentiality'); // true
   * ```
   */
  readonly missing: FlagSet;
  /**
   * All flags that were required.
   *
   * @example
   * ```ts
   * err.required.names(); // ['mutualAuthentication', 'confidentiality']
   * ```
   */
  readonly required: FlagSet;
  /**
   * The flags the completed context has.
   *
   * @example
   * ```ts
   * err.actual.names(); // ['mutualAuthentication', 'integrity']
   * ```
   */
  readonly actual: FlagSet;

  /**
   * @param required - the flags that were required.
   * @param actual - the flags the context has.
   * @example
   * ```ts
   * new MissingFlagsError(['confidentiality'], 0x22).missing.names(); // ['confidentiality']
   * ```
   */
  constructor(required: FlagsInput, actual: FlagsInput) {
    const req = FlagSet.from(required, 'required');
    const act = FlagSet.from(actual, 'actual');
    const missing = FlagSet.from((req.value & ~act.value) >>> 0);
    super(
      `the security context was established without the required flag${missing.size === 1 ? '' : 's'} ` +
        `${missing.names().join(', ')} (granted: ${act.names().join(', ') || 'none'})`,
    );
    this.required = req;
    this.actual = act;
    this.missing = missing;
  }
}

/**
 * What state a {@link SecurityContext} is in.
 *
 * - `'new'`: no step yet;
 * - `'partial'`: establishment has started;
 * - `'complete'`: established;
 * - `'failed'`: a step failed (the error is thrown again by later calls);
 * - `'aborted'`: a step was cancelled by an `AbortSignal`;
 * - `'exported'`: moved into a token by {@link SecurityContext.export};
 * - `'deleted'`: deleted or disposed.
 *
 * @example
 * ```ts
 * const state: ContextState = ctx.state; // 'complete'
 * ```
 */
export type ContextState = 'new' | 'partial' | 'complete' | 'failed' | 'aborted' | 'exported' | 'deleted';

/**
 * A call the context's state does not allow: reading a property before
 * establishment started, stepping a complete context, using a context after
 * it was exported, deleted or abandoned by an aborted step.
 *
 * @example
 * ```ts
 * const ctx = new SecurityContext({ name });
 * try {
 *   ctx.mech;
 * } catch (err) {
 *   if (err instanceof ContextStateError) console.log(err.state, err.message); // 'new', 'Cannot read mech ...'
 * }
 * ```
 */
export class ContextStateError extends GeneralError {
  /**
   * The state the context was in.
   *
   * @example
   * ```ts
   * err.state; // 'exported'
   * ```
   */
  readonly state: ContextState;

  /**
   * @param state - the context's state.
   * @param message - the text.
   * @param options - `cause`.
   * @example
   * ```ts
   * new ContextStateError('deleted', 'the security context has been deleted');
   * ```
   */
  constructor(state: ContextState, message: string, options?: ErrorOptions) {
    super(message, options);
    this.state = state;
  }
}

/**
 * The peer's tokens ended (the transport closed, the iterable finished)
 * before the security context was complete.
 *
 * @example
 * ```ts
 * try {
 *   for await (const token of ctx.steps([])) send(token);
 * } catch (err) {
 *   err instanceof NegotiationIncompleteError; // true: the acceptor got no token at all
 * }
 * ```
 */
export class NegotiationIncompleteError extends GeneralError {}

/**
 * The error an aborted operation rejects with: a `DOMException` named
 * `'AbortError'` whose `cause` is the signal's reason, as node:timers/promises does.
 * @internal
 */
export function abortError(signal: AbortSignal): DOMException {
  return new DOMException('The operation was aborted', { name: 'AbortError', cause: signal.reason });
}
