/**
 * @gssapi/raw Kerberos extensions (`krb5`): lucid contexts, ticket flags,
 * allowable enctypes, authtime, authorization data (the PAC), credentials
 * imported from a named ccache/keytab, and the thread's ccache name. Both
 * peers run in this process against a real KDC; nothing is mocked.
 */
import { Buffer } from 'node:buffer';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, FULL_FLAGS, failsWith, httpTarget, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);

const { RequirementFlag: F } = gss;
const AES128 = 17;
const AES256 = 18;
const SPNEGO = gss.OID.fromIntSeq('1.3.6.1.5.5.2');

/** Minimal DER reader: one TLV at `offset` (definite lengths only). */
function tlv(bytes: Buffer, offset = 0): { tag: number; value: Buffer; end: number } {
  const tag = bytes[offset] as number;
  let length = bytes[offset + 1] as number;
  let start = offset + 2;
  if (length & 0x80) {
    const count = length & 0x7f;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] as number);
    start += count;
  }
  return { tag, value: bytes.subarray(start, start + length), end: start + length };
}

/** The elements of a DER AuthorizationData (SEQUENCE OF { [0] ad-type, [1] ad-data }). */
function authorizationData(der: Buffer): { adType: number; adData: Buffer }[] {
  const outer = tlv(der);
  if (outer.tag !== 0x30) throw new Error('not a SEQUENCE');
  const out: { adType: number; adData: Buffer }[] = [];
  for (let at = 0; at < outer.value.length; ) {
    const element = tlv(outer.value, at);
    const typeField = tlv(element.value, 0);
    const dataField = tlv(element.value, typeField.end);
    const integer = tlv(typeField.value).value;
    out.push({ adType: integer.readIntBE(0, integer.length), adData: tlv(dataField.value).value });
    at = element.end;
  }
  return out;
}

test('the krb5 extension is present in MIT', (t) => {
  t.true(gss.extensions.has('krb5'));
  for (const symbol of gss.EXTENSION_SYMBOLS.krb5 ?? []) t.true(gss.libraryInfo().functions[symbol], symbol);
  t.true(gss.libraryInfo().functions.gsskrb5_extract_authtime_from_sec_context);
  t.true(gss.libraryInfo().functions.gsskrb5_extract_authz_data_from_sec_context);
});

test('lucid contexts: the initiator send sequence is the acceptor receive sequence, and the keys match', (t) => {
  const e = establishSync({ init: { flags: FULL_FLAGS } });
  const init = gss.krb5ExportLucidSecContextSync(e.initiator);
  const acc = gss.krb5ExportLucidSecContextSync(e.acceptor, 1);
  t.true(Object.isFrozen(init));
  t.is(init.version, 1);
  t.true(init.isInitiator);
  t.false(acc.isInitiator);
  t.is(typeof init.sendSeq, 'bigint');
  t.is(init.sendSeq, acc.recvSeq);
  t.is(init.recvSeq, acc.sendSeq);
  t.not(init.sendSeq, init.recvSeq, 'each direction has its own random start');
  t.is(init.endtime, acc.endtime);
  t.true(init.endtime > Date.now() / 1000);

  t.is(init.protocol, 1, 'AES contexts use RFC 4121 (CFX) tokens');
  t.is(init.rfc1964Kd, undefined);
  const ikd = init.cfxKd as gss.CfxKeyData;
  const akd = acc.cfxKd as gss.CfxKeyData;
  t.truthy(ikd);
  t.is(ikd.ctxKeyType, AES256);
  t.is(ikd.ctxKey.length, 32);
  t.true(ikd.ctxKey.equals(akd.ctxKey));
  t.is(ikd.ctxKeyType, akd.ctxKeyType);
  // With mutual authentication MIT's acceptor asserts its own subkey.
  t.is(ikd.acceptorSubkeyType, AES256);
  t.true(Buffer.isBuffer(ikd.acceptorSubkey));
  t.true((ikd.acceptorSubkey as Buffer).equals(akd.acceptorSubkey as Buffer));
  t.false((ikd.acceptorSubkey as Buffer).equals(ikd.ctxKey));
});

