/**
 * SecurityContext with step()/stepSync() against the real KDC: the loop
 * (krb5 and SPNEGO), usage inference, security defaults, lazy properties
 * against raw inquiries (not started, partial, complete, cached), error
 * tokens and failed contexts, requireFlags, channel bindings, per-message
 * protection (wrap/unwrap, encrypt/decrypt, signatures, size limit),
 * export/import, delete and disposal, fromRaw, serialisation of async calls.
 */
import path from 'node:path';
import * as raw from '@gssapi/raw';
import test from 'ava';
import {
  BadChannelBindingsError,
  BadMICError,
  ChannelBindings,
  ContextStateError,
  Credentials,
  DEFAULT_FLAGS,
  DuplicateTokenError,
  EncryptionNotUsed,
  FlagSet,
  GSSError,
  InvalidTokenError,
  Mechanism,
  MechType,
  MissingFlagsError,
  Name,
  NameType,
  SecurityContext,
  UnknownUsageError,
} from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { establish, establishSync, failsWith, hostName, httpName, pairSync } from './_helpers.js';

const fixture = await useRealm(test);

function sameName(t: import('ava').ExecutionContext, high: Name | undefined, low: raw.Name | undefined): void {
  t.truthy(high);
  t.truthy(low);
  t.is(`${high}`, raw.displayNameSync(low as raw.Name).name);
  t.true(high?.equals(low as raw.Name));
}

test('the sync loop establishes krb5 with mutual authentication in two legs', (t) => {
  const { client, server, legs } = pairSync();
  t.deepEqual(
    legs.map((l) => l.from),
    ['client', 'server'],
  );
  t.true(client.complete);
  t.true(server.complete);
  t.is(client.state, 'complete');
  t.is(`${server.initiatorName}`, fixture.realm.userPrincipal);
  t.is(`${client.targetName}`, fixture.realm.hostPrincipal);
  t.true(client.mech?.equals(MechType.kerberos));
});

test('the async loop (the DESIGN.md sketch) establishes too', async (t) => {
  const server = new SecurityContext({ usage: 'accept', creds: await Credentials.acquire({ usage: 'accept' }) });
  const client = new SecurityContext({ name: hostName(), flags: ['mutualAuthentication', 'confidentiality'] });
  let token = await client.step();
  while (token) {
    const reply = await server.step(token);
    token = reply && !client.complete ? await client.step(reply) : undefined;
  }
  t.true(client.complete && server.complete);
  const sealed = client.encryptSync(Buffer.from('hi'));
  t.is(server.decryptSync(sealed).toString(), 'hi');
});

test('lazy properties of complete contexts equal the raw inquiries, on both sides', (t) => {
  const { client, server } = pairSync();
  for (const ctx of [client, server]) {
    const r = raw.inquireContextSync(ctx.raw);
    sameName(t, ctx.initiatorName, r.initiatorName);
    sameName(t, ctx.targetName, r.targetName);
    t.true(ctx.mech instanceof Mechanism);
    t.true(ctx.mech?.equals(r.mech as raw.OID));
    t.true(ctx.actualFlags.equals(r.flags as FlagSet));
    t.is(ctx.locallyInitiated, r.locallyInit);
    t.is(ctx.complete, r.complete);
    t.true(Math.abs(ctx.lifetime - raw.contextTimeSync(ctx.raw)) <= 1);
  }
  t.true(client.locallyInitiated);
  t.false(server.locallyInitiated);
});

test('properties that can no longer change are cached once complete; lifetime is not', (t) => {
  const { client } = pairSync();
  t.is(client.initiatorName, client.initiatorName);
  t.is(client.targetName, client.targetName);
  t.is(client.mech, client.mech);
  t.is(client.actualFlags, client.actualFlags);
  const name = client.initiatorName as Name;
  name.release();
  t.not(client.initiatorName, name, 'a released cached name is read again');
  t.is(`${client.initiatorName}`, fixture.realm.userPrincipal);
  t.is(typeof client.lifetime, 'number');
});

