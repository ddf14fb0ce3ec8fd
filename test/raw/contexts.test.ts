/**
 * @gssapi/raw security contexts: the init/accept loop (krb5 and SPNEGO, sync
 * and async), flags, delegation, inquiries, export/import, channel bindings,
 * replayed and malformed tokens, deletion, and the serialisation of concurrent
 * async calls on one context. Both peers run in this process against a real
 * KDC; nothing is mocked.
 */
import { Buffer } from 'node:buffer';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, FULL_FLAGS, failsWith, hostTarget, httpTarget, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);

const { MechType, RequirementFlag: F } = gss;
const KRB5_OID_DER = Buffer.from('06092a864886f712010202', 'hex');
const SPNEGO_OID_DER = Buffer.from('06062b0601050502', 'hex');

function assertMutualLegs(
  t: import('ava').ExecutionContext,
  legs: { side: string; moreSteps: boolean; tokenLength: number }[],
) {
  // With mutual authentication krb5 takes two legs: AP-REQ, AP-REP, and the
  // initiator's last step produces no token.
  t.is(legs.length, 3);
  t.like(legs[0], { side: 'init', moreSteps: true });
  t.like(legs[1], { side: 'accept', moreSteps: false });
  t.like(legs[2], { side: 'init', moreSteps: false, tokenLength: 0 });
  t.true((legs[0]?.tokenLength ?? 0) > 0);
  t.true((legs[1]?.tokenLength ?? 0) > 0);
}

test('krb5 loop with mutual authentication (sync)', (t) => {
  const first = gss.initSecContextSync(hostTarget(), { mech: MechType.kerberos, flags: [F.mutualAuthentication] });
  t.true(first.moreSteps);
  t.true(first.token?.[0] === 0x60, 'an RFC 2743 initial context token');
  t.true(first.token?.includes(KRB5_OID_DER));
  t.true(first.mech?.equals(MechType.kerberos));
  t.true(first.context.started);
  t.true(Object.isFrozen(first));

  const accepted = gss.acceptSecContextSync(first.token as Buffer);
  t.false(accepted.moreSteps);
  t.truthy(accepted.token);
  t.true(accepted.mech?.equals(MechType.kerberos));
  t.is(show(accepted.initiatorName), fixture.realm.userPrincipal);
  t.true(accepted.flags.has(F.mutualAuthentication));
  t.true(accepted.lifetime > 0 && Number.isFinite(accepted.lifetime));
  t.is(accepted.delegatedCreds, undefined);

  const last = gss.initSecContextSync(hostTarget(), {
    mech: MechType.kerberos,
    flags: [F.mutualAuthentication],
    context: first.context,
    inputToken: accepted.token,
  });
  t.false(last.moreSteps);
  t.is(last.token, undefined);
  t.is(last.context, first.context, 'the same context object is continued');
  t.true(last.flags.has(F.mutualAuthentication));
  t.true(last.lifetime > 0 && Number.isFinite(last.lifetime));
});

test('krb5 loop with mutual authentication (async)', async (t) => {
  const pair = await establish({ init: { flags: [F.mutualAuthentication] } });
  assertMutualLegs(t, pair.legs);
  t.is(show(pair.accept.initiatorName), 'user@KRBTEST.COM');
  t.true(pair.init.flags.has(F.mutualAuthentication));
  t.true(pair.accept.flags.has(F.mutualAuthentication));
  t.true(pair.init.mech?.equals(MechType.kerberos));
  // The contexts work: a message goes across.
  const sealed = await gss.wrap(pair.initiator, 'async hello');
  t.is((await gss.unwrap(pair.acceptor, sealed.message)).message.toString(), 'async hello');
});

test('the sync helper loop takes the same legs', (t) => {
  const pair = establishSync({ init: { flags: [F.mutualAuthentication] } });
  assertMutualLegs(t, pair.legs);
});