test('lucid sequence numbers after traffic: the sender counts, MIT keeps the initial receive number', (t) => {
  const e = establishSync({ init: { flags: FULL_FLAGS } });
  for (let i = 0; i < 3; i++) gss.unwrapSync(e.acceptor, gss.wrapSync(e.initiator, `to acceptor ${i}`).message);
  gss.unwrapSync(e.initiator, gss.wrapSync(e.acceptor, 'to initiator').message);
  const init = gss.krb5ExportLucidSecContextSync(e.initiator);
  const acc = gss.krb5ExportLucidSecContextSync(e.acceptor);
  // MIT exports the receive side's starting number (its replay window tracks
  // the rest), so the difference is the number of messages sent.
  t.is(init.sendSeq - acc.recvSeq, 3n);
  t.is(acc.sendSeq - init.recvSeq, 1n);
});

test('lucid export consumes the context (async form)', async (t) => {
  const e = await establish({ init: { flags: FULL_FLAGS } });
  const lucid = await gss.krb5ExportLucidSecContext(e.initiator);
  t.true(lucid.isInitiator);
  t.false(e.initiator.started, 'MIT deleted the context');
  await failsWith(t, () => gss.wrapSync(e.initiator, 'x'), gss.MissingContextError);
  await failsWith(t, () => gss.krb5ExportLucidSecContextSync(e.initiator), gss.MissingContextError);
  // The peer is untouched.
  t.true(e.acceptor.started);
  t.false((await gss.krb5ExportLucidSecContext(e.acceptor)).isInitiator);
});

test('lucid export of a SPNEGO context that chose krb5', (t) => {
  const e = establishSync({ init: { mech: SPNEGO, flags: FULL_FLAGS } });
  const init = gss.krb5ExportLucidSecContextSync(e.initiator);
  const acc = gss.krb5ExportLucidSecContextSync(e.acceptor);
  t.is(init.sendSeq, acc.recvSeq);
  t.true(init.cfxKd?.ctxKey.equals(acc.cfxKd?.ctxKey as Buffer));
});

test('lucid export: an unknown structure version is a GSSError, and the context survives it', (t) => {
  const e = establishSync();
  const error = t.throws(() => gss.krb5ExportLucidSecContextSync(e.initiator, 2), { instanceOf: gss.GSSError });
  t.is(error?.minor, 22, 'EINVAL');
  t.true(e.initiator.started);
  t.true(gss.krb5ExportLucidSecContextSync(e.initiator).isInitiator);
});

test('krb5SetAllowableEnctypes([17]) gives aes128 context keys; the default is aes256', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  gss.krb5SetAllowableEnctypesSync(creds, [AES128]);
  const e = establishSync({ target: httpTarget(), init: { creds, flags: FULL_FLAGS } });
  const init = gss.krb5ExportLucidSecContextSync(e.initiator);
  const acc = gss.krb5ExportLucidSecContextSync(e.acceptor);
  t.is(init.cfxKd?.ctxKeyType, AES128);
  t.is(init.cfxKd?.ctxKey.length, 16);
  t.is(init.cfxKd?.acceptorSubkeyType, AES128);
  t.is(acc.cfxKd?.ctxKeyType, AES128);

  // Async form, and the same target without the restriction: aes256.
  const other = (await gss.acquireCred({ usage: 'initiate' })).creds;
  await gss.krb5SetAllowableEnctypes(other, new Set([AES256]));
  const d = establishSync({ target: httpTarget(), init: { creds: other, flags: FULL_FLAGS } });
  t.is(gss.krb5ExportLucidSecContextSync(d.initiator).cfxKd?.ctxKeyType, AES256);
});

test('krb5SetAllowableEnctypes rejects enctypes MIT does not know, and bad arguments', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  await failsWith(t, () => gss.krb5SetAllowableEnctypesSync(creds, [9999]), gss.GSSError);
  await failsWith(t, () => gss.krb5SetAllowableEnctypesSync(null as never, [17]), TypeError, /creds/);
  await failsWith(t, () => gss.krb5SetAllowableEnctypesSync(creds, 17 as never), TypeError, /enctypes/);
  await failsWith(t, () => gss.krb5SetAllowableEnctypesSync(creds, ['17'] as never), TypeError, /enctypes\[0\]/);
  await failsWith(t, () => gss.krb5SetAllowableEnctypesSync(creds, [1.5]), RangeError, /enctypes\[0\]/);
});