test('a context that has not started gives clear errors, not undefined', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  t.is(client.state, 'new');
  t.false(client.complete);
  for (const read of [
    () => client.initiatorName,
    () => client.targetName,
    () => client.mech,
    () => client.actualFlags,
    () => client.locallyInitiated,
    () => client.lifetime,
    () => client.delegatedCreds,
    () => client.inquireSync(),
  ]) {
    const error = t.throws(read, { instanceOf: ContextStateError, message: /has not started/ });
    t.is(error?.state, 'new');
  }
  t.throws(() => client.raw, { instanceOf: ContextStateError, message: /call step\(\) first/ });
  t.throws(() => client.wrapSync('x'), { instanceOf: ContextStateError });
  await failsWith(t, () => client.getSignature('x'), ContextStateError);
  t.throws(() => raw.inquireContextSync(client), { instanceOf: ContextStateError }, 'raw functions say so too');
});

test('a partial context re-reads what can change and reports what the library knows', (t) => {
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept' });
  const first = client.stepSync() as Buffer;
  t.is(client.state, 'partial');
  t.false(client.complete);
  const r = raw.inquireContextSync(client.raw);
  t.false(r.complete as boolean);
  t.true(client.mech?.equals(r.mech as raw.OID));
  t.true(client.actualFlags.equals(r.flags as FlagSet));
  t.not(client.actualFlags, client.actualFlags, 're-read while partial');
  t.true(client.locallyInitiated);
  t.is(client.targetName, undefined, 'MIT reports no target name before completion');
  // gss_context_time refuses a partial krb5 context; the getter falls back to the step's lifetime.
  t.throws(() => raw.contextTimeSync(client.raw), { instanceOf: raw.MissingContextError });
  t.true(client.lifetime > 0);
  const reply = server.stepSync(first);
  client.stepSync(reply);
  t.true(client.complete);
  t.is(`${client.targetName}`, fixture.realm.hostPrincipal);
});

test('security defaults: initiators request mutual, sequence, confidentiality and integrity', (t) => {
  const client = new SecurityContext({ name: hostName() });
  t.true(client.requestedFlags.equals(DEFAULT_FLAGS));
  t.deepEqual(DEFAULT_FLAGS.names(), [
    'mutualAuthentication',
    'outOfSequenceDetection',
    'confidentiality',
    'integrity',
  ]);
  const server = new SecurityContext({ usage: 'accept' });
  establishSync(client, server);
  for (const flag of DEFAULT_FLAGS) t.true(server.actualFlags.has(flag), RequirementName(flag));
  // Asking for nothing gets no mutual authentication: a single leg.
  const { legs, client: bare } = pairSync({ flags: [] });
  t.deepEqual(
    legs.map((l) => l.from),
    ['client'],
  );
  t.false(bare.actualFlags.has('mutualAuthentication'));
  // requireFlags are always requested.
  t.true(
    new SecurityContext({ name: hostName(), flags: [], requireFlags: ['replayDetection'] }).requestedFlags.has(
      'replayDetection',
    ),
  );
});

function RequirementName(flag: number): string {
  return FlagSet.from(flag).names().join();
}

test('usage: explicit, else from the credentials, else initiate with a name and accept without', (t) => {
  const accept = Credentials.acquireSync({ usage: 'accept' });
  const initiate = Credentials.acquireSync({ usage: 'initiate' });
  const both = Credentials.acquireSync({ usage: 'both' });
  t.is(new SecurityContext({ usage: 'accept' }).usage, 'accept');
  t.is(new SecurityContext({ name: hostName(), usage: 'initiate' }).usage, 'initiate');
  t.is(new SecurityContext({ creds: accept }).usage, 'accept');
  t.is(new SecurityContext({ creds: initiate, name: hostName() }).usage, 'initiate');
  t.is(new SecurityContext({ creds: both, name: hostName() }).usage, 'initiate');
  t.is(new SecurityContext({ creds: both }).usage, 'accept');
  t.is(new SecurityContext({ name: hostName() }).usage, 'initiate');
  t.is(new SecurityContext().usage, 'accept');
  t.throws(() => new SecurityContext({ usage: 'both' as never }), { instanceOf: UnknownUsageError });
  t.throws(() => new SecurityContext({ creds: initiate }), { instanceOf: TypeError, message: /needs options.name/ });
  t.throws(() => new SecurityContext({ usage: 'accept', flags: ['delegateToPeer'] }), {
    instanceOf: TypeError,
    message: /options.flags is for initiators/,
  });
  t.throws(() => new SecurityContext({ usage: 'initiate' }), { instanceOf: TypeError });
});

