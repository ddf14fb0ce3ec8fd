/**
 * Type-level checks of @gssapi/high's public API, compiled (never run) by
 * types.test.ts with `tsc --noEmit -p test/high/tsconfig.json`. Each
 * `expect<Equal<A, B>>()` fails to compile unless A and B are the same type;
 * each `@ts-expect-error` line must not compile.
 */
import * as raw from '@gssapi/raw';
import type { Observable } from 'rxjs';
import {
  type AcquireOptions,
  type ContextInfo,
  type ContextState,
  type ContextStateError,
  type ContextUsage,
  Credentials,
  type CredentialsInfo,
  type DEFAULT_FLAGS,
  type EncryptionNotUsed,
  type EstablishedEvent,
  type ExtensionUnavailableError,
  type FlagSet,
  type FramedTransport,
  type GSSError,
  type GssSampleFlag,
  type GssSampleFrame,
  type GssSampleTransport,
  gssSampleTransport,
  lengthPrefixedTransport,
  Mechanism,
  MechType,
  type MemoryTransport,
  MissingFlagsError,
  memoryTransportPair,
  Name,
  type NameAttribute,
  type NameAttributes,
  NameType,
  type NegotiationEvent,
  NegotiationIncompleteError,
  negotiate,
  type OID,
  type OIDSet,
  RequirementFlag,
  SecurityContext,
  type SecurityContextOptions,
  type TokenSource,
  type Transport,
  UnknownUsageError,
  type UnwrapResult,
  type Usage,
  type WrapResult,
} from '../../../packages/high/src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expect<T extends true>(): T | undefined {
  return undefined;
}
declare function value<T>(): T;

// ------------------------------------------------------------------ re-exports are the raw layer's

expect<Equal<typeof NameType, typeof raw.NameType>>();
expect<Equal<typeof MechType, typeof raw.MechType>>();
expect<Equal<typeof RequirementFlag, typeof raw.RequirementFlag>>();
expect<Equal<FlagSet, raw.FlagSet>>();
expect<Equal<OID, raw.OID>>();
expect<Equal<GSSError, raw.GSSError>>();
expect<Equal<ExtensionUnavailableError, raw.ExtensionUnavailableError>>();
expect<Equal<Usage, 'initiate' | 'accept' | 'both'>>();
expect<Equal<ContextUsage, 'initiate' | 'accept'>>();
expect<Equal<ContextState, 'new' | 'partial' | 'complete' | 'failed' | 'aborted' | 'exported' | 'deleted'>>();
expect<Equal<typeof DEFAULT_FLAGS, FlagSet>>();

// ------------------------------------------------------------------ Name

const name = new Name('host@localhost', NameType.hostbasedService);
new Name(Buffer.from('user'));
new Name(raw.importNameSync('user'));
new Name(name);
// @ts-expect-error a number is not a name
new Name(42);
expect<Equal<ReturnType<Name['toString']>, string>>();
expect<Equal<Name['nameType'], OID | undefined>>();
expect<Equal<Name['raw'], raw.Name>>();
expect<Equal<ReturnType<Name['canonicalize']>, Promise<Name>>>();
expect<Equal<ReturnType<Name['canonicalizeSync']>, Name>>();
expect<Equal<ReturnType<Name['export']>, Promise<Buffer>>>();
expect<Equal<ReturnType<Name['exportSync']>, Buffer>>();
expect<Equal<ReturnType<Name['displayAs']>, Promise<string>>>();
expect<Equal<ReturnType<Name['duplicateSync']>, Name>>();
expect<Equal<ReturnType<Name['equals']>, boolean>>();
expect<Equal<Name['isMechName'], boolean>>();
expect<Equal<Name['mech'], Mechanism | undefined>>();
expect<Equal<Name['attributes'], NameAttributes>>();
expect<Equal<ReturnType<NameAttributes['get']>, NameAttribute | undefined>>();
expect<Equal<NameAttribute['values'], readonly Buffer[]>>();
expect<Equal<ReturnType<typeof Name.fromToken>, Name>>();
expect<Equal<ReturnType<typeof Name.fromRaw>, Name>>();
name.exportSync({ composite: true });
name.attributes.set('urn:x', ['a', Buffer.from('b')], { complete: true });
for (const [attr, { authenticated }] of name.attributes) {
  expect<Equal<typeof attr, string>>();
  expect<Equal<typeof authenticated, boolean>>();
}
const disposable: Disposable = name;

// ------------------------------------------------------------------ Credentials

