/**
 * {@link negotiate}: context establishment over a {@link Transport} as an
 * rxjs `Observable` of {@link NegotiationEvent}s.
 *
 * @module
 */
import { type FlagSet, GSSError } from '@gssapi/raw';
import { Observable } from 'rxjs';
import type { Credentials } from './creds.js';
import type { Mechanism } from './mechs.js';
import type { Name } from './names.js';
import type { SecurityContext } from './sec_contexts.js';
import { signalArg } from './steps.js';

/**
 * Options of {@link Transport.receive}.
 *
 * @example
 * ```ts
 * await transport.receive({ signal: AbortSignal.timeout(5000) });
 * ```
 */
export interface ReceiveOptions {
  /**
   * Stops waiting: the promise rejects with an `AbortError`.
   *
   * @example
   * ```ts
   * transport.receive({ signal: controller.signal });
   * ```
   */
  signal?: AbortSignal;
}

/**
 * How {@link negotiate} talks to the peer: send a token, receive the next
 * one. {@link lengthPrefixedTransport} and {@link gssSampleTransport} adapt
 * a socket; any object with these two methods will do (HTTP, a message
 * queue, a test double).
 *
 * @example
 * ```ts
 * const transport: Transport = {
 *   send: (token) => ws.send(token),
 *   receive: () => nextMessage(ws),
 * };
 * ```
 */
export interface Transport {
  /**
   * Sends one token to the peer.
   *
   * @param token - the token.
   * @example
   * ```ts
   * await transport.send(token);
   * ```
   */
  send(token: Buffer): void | Promise<void>;
  /**
   * The peer's next token; undefined (or null) when the peer closed the
   * connection. Should reject with an `AbortError` when `options.signal` aborts.
   *
   * @param options - `signal`.
   * @returns the token, or undefined at the end.
   * @example
   * ```ts
   * const token = await transport.receive();
   * ```
   */
  receive(options?: ReceiveOptions): Promise<Uint8Array | null | undefined> | Uint8Array | null | undefined;
}

/**
 * A token was sent to the peer.
 *
 * @example
 * ```ts
 * if (event.type === 'sent') console.log('sent', event.token.length, 'bytes');
 * ```
 */
export interface TokenSentEvent {
  /**
   * The event kind.
   *
   * @example
   * ```ts
   * event.type === 'sent'
   * ```
   */
  readonly type: 'sent';
  /**
   * The token.
   *
   * @example
   * ```ts
   * event.token.length; // 697
   * ```
   */
  readonly token: Buffer;
  /**
   * True for the error token sent after a failed step, just before the error.
   *
   * @example
   * ```ts
   * if (event.error) console.log('told the peer why it failed');
   * ```
   */
  readonly error: boolean;
}

/**
 * A token arrived from the peer.
 *
 * @example
 * ```ts
 * if (event.type === 'received') console.log('received', event.token.length, 'bytes');
 * ```
 */
export interface TokenReceivedEvent {
  /**
   * The event kind.
   *
   * @example
   * ```ts
   * event.type === 'received'
   * ```
   */
  readonly type: 'received';
  /**
   * The token.
   *
   * @example
   * ```ts
   * event.token.length; // 156
   * ```
   */
  readonly token: Buffer;
}

/**
 * The context is established; the last event before completion. Carries
 * the context and its final properties.
 *
 * @example
 * ```ts
 * if (event.type === 'established') console.log(`${event.initiatorName}`, event.mech?.dottedForm);
 * ```
 */
export interface EstablishedEvent {
  /**
   * The event kind.
   *
   * @example
   * ```ts
   * event.type === 'established'
   * ```
   */
  readonly type: 'established';
  /**
   * The established context.
   *
   * @example
   * ```ts
   * event.context.encryptSync('ready');
   * ```
   */
  readonly context: SecurityContext;
  /**
   * The mechanism used.
   *
   * @example
   * ```ts
   * event.mech?.equals(MechType.kerberos); // true
   * ```
   */
  readonly mech: Mechanism | undefined;
  /**
   * The services the context offers.
   *
   * @example
   * ```ts
   * event.actualFlags.has('mutualAuthentication'); // true
   * ```
   */
  readonly actualFlags: FlagSet;
  /**
   * The initiator.
   *
   * @example
   * ```ts
   * `${event.initiatorName}`; // 'user@KRBTEST.COM'
   * ```
   */
  readonly initiatorName: Name | undefined;
  /**
   * The acceptor.
   *
   * @example
   * ```ts
   * `${event.targetName}`; // 'host/localhost@KRBTEST.COM'
   * ```
   */
  readonly targetName: Name | undefined;
  /**
   * Seconds the context stays valid (Infinity: indefinite).
   *
   * @example
   * ```ts
   * event.lifetime; // 86399
   * ```
   */
  readonly lifetime: number;
  /**
   * Whether this side initiated.
   *
   * @example
   * ```ts
   * event.locallyInitiated; // false on the acceptor
   * ```
   */
  readonly locallyInitiated: boolean;
  /**
   * Credentials the initiator delegated (acceptor side).
   *
   * @example
   * ```ts
   * event.delegatedCreds?.storeSync({ store: { ccache: 'MEMORY:deleg' } });
   * ```
   */
  readonly delegatedCreds: Credentials | undefined;
}