test('default flags are mutual authentication and sequence detection', (t) => {
  const pair = establishSync();
  t.true(pair.init.flags.has(F.mutualAuthentication));
  t.true(pair.init.flags.has(F.outOfSequenceDetection));
  t.true(pair.accept.flags.has(F.outOfSequenceDetection));
  t.is(gss.DEFAULT_INIT_FLAGS, F.mutualAuthentication | F.outOfSequenceDetection);
});

test('without mutual authentication krb5 needs a single leg', (t) => {
  const pair = establishSync({ init: { flags: 0 } });
  t.is(pair.legs.length, 2);
  t.like(pair.legs[0], { side: 'init', moreSteps: false });
  t.like(pair.legs[1], { side: 'accept', moreSteps: false, tokenLength: 0 });
  t.false(pair.accept.flags.has(F.mutualAuthentication));
  // Flags as a number, a name list or a FlagSet are the same request.
  const named = gss.initSecContextSync(hostTarget(), { flags: ['mutualAuthentication'] });
  const set = gss.initSecContextSync(hostTarget(), { flags: gss.FlagSet.from([F.mutualAuthentication]) });
  t.true(named.moreSteps);
  t.true(set.moreSteps);
});

test('SPNEGO loop', async (t) => {
  const target = hostTarget();
  const first = await gss.initSecContext(target, { mech: MechType.spnego });
  t.true(first.moreSteps);
  t.is(first.token?.[0], 0x60);
  t.true(first.token?.includes(SPNEGO_OID_DER), 'the initial token names SPNEGO');

  const accepted = await gss.acceptSecContext(first.token as Buffer);
  t.false(accepted.moreSteps);
  t.truthy(accepted.token);
  // MIT reports the negotiated mechanism, krb5, for a SPNEGO context.
  t.true(accepted.mech?.equals(MechType.kerberos));
  t.is(show(accepted.initiatorName), 'user@KRBTEST.COM');

  const last = await gss.initSecContext(target, {
    mech: MechType.spnego,
    context: first.context,
    inputToken: accepted.token,
  });
  t.false(last.moreSteps);
  t.is(last.token, undefined);
  t.true(last.mech?.equals(MechType.kerberos));

  const mic = gss.getMicSync(last.context, 'over spnego');
  t.is(gss.verifyMicSync(accepted.context, 'over spnego', mic), 0);
});

test('SPNEGO loop through the helper (sync)', (t) => {
  const pair = establishSync({ init: { mech: MechType.spnego } });
  t.is(pair.legs.length, 3);
  t.like(pair.legs[0], { moreSteps: true });
  t.like(pair.legs[2], { moreSteps: false, tokenLength: 0 });
  t.is(show(pair.accept.initiatorName), 'user@KRBTEST.COM');
});

test('the initiator name is a mechanism name that exports', (t) => {
  const pair = establishSync();
  const name = pair.accept.initiatorName as gss.Name;
  const exported = gss.exportNameSync(name);
  t.true(exported.includes(Buffer.from('user@KRBTEST.COM')));
  const canon = gss.canonicalizeNameSync(
    gss.importNameSync('user@KRBTEST.COM', { nameType: gss.NameType.kerberosPrincipal }),
    MechType.kerberos,
  );
  t.true(gss.compareNameSync(name, canon));
});

test('delegation: delegated credentials are present and usable', async (t) => {
  const pair = await establish({ init: { flags: [F.mutualAuthentication, F.delegateToPeer] } });
  t.true(pair.accept.flags.has(F.delegateToPeer));
  const delegated = pair.accept.delegatedCreds;
  t.true(delegated instanceof gss.Creds);
  const inq = gss.inquireCredSync(delegated as gss.Creds);
  t.is(show(inq.name), 'user@KRBTEST.COM');
  t.is(inq.usage, 'initiate');
  t.true(inq.mechs?.has(MechType.kerberos));

  // The acceptor acts as the user towards another service.
  const onward = await establish({ target: httpTarget(), init: { creds: delegated } });
  t.is(show(onward.accept.initiatorName), 'user@KRBTEST.COM');
  const target = gss.inquireContextSync(onward.acceptor).targetName;
  t.is(show(target), 'HTTP/localhost@KRBTEST.COM');
});