expect<Equal<ReturnType<typeof Credentials.acquire>, Promise<Credentials>>>();
expect<Equal<ReturnType<typeof Credentials.acquireSync>, Credentials>>();
expect<Equal<ReturnType<typeof Credentials.import>, Promise<Credentials>>>();
expect<Equal<Credentials['name'], Name | undefined>>();
expect<Equal<Credentials['lifetime'], number>>();
expect<Equal<Credentials['mechs'], OIDSet>>();
expect<Equal<Credentials['usage'], Usage>>();
expect<Equal<Credentials['raw'], raw.Creds>>();
expect<Equal<ReturnType<Credentials['inquire']>, Promise<CredentialsInfo>>>();
expect<Equal<ReturnType<Credentials['add']>, Promise<Credentials>>>();
expect<Equal<ReturnType<Credentials['store']>, Promise<raw.StoreCredResult>>>();
expect<Equal<ReturnType<Credentials['impersonate']>, Promise<Credentials>>>();
expect<Equal<ReturnType<Credentials['export']>, Promise<Buffer>>>();
expect<Equal<ReturnType<Credentials['exportSync']>, Buffer>>();
const acquire: AcquireOptions = {
  name,
  lifetime: 60,
  mechs: [MechType.kerberos],
  usage: 'accept',
  store: { ccache: 'MEMORY:x' },
};
Credentials.acquire({ usage: 'accept' });
Credentials.acquire({ name, password: 'secret' });
// @ts-expect-error usage is 'initiate' | 'accept' | 'both'
Credentials.acquire({ usage: 'server' });
// @ts-expect-error store values are strings
Credentials.acquire({ store: { ccache: 1 } });

// ------------------------------------------------------------------ SecurityContext

const creds = value<Credentials>();
const options: SecurityContextOptions = {
  name,
  creds,
  flags: ['mutualAuthentication', RequirementFlag.confidentiality],
  mech: MechType.spnego,
  lifetime: 3600,
  channelBindings: raw.ChannelBindings.tlsServerEndPoint(Buffer.alloc(32)),
  usage: 'initiate',
  requireFlags: ['mutualAuthentication'],
};
const ctx = new SecurityContext(options);
new SecurityContext({ usage: 'accept', creds: creds.raw });
new SecurityContext(value<raw.SecurityContext>());
// @ts-expect-error a context is an initiator or an acceptor, not both
new SecurityContext({ usage: 'both' });
// @ts-expect-error flags are RequirementFlag members or names
new SecurityContext({ name, flags: ['mutual'] });
expect<Equal<ReturnType<typeof SecurityContext.import>, Promise<SecurityContext>>>();
expect<Equal<ReturnType<typeof SecurityContext.importSync>, SecurityContext>>();
expect<Equal<ReturnType<typeof SecurityContext.fromRaw>, SecurityContext>>();
expect<Equal<ReturnType<SecurityContext['step']>, Promise<Buffer | undefined>>>();
expect<Equal<ReturnType<SecurityContext['stepSync']>, Buffer | undefined>>();
expect<Equal<ReturnType<SecurityContext['steps']>, AsyncGenerator<Buffer, void, undefined>>>();
expect<Equal<SecurityContext['complete'], boolean>>();
expect<Equal<SecurityContext['usage'], ContextUsage>>();
expect<Equal<SecurityContext['state'], ContextState>>();
expect<Equal<SecurityContext['initiatorName'], Name | undefined>>();
expect<Equal<SecurityContext['targetName'], Name | undefined>>();
expect<Equal<SecurityContext['mech'], Mechanism | undefined>>();
expect<Equal<SecurityContext['actualFlags'], FlagSet>>();
expect<Equal<SecurityContext['locallyInitiated'], boolean>>();
expect<Equal<SecurityContext['lifetime'], number>>();
expect<Equal<SecurityContext['delegatedCreds'], Credentials | undefined>>();
expect<Equal<SecurityContext['raw'], raw.SecurityContext>>();
expect<Equal<ReturnType<SecurityContext['inquire']>, Promise<ContextInfo>>>();
expect<Equal<ReturnType<SecurityContext['wrap']>, Promise<WrapResult>>>();
expect<Equal<ReturnType<SecurityContext['wrapSync']>, WrapResult>>();
expect<Equal<ReturnType<SecurityContext['unwrap']>, Promise<UnwrapResult>>>();
expect<Equal<ReturnType<SecurityContext['encrypt']>, Promise<Buffer>>>();
expect<Equal<ReturnType<SecurityContext['encryptSync']>, Buffer>>();
expect<Equal<ReturnType<SecurityContext['decrypt']>, Promise<Buffer>>>();
expect<Equal<ReturnType<SecurityContext['getSignature']>, Promise<Buffer>>>();
expect<Equal<ReturnType<SecurityContext['verifySignature']>, Promise<number>>>();
expect<Equal<ReturnType<SecurityContext['getWrapSizeLimit']>, Promise<number>>>();
expect<Equal<ReturnType<SecurityContext['getWrapSizeLimitSync']>, number>>();
expect<Equal<ReturnType<SecurityContext['export']>, Promise<Buffer>>>();
expect<Equal<ReturnType<SecurityContext['delete']>, Promise<void>>>();
ctx.wrapSync(Buffer.from('x'), false);
ctx.encryptSync('text is UTF-8');
ctx.step(undefined, { signal: AbortSignal.timeout(1000) });
// @ts-expect-error tokens are bytes
ctx.step('token');
// @ts-expect-error messages are bytes or text
ctx.wrapSync(42, true);
const source: TokenSource = [Buffer.alloc(1)];
(async () => {
  for await (const token of ctx.steps(source, { signal: AbortSignal.abort() })) {
    expect<Equal<typeof token, Buffer>>();
  }
})();
{
  using scoped = new SecurityContext({ name });
  expect<Equal<typeof scoped, SecurityContext>>();
}