/**
 * What {@link negotiate} emits.
 *
 * @example
 * ```ts
 * negotiate(ctx, transport).subscribe((event: NegotiationEvent) => {
 *   switch (event.type) {
 *     case 'sent': case 'received': console.log(event.type, event.token.length); break;
 *     case 'established': console.log('done', event.actualFlags.names()); break;
 *   }
 * });
 * ```
 */
export type NegotiationEvent = TokenSentEvent | TokenReceivedEvent | EstablishedEvent;

/**
 * Options of {@link negotiate}.
 *
 * @example
 * ```ts
 * negotiate(ctx, transport, { sendErrorToken: false });
 * ```
 */
export interface NegotiateOptions {
  /**
   * When a step fails with a token for the peer (e.g. a KRB-ERROR), send it
   * before erroring (default true).
   *
   * @example
   * ```ts
   * negotiate(ctx, transport, { sendErrorToken: true });
   * ```
   */
  sendErrorToken?: boolean;
  /**
   * Cancels the negotiation like unsubscribing does, erroring with an `AbortError`.
   *
   * @example
   * ```ts
   * negotiate(ctx, transport, { signal: AbortSignal.timeout(10_000) });
   * ```
   */
  signal?: AbortSignal;
}

function toBuffer(token: Uint8Array): Buffer {
  return Buffer.isBuffer(token) ? token : Buffer.from(token.buffer, token.byteOffset, token.byteLength);
}

/**
 * Establishes `context` over `transport` and reports it as an rxjs 7
 * `Observable`: a `'received'` event per token from the peer, a `'sent'`
 * event per token sent, then `'established'` with the context's final
 * properties, then completion. It errors with the step's {@link GSSError}
 * (after sending the error token to the peer, if any), with
 * {@link NegotiationIncompleteError} when the peer closes early, or with
 * the transport's error.
 *
 * The Observable is cold: nothing happens until it is subscribed. Unsubscribing
 * before completion (or an error) deletes the context; a GSSAPI call already
 * running on a worker thread finishes first.
 *
 * @param context - a new (or partly established) context.
 * @param transport - how to reach the peer.
 * @param options - `sendErrorToken`, `signal`.
 * @returns the events.
 * @example
 * ```ts
 * import { lastValueFrom } from 'rxjs';
 * const client = new SecurityContext({ name: new Name('host@localhost', NameType.hostbasedService) });
 * const done = await lastValueFrom(negotiate(client, lengthPrefixedTransport(socket)));
 * if (done.type === 'established') console.log(done.mech?.dottedForm, done.actualFlags.names());
 * ```
 */
export function negotiate(
  context: SecurityContext,
  transport: Transport,
  options?: NegotiateOptions,
): Observable<NegotiationEvent> {
  if (
    transport === null ||
    typeof transport !== 'object' ||
    typeof transport.send !== 'function' ||
    typeof transport.receive !== 'function'
  ) {
    throw new TypeError('transport must have send(token) and receive() methods');
  }
  const outer = signalArg(options?.signal);
  const sendErrorToken = options?.sendErrorToken ?? true;
  return new Observable<NegotiationEvent>((subscriber) => {
    const controller = new AbortController();
    const signal = controller.signal;
    const onOuterAbort = () => controller.abort(outer?.reason);
    outer?.addEventListener('abort', onOuterAbort, { once: true });
    if (outer?.aborted) controller.abort(outer.reason);
    let settled = false;
    let failed = false;
    const incoming: AsyncIterable<Uint8Array> = {
      async *[Symbol.asyncIterator]() {
        for (;;) {
          const token = await transport.receive({ signal });
          if (token === undefined || token === null) return;
          if (!(token instanceof Uint8Array)) throw new TypeError('transport.receive() must return Uint8Array tokens');
          const buffer = toBuffer(token);
          if (!signal.aborted) subscriber.next({ type: 'received', token: buffer });
          yield buffer;
        }
      },
    };
    (async () => {
      try {
        for await (const token of context.steps(incoming, { signal })) {
          await transport.send(token);
          if (!signal.aborted) subscriber.next({ type: 'sent', token, error: false });
        }
        const event: EstablishedEvent = Object.freeze({
          type: 'established',
          context,
          mech: context.mech,
          actualFlags: context.actualFlags,
          initiatorName: context.initiatorName,
          targetName: context.targetName,
          lifetime: context.lifetime,
          locallyInitiated: context.locallyInitiated,
          delegatedCreds: context.delegatedCreds,
        });
        settled = true;
        subscriber.next(event);
        subscriber.complete();
      } catch (error) {
        if (sendErrorToken && error instanceof GSSError && error.token && !signal.aborted) {
          try {
            await transport.send(error.token);
            subscriber.next({ type: 'sent', token: error.token, error: true });
          } catch {
            // The peer is gone too; the step's error is the one to report.
          }
        }
        settled = true;
        failed = true;
        subscriber.error(error);
      }
    })();
    return () => {
      outer?.removeEventListener('abort', onOuterAbort);
      // Unsubscribed before the end, or ended by an error (even one after the
      // context completed, such as the last send failing): delete the context.
      if (!settled || failed || context.state !== 'complete') {
        controller.abort(new Error('negotiate() was unsubscribed'));
        context[Symbol.dispose]();
      }
    };
  });
}