test('no delegated credentials without the delegation flag', (t) => {
  const pair = establishSync({ init: { flags: [F.mutualAuthentication] } });
  t.false(pair.accept.flags.has(F.delegateToPeer));
  t.is(pair.accept.delegatedCreds, undefined);
});

test('inquireContext on complete contexts', async (t) => {
  const pair = establishSync();
  const ini = await gss.inquireContext(pair.initiator);
  t.is(show(ini.initiatorName), 'user@KRBTEST.COM');
  t.regex(show(ini.targetName) ?? '', /^host\/localhost@/);
  t.true(ini.mech?.equals(MechType.kerberos));
  t.true(ini.flags?.has(F.mutualAuthentication));
  t.true(ini.locallyInit);
  t.true(ini.complete);
  t.true((ini.lifetime ?? 0) > 0 && Number.isFinite(ini.lifetime));
  t.true(Object.isFrozen(ini));

  const acc = gss.inquireContextSync(pair.acceptor);
  t.is(show(acc.initiatorName), 'user@KRBTEST.COM');
  t.is(show(acc.targetName), 'host/localhost@KRBTEST.COM');
  t.false(acc.locallyInit);
  t.true(acc.complete);

  const some = gss.inquireContextSync(pair.initiator, { initiatorName: false, targetName: false, lifetime: false });
  t.is(some.initiatorName, undefined);
  t.is(some.targetName, undefined);
  t.is(some.lifetime, undefined);
  t.true(some.complete);
  t.true(some.mech?.equals(MechType.kerberos));
});

test('inquireContext on a partly established context', (t) => {
  const first = gss.initSecContextSync(hostTarget(), { flags: [F.mutualAuthentication] });
  t.true(first.moreSteps);
  const inq = gss.inquireContextSync(first.context);
  t.false(inq.complete);
  t.true(inq.locallyInit);
  t.true(inq.flags?.has(F.mutualAuthentication));
  t.true(inq.mech?.equals(MechType.kerberos));
  // MIT 1.20's krb5 mech returns GSS_C_NO_NAME for both names (and lifetime 0)
  // until the context is open: checked with a C program calling
  // gss_inquire_context directly, so the binding reports them as undefined.
  t.is(inq.initiatorName, undefined);
  t.is(inq.targetName, undefined);
  t.is(inq.lifetime, 0);
});

test('contextTime is positive on both sides; MissingContextError before completion', async (t) => {
  const pair = establishSync();
  const ini = gss.contextTimeSync(pair.initiator);
  const acc = await gss.contextTime(pair.acceptor);
  t.true(Number.isInteger(ini) && ini > 0);
  t.true(Number.isInteger(acc) && acc > 0);
  // The acceptor's context lasts until the ticket ends plus the clock skew.
  t.true(acc >= ini);

  const partial = gss.initSecContextSync(hostTarget(), { flags: [F.mutualAuthentication] });
  await failsWith(t, () => gss.contextTimeSync(partial.context), gss.MissingContextError);
});