test('stepping a complete context is refused clearly', async (t) => {
  const { client } = pairSync();
  t.throws(() => client.stepSync(Buffer.from('x')), { instanceOf: ContextStateError, message: /already established/ });
  await failsWith(t, () => client.step(Buffer.from('x')), ContextStateError);
  t.throws(() => client.stepSync(42 as never), { instanceOf: TypeError });
});

test('error tokens: a replayed AP-REQ fails with a KRB-ERROR token for the peer; failed stays failed', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const first = (await client.step()) as Buffer;
  const server = new SecurityContext({ usage: 'accept' });
  await server.step(first);
  const replay = new SecurityContext({ usage: 'accept' });
  const error = await failsWith(t, () => replay.step(first), GSSError, /replay/i);
  t.true(error instanceof DuplicateTokenError || error.code === 'GSS_S_FAILURE' || error.supplementaryCode !== 0);
  t.true(Buffer.isBuffer(error.token) && (error.token as Buffer).length > 0, 'the error carries a token to send');
  t.is(replay.state, 'failed');
  // Every later call throws the same error.
  t.is(
    t.throws(() => replay.complete),
    error,
  );
  t.is(
    t.throws(() => replay.initiatorName),
    error,
  );
  t.is(await t.throwsAsync(() => replay.step(first)), error);
  t.is(
    t.throws(() => replay.stepSync(first)),
    error,
  );
  t.is(
    t.throws(() => replay.wrapSync('x')),
    error,
  );
  // The initiator gets the same failure from the error token.
  const fresh = new SecurityContext({ name: hostName() });
  await fresh.step();
  await failsWith(t, () => fresh.step(error.token), GSSError);
  t.is(fresh.state, 'failed');
});

test('a defective token fails the acceptor with InvalidTokenError', async (t) => {
  const server = new SecurityContext({ usage: 'accept' });
  const error = await failsWith(t, () => server.stepSync(Buffer.from('garbage')), InvalidTokenError);
  t.is(error.token, undefined);
  t.is(
    t.throws(() => server.actualFlags),
    error,
  );
});

test('requireFlags: an acceptor requiring delegation fails when the client does not delegate', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept', requireFlags: ['delegateToPeer'] });
  t.true(server.requiredFlags.has('delegateToPeer'));
  const error = await failsWith(t, () => server.step(client.stepSync()), MissingFlagsError, /delegateToPeer/);
  t.deepEqual(error.missing.names(), ['delegateToPeer']);
  t.true(error.required.has('delegateToPeer'));
  t.true(error.actual.has('mutualAuthentication'));
  t.is(server.state, 'failed');
  t.is(
    t.throws(() => server.mech),
    error,
  );
  t.true(raw.extensions.size > 0);
});

