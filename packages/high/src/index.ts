/**
 * `@gssapi/high`: the object model over `@gssapi/raw`, mirroring
 * python-gssapi's high-level API: {@link Name}, {@link Credentials},
 * {@link SecurityContext} and {@link Mechanism}, with lazy properties,
 * `for await` establishment ({@link SecurityContext.steps}), an rxjs
 * negotiation Observable ({@link negotiate}) over framed transports, and
 * disposal (`using`).
 *
 * Every object exposes the raw handle it wraps (`.raw`) and raw functions
 * accept the high-level objects directly. The raw enums, types and errors
 * users need are re-exported here.
 *
 * @example
 * ```ts
 * import { Credentials, Name, NameType, SecurityContext } from '@gssapi/high';
 *
 * const server = new SecurityContext({ usage: 'accept', creds: await Credentials.acquire({ usage: 'accept' }) });
 * const client = new SecurityContext({ name: new Name('host@localhost', NameType.hostbasedService) });
 * let token = await client.step();
 * while (token) {
 *   const reply = await server.step(token);
 *   token = reply && !client.complete ? await client.step(reply) : undefined;
 * }
 * console.log(`${server.initiatorName}`, client.mech?.dottedForm, client.actualFlags.names(), client.lifetime);
 * const sealed = client.encryptSync(Buffer.from('hi'));
 * ```
 *
 * @packageDocumentation
 */
export {
  AddressType,
  BadChannelBindingsError,
  BadMechanismError,
  BadMICError,
  BadNameError,
  BadNameTypeError,
  BadQoPError,
  BadStatusError,
  ChannelBindings,
  ContextReadError,
  ContextWriteError,
  CredentialsReadError,
  CredentialsWriteError,
  type CredStore,
  DuplicateCredentialsElementError,
  DuplicateTokenError,
  ExpiredContextError,
  ExpiredCredentialsError,
  ExpiredTokenError,
  ExtensionUnavailableError,
  extensions,
  FlagSet,
  type FlagsInput,
  GSSError,
  InvalidCredentialsError,
  InvalidTokenError,
  MalformedParameterError,
  MechanismNameRequiredError,
  MechType,
  MissingContextError,
  MissingCredentialsError,
  NameReadError,
  NameTypeReadError,
  OID,
  OIDSet,
  OperationUnavailableError,
  ParameterReadError,
  ParameterWriteError,
  RequirementFlag,
  type RequirementFlagName,
  SupplementaryError,
  TokenOutOfSequenceError,
  TokenReadError,
  TokenTooEarlyError,
  TokenTooLateError,
  UnauthorizedError,
} from '@gssapi/raw';
export {
  type AcquireOptions,
  type AddOptions,
  Credentials,
  type CredentialsInfo,
  type CredentialsMechInfo,
  type ImpersonateOptions,
  type StoreOptions,
} from './creds.js';
export {
  type ContextState,
  ContextStateError,
  EncryptionNotUsed,
  GeneralError,
  MissingFlagsError,
  NegotiationIncompleteError,
  UnknownUsageError,
} from './errors.js';
export { Mechanism, type MechanismAttrsQuery } from './mechs.js';
export {
  Name,
  type NameAttribute,
  NameAttributes,
  type NameAttributeValue,
  type NameExportOptions,
  type NameFromTokenOptions,
  type NameInput,
} from './names.js';
export {
  type EstablishedEvent,
  type NegotiateOptions,
  type NegotiationEvent,
  negotiate,
  type ReceiveOptions,
  type TokenReceivedEvent,
  type TokenSentEvent,
  type Transport,
} from './negotiate.js';
export { NameType, type StoreCredResult, type UnwrapResult, type Usage, type WrapResult } from './reexports.js';
export {
  type ContextInfo,
  type ContextUsage,
  DEFAULT_FLAGS,
  type DeleteOptions,
  SecurityContext,
  type SecurityContextOptions,
  type StepOptions,
} from './sec_contexts.js';
export type { TokenSource } from './steps.js';
export {
  type FramedTransport,
  type FramingOptions,
  GssSampleFlag,
  type GssSampleFrame,
  type GssSampleTransport,
  gssSampleTransport,
  lengthPrefixedTransport,
  type MemoryTransport,
  memoryTransportPair,
} from './transports.js';