test('export/import moves a context to a new handle', async (t) => {
  const pair = establishSync({ init: { flags: FULL_FLAGS } });
  const token = gss.exportSecContextSync(pair.acceptor);
  t.true(token.length > 0);
  // The export emptied the original handle: using it is a NO_CONTEXT error.
  t.false(pair.acceptor.started);
  t.false(pair.acceptor.released);
  const err = (await failsWith(t, () => gss.wrapSync(pair.acceptor, 'x'), gss.GSSError)) as gss.GSSError;
  t.true(err.code.includes('GSS_S_NO_CONTEXT'), err.code);
  t.true(err instanceof gss.MissingContextError);
  // MIT: CALL_INACCESSIBLE_READ|NO_CONTEXT, which is a ContextReadError (calling error first).
  t.true(err instanceof gss.ContextReadError);
  await t.throwsAsync(gss.unwrap(pair.acceptor, Buffer.from('x')), { instanceOf: gss.MissingContextError });

  const imported = await gss.importSecContext(token);
  t.true(imported.started);
  const inq = gss.inquireContextSync(imported);
  t.true(inq.complete);
  t.false(inq.locallyInit);
  t.is(show(inq.initiatorName), 'user@KRBTEST.COM');

  const sealed = gss.wrapSync(pair.initiator, 'through the imported context');
  t.is(gss.unwrapSync(imported, sealed.message).message.toString(), 'through the imported context');
  const back = await gss.wrap(imported, 'and back');
  t.is(gss.unwrapSync(pair.initiator, back.message).message.toString(), 'and back');
});

test('exportSecContext (async) of the initiator, imported with the Sync form', async (t) => {
  const pair = establishSync();
  const token = await gss.exportSecContext(pair.initiator);
  t.false(pair.initiator.started);
  const imported = gss.importSecContextSync(token);
  t.true(gss.inquireContextSync(imported).locallyInit);
  const mic = gss.getMicSync(imported, 'signed after import');
  t.is(gss.verifyMicSync(pair.acceptor, 'signed after import', mic), 0);
});

test('importSecContext of garbage raises MalformedParameterError', async (t) => {
  // MIT: CALL_BAD_STRUCTURE|DEFECTIVE_TOKEN; the calling error decides the class.
  const err = (await failsWith(
    t,
    () => gss.importSecContextSync(Buffer.from('garbage')),
    gss.MalformedParameterError,
  )) as gss.GSSError;
  t.true(err instanceof gss.GSSError);
  t.is(err.code, 'GSS_S_CALL_BAD_STRUCTURE|GSS_S_DEFECTIVE_TOKEN');
  t.is(err.callingCode, gss.GSS_S.CALL_BAD_STRUCTURE);
  t.is(err.routineCode, gss.GSS_S.DEFECTIVE_TOKEN);
  await t.throwsAsync(gss.importSecContext(Buffer.alloc(16)), { instanceOf: gss.GSSError });
});

test('matching channel bindings complete and the acceptor reports channelBound', async (t) => {
  const bindings = () => new gss.ChannelBindings({ applicationData: 'tls-server-end-point:0123456789' });
  const pair = await establish({ init: { channelBindings: bindings() }, accept: { channelBindings: bindings() } });
  t.true(pair.accept.flags.has(F.channelBound));
  t.is(show(pair.accept.initiatorName), 'user@KRBTEST.COM');

  // Bindings on the initiator only: accepted, but not bound (MIT's default).
  const one = establishSync({ init: { flags: 0, channelBindings: bindings() } });
  t.false(one.accept.flags.has(F.channelBound));
  // No bindings at all: not bound either.
  t.false(establishSync({ init: { flags: 0 } }).accept.flags.has(F.channelBound));
});

test('mismatched channel bindings raise BadChannelBindingsError from acceptSecContext', async (t) => {
  const mine = new gss.ChannelBindings({ applicationData: 'tls-server-end-point:aaaa' });
  const theirs = new gss.ChannelBindings({ applicationData: 'tls-server-end-point:bbbb' });
  const first = gss.initSecContextSync(hostTarget(), { channelBindings: mine, flags: [F.mutualAuthentication] });
  const err = (await t.throwsAsync(gss.acceptSecContext(first.token as Buffer, { channelBindings: theirs }), {
    instanceOf: gss.BadChannelBindingsError,
  })) as gss.GSSError;
  t.is(err.code, 'GSS_S_BAD_BINDINGS');
  t.is(err.operation, 'acceptSecContext');
  // With mutual authentication MIT produces a KRB-ERROR for the initiator.
  t.true(Buffer.isBuffer(err.token) && (err.token as Buffer).length > 0);

  const quiet = gss.initSecContextSync(hostTarget(), { channelBindings: mine, flags: 0 });
  const err2 = (await failsWith(
    t,
    () => gss.acceptSecContextSync(quiet.token as Buffer, { channelBindings: theirs }),
    gss.BadChannelBindingsError,
  )) as gss.GSSError;
  // Without mutual authentication there is no error token.
  t.is(err2.token, undefined);
});