test('requireFlags: an initiator requiring delegation fails with a non-forwardable ticket', async (t) => {
  const ccache = path.join(fixture.realm.dir, 'noforward.ccache');
  await fixture.realm.kinit(fixture.realm.userPrincipal, { ccache, flags: ['-F'] });
  const creds = Credentials.acquireSync({
    usage: 'initiate',
    store: { ccache: `FILE:${ccache}`, client_keytab: `FILE:${path.join(fixture.realm.dir, 'none.keytab')}` },
  });
  const client = new SecurityContext({ name: hostName(), creds, requireFlags: ['delegateToPeer'] });
  t.true(client.requestedFlags.has('delegateToPeer'));
  const server = new SecurityContext({ usage: 'accept' });
  const reply = await server.step(await client.step());
  const error = await failsWith(t, () => client.step(reply), MissingFlagsError);
  t.deepEqual(error.missing.names(), ['delegateToPeer']);
  t.is(client.state, 'failed');
  t.true(client.raw.released, 'the context was deleted');
});

test('requireFlags that are granted complete normally', (t) => {
  const { client, server } = pairSync(
    { requireFlags: ['mutualAuthentication', 'confidentiality', 'integrity'] },
    { requireFlags: ['mutualAuthentication', 'outOfSequenceDetection'] },
  );
  t.true(client.complete && server.complete);
});

test('channel bindings: matching ones bind, a mismatch fails with a token for the peer', async (t) => {
  const bindings = new ChannelBindings({ applicationData: Buffer.from('tls-server-end-point:abc') });
  const { server } = pairSync({ channelBindings: bindings }, { channelBindings: bindings });
  t.true(server.actualFlags.has('channelBound'));
  const client = new SecurityContext({ name: hostName(), channelBindings: bindings });
  const other = new SecurityContext({
    usage: 'accept',
    channelBindings: new ChannelBindings({ applicationData: Buffer.from('tls-server-end-point:xyz') }),
  });
  const error = await failsWith(t, async () => other.step(await client.step()), BadChannelBindingsError);
  t.true((error.token?.length ?? 0) > 0);
});

test('SPNEGO negotiates Kerberos', async (t) => {
  const client = new SecurityContext({ name: hostName(), mech: MechType.spnego });
  const server = new SecurityContext({ usage: 'accept' });
  await establish(client, server);
  t.true(client.mech?.equals(MechType.kerberos));
  t.true(server.mech?.equals(MechType.kerberos));
  t.is(`${server.initiatorName}`, fixture.realm.userPrincipal);
  t.is(`${server.targetName}`, fixture.realm.hostPrincipal);
});

test('lifetime counts down from the ticket lifetime', (t) => {
  // MIT bounds a context by its service ticket; a lifetime option does not shorten a cached ticket.
  const { client, server } = pairSync({ lifetime: 600 });
  t.true(client.lifetime > 0 && client.lifetime <= 86400, String(client.lifetime));
  t.true(server.lifetime > 0);
});

test('wrap/unwrap with and without encryption, async and sync', async (t) => {
  const { client, server } = pairSync();
  const sealed = await client.wrap(Buffer.from('secret'), true);
  t.true(sealed.encrypted);
  const opened = await server.unwrap(sealed.message);
  t.is(opened.message.toString(), 'secret');
  t.true(opened.encrypted);
  t.is(opened.qop, 0);
  const signed = client.wrapSync('hello', false);
  t.false(signed.encrypted);
  t.true(signed.message.includes(Buffer.from('hello')), 'integrity only: the text is visible');
  const back = server.unwrapSync(signed.message);
  t.false(back.encrypted);
  t.is(back.message.toString(), 'hello');
  const byDefault = client.wrapSync('x');
  t.true(byDefault.encrypted, 'encrypt defaults to true');
  t.is(server.unwrapSync(byDefault.message).message.toString(), 'x');
  t.is(server.unwrapSync(raw.wrapSync(client, 'via raw').message).message.toString(), 'via raw');
});

test('encrypt/decrypt, and EncryptionNotUsed for an integrity-only message', async (t) => {
  const { client, server } = pairSync();
  t.is((await server.decrypt(await client.encrypt('secret'))).toString(), 'secret');
  t.is(server.decryptSync(client.encryptSync('again')).toString(), 'again');
  const signedOnly = client.wrapSync('plain', false).message;
  const error = t.throws(() => server.decryptSync(signedOnly), { instanceOf: EncryptionNotUsed });
  t.is(error?.unwrappedMessage?.toString(), 'plain');
  t.regex(error?.message ?? '', /Confidentiality was requested, but not used/);
  const asyncError = await failsWith(t, () => server.decrypt(client.wrapSync('p2', false).message), EncryptionNotUsed);
  t.is(asyncError.unwrappedMessage?.toString(), 'p2');
});