test('krb5GetTktFlags: the forwardable bit follows the ticket', async (t) => {
  // The realm's TGT is forwardable (kinit -f), so the service ticket is too.
  const e = establishSync();
  const flags = gss.krb5GetTktFlagsSync(e.acceptor);
  t.true(flags >= 0, 'unsigned');
  t.is(flags & gss.Krb5TicketFlag.forwardable, gss.Krb5TicketFlag.forwardable);
  t.is(flags & gss.Krb5TicketFlag.forwarded, 0);
  t.is(await gss.krb5GetTktFlags(e.acceptor), flags);

  // A non-forwardable TGT (kinit -F) in another cache, imported by name.
  const cache = path.join(fixture.realm.dir, 'not-forwardable.ccache');
  await fixture.realm.kinit(fixture.realm.userPrincipal, { ccache: cache, flags: ['-F'] });
  const creds = gss.krb5ImportCredSync({ cache: `FILE:${cache}` });
  const plain = establishSync({ init: { creds } });
  t.is(gss.krb5GetTktFlagsSync(plain.acceptor) & gss.Krb5TicketFlag.forwardable, 0);
});

test('krb5ExtractAuthtimeFromSecContext is within a minute of now, on both sides', async (t) => {
  const e = establishSync();
  const now = Date.now() / 1000;
  const acceptor = gss.krb5ExtractAuthtimeFromSecContextSync(e.acceptor);
  t.true(Number.isInteger(acceptor));
  t.true(Math.abs(acceptor - now) < 60, `authtime ${acceptor}, now ${now}`);
  t.is(await gss.krb5ExtractAuthtimeFromSecContext(e.initiator), acceptor);
});

test('krb5ExtractAuthzDataFromSecContext: the ticket carries the PAC inside AD-IF-RELEVANT', async (t) => {
  const e = establishSync();
  // MIT 1.20 only looks at the top-level elements, where the KDC put an
  // AD-IF-RELEVANT (1) container; the PAC (AD-WIN2K-PAC, 128) is inside it.
  const container = gss.krb5ExtractAuthzDataFromSecContextSync(e.acceptor, 1);
  t.true(container.length > 0);
  const inner = authorizationData(container);
  const pac = inner.find((element) => element.adType === 128);
  t.truthy(pac, `ad-types ${inner.map((element) => element.adType).join(',')}`);
  const { adData } = pac as { adData: Buffer };
  const buffers = adData.readUInt32LE(0);
  t.true(buffers >= 1, 'cBuffers');
  t.is(adData.readUInt32LE(4), 0, 'PAC version 0');
  t.true(adData.length >= 8 + buffers * 16);
  t.true((await gss.krb5ExtractAuthzDataFromSecContext(e.acceptor, 1)).equals(container));

  // Not a top-level element, so MIT does not find 128 itself.
  await failsWith(t, () => gss.krb5ExtractAuthzDataFromSecContextSync(e.acceptor, 128), gss.GSSError);
  // Initiators have no ticket contents.
  await failsWith(t, () => gss.krb5ExtractAuthzDataFromSecContextSync(e.initiator, 1), gss.GSSError);
  await failsWith(t, () => gss.krb5ExtractAuthzDataFromSecContextSync(e.acceptor, 1.5), RangeError, /adType/);
});

test('krb5ImportCred from the realm ccache gives initiator credentials that work', async (t) => {
  const creds = gss.krb5ImportCredSync({ cache: `FILE:${fixture.realm.ccache}` });
  const info = gss.inquireCredSync(creds);
  t.is(show(info.name), fixture.realm.userPrincipal);
  t.is(info.usage, 'initiate');
  const e = establishSync({ init: { creds, flags: FULL_FLAGS } });
  t.is(show(e.accept.initiatorName), fixture.realm.userPrincipal);

  const again = await gss.krb5ImportCred({ cache: `FILE:${fixture.realm.ccache}` });
  t.true(gss.initSecContextSync(httpTarget(), { creds: again }).context.started);
});

test('krb5ImportCred from the keytab gives acceptor credentials, limited to one principal', async (t) => {
  const keytab = `FILE:${fixture.realm.keytab}`;
  const host = gss.krb5ImportCredSync({ keytab, keytabPrincipal: fixture.realm.hostPrincipal });
  t.is(gss.inquireCredSync(host).usage, 'accept');
  const e = establishSync({ accept: { acceptorCreds: host } });
  t.is(show(e.accept.initiatorName), fixture.realm.userPrincipal);
  // The HTTP key is in the same keytab, but these credentials only take host/.
  const http = gss.initSecContextSync(httpTarget());
  await failsWith(t, () => gss.acceptSecContextSync(http.token as Buffer, { acceptorCreds: host }), gss.GSSError);

  // Any key of the keytab, and both usages together.
  const any = await gss.krb5ImportCred({ keytab });
  t.true(
    gss.acceptSecContextSync(gss.initSecContextSync(httpTarget()).token as Buffer, { acceptorCreds: any }).context
      .started,
  );
  const both = gss.krb5ImportCredSync({ cache: `FILE:${fixture.realm.ccache}`, keytab });
  t.is(gss.inquireCredSync(both).usage, 'both');
});