test('every channel binding field takes part in the check', async (t) => {
  const { AddressType } = gss;
  const base: gss.ChannelBindingsInit = {
    initiatorAddressType: AddressType.ip,
    initiatorAddress: Uint8Array.of(127, 0, 0, 1),
    acceptorAddressType: AddressType.ip,
    acceptorAddress: Uint8Array.of(127, 0, 0, 2),
    applicationData: 'app data',
  };
  const same = establishSync({
    init: { flags: 0, channelBindings: new gss.ChannelBindings(base) },
    accept: { channelBindings: new gss.ChannelBindings(base) },
  });
  t.true(same.accept.flags.has(F.channelBound));

  const changed: [string, gss.ChannelBindingsInit][] = [
    ['initiator address type', { ...base, initiatorAddressType: AddressType.local }],
    ['initiator address', { ...base, initiatorAddress: Uint8Array.of(10, 0, 0, 1) }],
    ['acceptor address type', { ...base, acceptorAddressType: AddressType.unspecified }],
    ['acceptor address', { ...base, acceptorAddress: Uint8Array.of(127, 0, 0, 3) }],
    ['application data', { ...base, applicationData: 'app datA' }],
    ['no addresses', { applicationData: 'app data' }],
  ];
  for (const [label, other] of changed) {
    const first = gss.initSecContextSync(hostTarget(), { flags: 0, channelBindings: new gss.ChannelBindings(base) });
    const err = await failsWith(
      t,
      () => gss.acceptSecContextSync(first.token as Buffer, { channelBindings: new gss.ChannelBindings(other) }),
      gss.BadChannelBindingsError,
    );
    t.truthy(err, label);
  }
});

test('a replayed AP-REQ fails on the second accept, with an error token', async (t) => {
  const first = gss.initSecContextSync(hostTarget(), { flags: [F.mutualAuthentication] });
  const token = first.token as Buffer;
  gss.acceptSecContextSync(token);
  const err = (await t.throwsAsync(gss.acceptSecContext(token), { instanceOf: gss.GSSError })) as gss.GSSError;
  // MIT reports a replay of the AP-REQ as GSS_S_FAILURE with the krb5 text
  // "Request is a replay" (not as the per-message DUPLICATE_TOKEN bit), so the
  // class is the plain GSSError.
  t.is(err.name, 'GSSError');
  t.false(err instanceof gss.DuplicateTokenError);
  t.is(err.code, 'GSS_S_FAILURE');
  t.not(err.minor, 0);
  // The detailed text was formatted on the pool thread that failed.
  t.true(err.minorMessages.includes('Request is a replay'), err.minorMessages.join('; '));
  t.regex(err.message, /Request is a replay/);
  // Mutual authentication was requested: the error carries a KRB-ERROR token...
  t.true(Buffer.isBuffer(err.token) && (err.token as Buffer).length > 0);
  // ...which, fed to the waiting initiator, fails there with the same text.
  const back = (await failsWith(
    t,
    () => gss.initSecContextSync(hostTarget(), { context: first.context, inputToken: err.token }),
    gss.GSSError,
  )) as gss.GSSError;
  t.regex(back.minorMessages.join(' '), /Request is a replay/);
});