test('decrypt refuses integrity-only messages even on a context without the confidentiality flag', (t) => {
  // GSS_KRB5_CRED_NO_CI_FLAGS_X through the raw layer: CONF is then granted only when requested.
  const creds = raw.setCredOptionSync('1.2.752.43.13.29', raw.acquireCredSync({ usage: 'initiate' }).creds);
  const { client, server } = pairSync({ creds, flags: ['mutualAuthentication'] });
  t.false(client.actualFlags.has('confidentiality'));
  t.throws(() => server.decryptSync(client.wrapSync('x', false).message), { instanceOf: EncryptionNotUsed });
  t.is(server.decryptSync(client.encryptSync('y')).toString(), 'y', 'MIT encrypts on request regardless');
});

test('getSignature/verifySignature, async and sync; a tampered MIC is rejected', async (t) => {
  const { client, server } = pairSync();
  const mic = await client.getSignature('message');
  t.is(await server.verifySignature('message', mic), 0);
  const mic2 = client.getSignatureSync(Buffer.from('second'));
  t.is(server.verifySignatureSync('second', mic2), 0);
  const mic3 = client.getSignatureSync('third');
  const tampered = Buffer.from(mic3);
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
  await failsWith(t, () => server.verifySignature('third', tampered), BadMICError);
  const mic4 = client.getSignatureSync('fourth');
  t.throws(() => server.verifySignatureSync('not fourth', mic4), { instanceOf: BadMICError });
});

test('getWrapSizeLimit, async and sync', async (t) => {
  const { client } = pairSync();
  const limit = await client.getWrapSizeLimit(1024);
  t.true(limit > 900 && limit < 1024, String(limit));
  t.is(client.getWrapSizeLimitSync(1024), limit);
  t.true(client.getWrapSizeLimitSync(1024, false) >= limit);
  t.true(client.wrapSync(Buffer.alloc(limit)).message.length <= 1024);
});

test('export and import (async and sync): the exported object is unusable, the import works', async (t) => {
  const { client, server } = pairSync();
  const token = await server.export();
  t.is(server.state, 'exported');
  t.throws(() => server.unwrapSync(Buffer.alloc(4)), { instanceOf: ContextStateError, message: /exported/ });
  t.throws(() => server.initiatorName, { instanceOf: ContextStateError });
  const imported = await SecurityContext.import(token);
  t.is(imported.usage, 'accept');
  t.true(imported.complete);
  t.is(`${imported.initiatorName}`, fixture.realm.userPrincipal);
  t.is(imported.decryptSync(client.encryptSync('after import')).toString(), 'after import');
  const again = SecurityContext.importSync(imported.exportSync());
  t.is(client.decryptSync(again.encryptSync('reply')).toString(), 'reply');
  t.throws(() => SecurityContext.importSync(Buffer.from('not a context')), { instanceOf: GSSError });
});

test('delete (async and sync) and dispose are idempotent; using deletes', async (t) => {
  const { client, server } = pairSync();
  await client.delete();
  await client.delete();
  t.is(client.state, 'deleted');
  t.throws(() => client.wrapSync('x'), { instanceOf: ContextStateError, message: /deleted/ });
  t.throws(() => client.complete, { instanceOf: ContextStateError });
  server.deleteSync();
  server.deleteSync();
  server[Symbol.dispose]();
  t.true(server.raw.released);
  let kept: SecurityContext | undefined;
  {
    using ctx = new SecurityContext({ name: hostName() });
    kept = ctx;
    ctx.stepSync();
  }
  t.is(kept.state, 'deleted');
  t.true(kept.raw.released);
  kept[Symbol.dispose]();
  const never = new SecurityContext({ name: hostName() });
  never[Symbol.dispose]();
  never.deleteSync();
  t.is(never.state, 'deleted');
});