test('krb5ImportCred failures: libkrb5 messages, and argument checks before any C call', async (t) => {
  const badType = await failsWith(t, () => gss.krb5ImportCredSync({ cache: 'NO-SUCH-TYPE:x' }), gss.GSSError);
  t.regex(badType?.message ?? '', /krb5_cc_resolve: Unknown credential cache type/);
  const badName = await failsWith(
    t,
    () => gss.krb5ImportCredSync({ keytab: `FILE:${fixture.realm.keytab}`, keytabPrincipal: 'a@@b' }),
    gss.GSSError,
  );
  t.regex(badName?.message ?? '', /krb5_parse_name: Malformed representation of principal/);
  await failsWith(
    t,
    () => gss.krb5ImportCredSync({ keytab: `FILE:${fixture.realm.keytab}`, keytabPrincipal: 'nobody' }),
    gss.MissingCredentialsError,
  );
  await failsWith(t, () => gss.krb5ImportCred({}), TypeError, /cache or options.keytab/);
  await failsWith(t, () => gss.krb5ImportCredSync({ keytabPrincipal: 'x' }), TypeError);
  await failsWith(t, () => gss.krb5ImportCredSync({ cache: 42 as never }), TypeError, /options.cache/);
  await failsWith(t, () => gss.krb5ImportCredSync({ cache: '' }), RangeError, /options.cache/);
});

// Serial (ava runs serial tests before the others): while the JavaScript
// thread's ccache name is changed, no other test may make Sync calls on it.
test.serial('krb5CcacheNameSync: set returns the previous name, and only this thread sees the change', async (t) => {
  const realm = fixture.realm;
  const scratch = path.join(realm.dir, 'thread-cache');
  const previous = gss.krb5CcacheNameSync(`FILE:${scratch}`);
  try {
    t.is(previous, realm.env.KRB5CCNAME, 'MIT reports the default name when none was set');
    // A Sync call on this thread uses the new cache: MIT fills it from the
    // client keytab (KRB5_CLIENT_KTNAME) on first use.
    t.false(existsSync(scratch));
    const { creds } = gss.acquireCredSync({ usage: 'initiate' });
    gss.initSecContextSync(httpTarget(), { creds });
    t.true(existsSync(scratch), 'the thread-specific cache was used');
    t.is(gss.krb5CcacheNameSync(`FILE:${scratch}`), `FILE:${scratch}`);
  } finally {
    t.is(gss.krb5CcacheNameSync(previous ?? null), `FILE:${scratch}`);
  }
  t.is(gss.krb5CcacheNameSync(null), realm.env.KRB5CCNAME);
  // A Promise call runs on a pool thread, where the setting never applied.
  const other = path.join(realm.dir, 'never-used-cache');
  const restore = gss.krb5CcacheNameSync(`FILE:${other}`);
  try {
    const { creds } = await gss.acquireCred({ usage: 'initiate' });
    await gss.initSecContext(httpTarget(), { creds });
    t.false(existsSync(other));
  } finally {
    gss.krb5CcacheNameSync(restore ?? null);
  }
});

test.serial('krb5CcacheName (Promise form) resets the pool thread it lands on to the default', async (t) => {
  // Only null is ever passed here: a name would stick to a pool thread.
  t.is(typeof (await gss.krb5CcacheName(null)), 'string');
  await failsWith(t, () => gss.krb5CcacheNameSync(42 as never), TypeError, /name/);
  await failsWith(t, () => gss.krb5CcacheNameSync('FILE:a\0b'), RangeError, /NUL/);
});

test('context arguments are checked before any C call', async (t) => {
  await failsWith(t, () => gss.krb5GetTktFlagsSync({} as never), TypeError, /context/);
  await failsWith(t, () => gss.krb5ExtractAuthtimeFromSecContext(null as never), TypeError, /context/);
  await failsWith(t, () => gss.krb5ExportLucidSecContextSync(undefined as never), TypeError, /context/);
  const e = establishSync({ init: { flags: [F.mutualAuthentication] } });
  e.initiator.release();
  await failsWith(t, () => gss.krb5GetTktFlagsSync(e.initiator), TypeError, /released/);
});