test('truncated and malformed initial tokens raise InvalidTokenError', async (t) => {
  const real = gss.initSecContextSync(hostTarget()).token as Buffer;
  const bad: [string, Buffer][] = [
    ['first 10 bytes of a real token', real.subarray(0, 10)],
    ['0x60', Buffer.from([0x60])],
    ['0x60 0x84', Buffer.from([0x60, 0x84])],
    ['0x60 0x40 0x06', Buffer.from([0x60, 0x40, 0x06])],
    ['garbage', Buffer.from('garbage')],
  ];
  for (const [label, token] of bad) {
    const err = (await failsWith(t, () => gss.acceptSecContextSync(token), gss.InvalidTokenError)) as gss.GSSError;
    t.is(err?.code, 'GSS_S_DEFECTIVE_TOKEN', label);
    await t.throwsAsync(gss.acceptSecContext(token), { instanceOf: gss.InvalidTokenError }, label);
  }
});

test('a malformed reply to the initiator raises InvalidTokenError', async (t) => {
  const first = gss.initSecContextSync(hostTarget(), { flags: [F.mutualAuthentication] });
  const err = (await t.throwsAsync(
    gss.initSecContext(hostTarget(), { context: first.context, inputToken: Buffer.from('not an AP-REP') }),
    { instanceOf: gss.InvalidTokenError },
  )) as gss.GSSError;
  t.is(err.code, 'GSS_S_DEFECTIVE_TOKEN');
});

test('deleteSecContext empties the context; later use is a MissingContextError', async (t) => {
  const pair = establishSync();
  const out = gss.deleteSecContextSync(pair.initiator);
  t.true(Buffer.isBuffer(out));
  t.is(out.length, 0);
  t.false(pair.initiator.started);
  const err = (await failsWith(t, () => gss.wrapSync(pair.initiator, 'x'), gss.MissingContextError)) as gss.GSSError;
  t.true(err.code.includes('GSS_S_NO_CONTEXT'));
  await t.throwsAsync(gss.inquireContext(pair.initiator), { instanceOf: gss.MissingContextError });

  // The async form, asking for a peer token: modern krb5 has none to give.
  const peerToken = await gss.deleteSecContext(pair.acceptor, { localOnly: false });
  t.is(peerToken.length, 0);
  t.false(pair.acceptor.started);
  await t.throwsAsync(gss.getMic(pair.acceptor, 'x'), { instanceOf: gss.MissingContextError });
});

test('processContextToken with junk on a complete context raises InvalidTokenError', async (t) => {
  const pair = establishSync();
  const err = (await failsWith(
    t,
    () => gss.processContextTokenSync(pair.acceptor, Buffer.from('junk junk junk')),
    gss.InvalidTokenError,
  )) as gss.GSSError;
  t.is(err.code, 'GSS_S_DEFECTIVE_TOKEN');
  await t.throwsAsync(gss.processContextToken(pair.initiator, Buffer.from([0x60, 0x01, 0x00])), {
    instanceOf: gss.InvalidTokenError,
  });
  // The context survives the rejected token.
  const sealed = gss.wrapSync(pair.initiator, 'still here');
  t.is(gss.unwrapSync(pair.acceptor, sealed.message).message.toString(), 'still here');
});

test('async calls on one context are serialised in call order', async (t) => {
  const pair = establishSync({ init: { flags: FULL_FLAGS } });
  const count = 50;
  const messages = Array.from({ length: count }, (_, i) => `message number ${i}`);
  // Fire them all without awaiting: each must get the next sequence number.
  const pending = messages.map((m) => gss.wrap(pair.initiator, m));
  const wrapped = await Promise.all(pending);
  // Unwrapping in call order with sequence detection proves the order of the wraps.
  const unwrapped = wrapped.map((w) => gss.unwrapSync(pair.acceptor, w.message).message.toString());
  t.deepEqual(unwrapped, messages);

  // And the other way: 50 concurrent async unwraps, in order, none out of sequence.
  const replies = messages.map((m) => gss.wrapSync(pair.acceptor, `re: ${m}`).message);
  const opened = await Promise.all(replies.map((r) => gss.unwrap(pair.initiator, r)));
  t.deepEqual(
    opened.map((o) => o.message.toString()),
    messages.map((m) => `re: ${m}`),
  );
});