// ------------------------------------------------------------------ upgrade path: raw functions take high-level objects

raw.displayNameSync(name);
raw.inquireCredSync(creds);
raw.inquireContextSync(ctx);
raw.wrapSync(ctx, 'x');
raw.initSecContextSync(name, { creds, context: ctx });
const likes: [raw.NameLike, raw.CredsLike, raw.SecurityContextLike] = [name, creds, ctx];

// ------------------------------------------------------------------ Mechanism

const krb5 = Mechanism.from(MechType.kerberos);
const asOid: OID = krb5;
expect<Equal<ReturnType<typeof Mechanism.all>, Promise<Mechanism[]>>>();
expect<Equal<ReturnType<typeof Mechanism.allSync>, Mechanism[]>>();
expect<Equal<ReturnType<typeof Mechanism.fromSaslName>, Promise<Mechanism>>>();
expect<Equal<ReturnType<typeof Mechanism.fromAttrsSync>, Mechanism[]>>();
expect<Equal<ReturnType<typeof Mechanism.fromNameSync>, Mechanism[]>>();
expect<Equal<Mechanism['nameTypes'], OIDSet>>();
expect<Equal<Mechanism['saslName'], string>>();
expect<Equal<Mechanism['description'], string>>();
expect<Equal<Mechanism['attrs'], OIDSet>>();
raw.inquireNamesForMechSync(krb5);

// ------------------------------------------------------------------ negotiate, events, transports

const transport: Transport = { send: (_token: Buffer) => undefined, receive: async () => undefined };
const flow = negotiate(ctx, transport, { sendErrorToken: true, signal: AbortSignal.timeout(5000) });
expect<Equal<typeof flow, Observable<NegotiationEvent>>>();
flow.subscribe((event) => {
  if (event.type === 'established') {
    expect<Equal<typeof event, EstablishedEvent>>();
    expect<Equal<typeof event.context, SecurityContext>>();
    expect<Equal<typeof event.actualFlags, FlagSet>>();
  } else {
    expect<Equal<typeof event.token, Buffer>>();
    // @ts-expect-error only 'established' carries the context
    event.context;
  }
});
const socket = value<import('node:net').Socket>();
const framed: FramedTransport = lengthPrefixedTransport(socket, { maxLength: 1024 });
const sample: GssSampleTransport = gssSampleTransport(socket);
const frame = value<GssSampleFrame>();
expect<Equal<typeof frame.flags, number>>();
expect<Equal<ReturnType<GssSampleTransport['receiveFrame']>, Promise<GssSampleFrame | undefined>>>();
expect<Equal<typeof GssSampleFlag.contextNext, number>>();
const pair: [MemoryTransport, MemoryTransport] = memoryTransportPair();
const asTransport: Transport = framed;
const asSource: TokenSource = sample;
negotiate(ctx, pair[0]);

// ------------------------------------------------------------------ errors

expect<Equal<MissingFlagsError['missing'], FlagSet>>();
expect<Equal<EncryptionNotUsed['unwrappedMessage'], Buffer | undefined>>();
expect<Equal<ContextStateError['state'], ContextState>>();
expect<Equal<GSSError['token'], Buffer | undefined>>();
const errors: Error[] = [
  new UnknownUsageError('security context'),
  new NegotiationIncompleteError('x'),
  new MissingFlagsError(['confidentiality'], 0),
];

export { acquire, asOid, asSource, asTransport, disposable, errors, likes };