test('fromRaw wraps an established raw context without moving it; raw functions take contexts', (t) => {
  const target = raw.importNameSync('host@localhost', { nameType: raw.NameType.hostbasedService });
  let init = raw.initSecContextSync(target);
  const accept = raw.acceptSecContextSync(init.token as Buffer);
  init = raw.initSecContextSync(target, { context: init.context, inputToken: accept.token });
  const client = SecurityContext.fromRaw(init.context);
  const server = new SecurityContext(accept.context);
  t.is(client.raw, init.context);
  t.is(client.usage, 'initiate');
  t.is(server.usage, 'accept');
  t.true(client.complete);
  t.is(raw.unwrapSync(server, client.encryptSync('both ways')).message.toString(), 'both ways');
  t.true(init.context.started, 'the raw context was not emptied');
  const partial = raw.initSecContextSync(target);
  t.throws(() => SecurityContext.fromRaw(partial.context), { instanceOf: UnknownUsageError });
  t.throws(() => SecurityContext.fromRaw({} as never), { instanceOf: TypeError });
});

test('async calls on one context run one at a time in call order', async (t) => {
  const { client, server } = await (async () => {
    const c = new SecurityContext({ name: hostName(), flags: [...DEFAULT_FLAGS, 'replayDetection'] });
    const s = new SecurityContext({ usage: 'accept' });
    await establish(c, s);
    return { client: c, server: s };
  })();
  const messages = Array.from({ length: 20 }, (_, i) => `message ${i}`);
  const sealed = await Promise.all(messages.map((m) => client.encrypt(m)));
  // Sequence detection: opening them in order only works if they were sealed in call order.
  const opened = await Promise.all(sealed.map((s) => server.decrypt(s)));
  t.deepEqual(
    opened.map((b) => b.toString()),
    messages,
  );
});

test('stepSync while an async step is running is refused', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const pending = client.step();
  t.throws(() => client.stepSync(), { instanceOf: ContextStateError, message: /asynchronous call/ });
  t.truthy(await pending);
});

test('inquire and inquireSync report everything at once', async (t) => {
  const { client, server } = pairSync();
  const info = await client.inquire();
  t.is(`${info.initiatorName}`, fixture.realm.userPrincipal);
  t.is(`${info.targetName}`, fixture.realm.hostPrincipal);
  t.true(info.mech?.equals(MechType.kerberos));
  t.true(info.flags?.has('mutualAuthentication'));
  t.true(info.locallyInitiated);
  t.true(info.complete);
  t.true((info.lifetime as number) > 0);
  const s = server.inquireSync();
  t.false(s.locallyInitiated);
  t.is(`${s.initiatorName}`, fixture.realm.userPrincipal);
});

test('a different service: HTTP@localhost', (t) => {
  const { client, server } = pairSync({ name: httpName() });
  t.is(`${client.targetName}`, fixture.realm.httpPrincipal);
  t.is(`${server.targetName}`, fixture.realm.httpPrincipal);
});

test('processToken hands a token to the context (deprecated API)', async (t) => {
  const { client } = pairSync();
  await failsWith(t, () => client.processToken(Buffer.from('junk')), GSSError);
  t.throws(() => client.processTokenSync(Buffer.from('junk')), { instanceOf: GSSError });
});

test('names given to a context are not moved or changed', async (t) => {
  const target = new Name('host@localhost', NameType.hostbasedService);
  const rawTarget = raw.importNameSync('host@localhost', { nameType: raw.NameType.hostbasedService });
  pairSync({ name: target });
  pairSync({ name: rawTarget });
  t.is(`${target}`, 'host@localhost');
  t.is(raw.displayNameSync(rawTarget).name, 'host@localhost');
});