test('a context released during a pending async call stays alive for that call', async (t) => {
  const pair = establishSync();
  const pending = gss.wrap(pair.initiator, 'in flight');
  pair.initiator.release();
  t.true(pair.initiator.released);
  const sealed = await pending;
  t.is(gss.unwrapSync(pair.acceptor, sealed.message).message.toString(), 'in flight');
  t.throws(() => gss.wrapSync(pair.initiator, 'x'), { instanceOf: TypeError, message: /context has been released/ });
  await failsWith(t, () => gss.inquireContext(pair.initiator), TypeError, /released/);
  t.notThrows(() => pair.initiator.release());
});

test('initiating to an unknown service reports the KDC error text', async (t) => {
  const nosuch = gss.importNameSync('nosuch@localhost', { nameType: gss.NameType.hostbasedService });
  const err = (await t.throwsAsync(gss.initSecContext(nosuch), { instanceOf: gss.GSSError })) as gss.GSSError;
  t.is(err.code, 'GSS_S_FAILURE');
  t.is(err.operation, 'initSecContext');
  // Formatted on the pool thread that failed: MIT's detailed text, not just the table entry.
  t.regex(err.minorMessages.join(' '), /nosuch\/localhost@KRBTEST\.COM not found in Kerberos database/);
});

// GSSError.mech is the mechanism the minor status belongs to, when known: MIT
// leaves actual_mech_type unset on failure, so the requested mech is reported.
test('an initSecContext failure with an explicit mech reports it as err.mech', async (t) => {
  const nosuch = gss.importNameSync('nosuch@localhost', { nameType: gss.NameType.hostbasedService });
  const err = (await t.throwsAsync(gss.initSecContext(nosuch, { mech: MechType.kerberos }), {
    instanceOf: gss.GSSError,
  })) as gss.GSSError;
  t.true(err.mech?.equals(MechType.kerberos));
});

test('context arguments are validated', async (t) => {
  const target = hostTarget();
  t.throws(() => gss.initSecContextSync('host@localhost' as never), { instanceOf: TypeError, message: /^targetName/ });
  t.throws(() => gss.initSecContextSync(target, { flags: ['bogus' as never] }), {
    instanceOf: TypeError,
    message: /options\.flags/,
  });
  t.throws(() => gss.initSecContextSync(target, { inputToken: 'abc' as never }), {
    instanceOf: TypeError,
    message: /options\.inputToken/,
  });
  t.throws(() => gss.initSecContextSync(target, { channelBindings: {} as never }), {
    instanceOf: TypeError,
    message: /options\.channelBindings/,
  });
  t.throws(() => gss.initSecContextSync(target, { context: {} as never }), {
    instanceOf: TypeError,
    message: /options\.context/,
  });
  t.throws(() => gss.initSecContextSync(target, { lifetime: -5 }), {
    instanceOf: RangeError,
    message: /options\.lifetime/,
  });
  t.throws(() => gss.initSecContextSync(target, { mech: 7 as never }), {
    instanceOf: TypeError,
    message: /options\.mech/,
  });
  t.throws(() => gss.acceptSecContextSync('token' as never), { instanceOf: TypeError, message: /^inputToken/ });
  t.throws(() => gss.acceptSecContextSync(Buffer.from('x'), { acceptorCreds: 'c' as never }), {
    instanceOf: TypeError,
    message: /options\.acceptorCreds/,
  });
  t.throws(() => gss.inquireContextSync(undefined as never), { instanceOf: TypeError, message: /^context/ });
  t.throws(() => gss.deleteSecContextSync({} as never), { instanceOf: TypeError, message: /^context/ });
  t.throws(() => gss.importSecContextSync('token' as never), { instanceOf: TypeError, message: /^token/ });
  t.throws(() => gss.processContextTokenSync(establishSync({ init: { flags: 0 } }).acceptor, 1 as never), {
    instanceOf: TypeError,
    message: /^token/,
  });
  await failsWith(t, () => gss.acceptSecContext(42 as never), TypeError, /^inputToken/);
});
