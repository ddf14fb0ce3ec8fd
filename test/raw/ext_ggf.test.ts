/**
 * @gssapi/raw GGF extensions (`ggf`: inquireCredByOid, inquireSecContextByOid,
 * setSecContextOption) and `completeAuthToken`, on krb5, SPNEGO and NTLM
 * (gss-ntlmssp) contexts. Both peers run in this process against a real KDC;
 * nothing is mocked.
 */
import { Buffer } from 'node:buffer';
import path from 'node:path';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, FULL_FLAGS, failsWith, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test, { ntlm: true });

const SPNEGO = gss.OID.fromIntSeq('1.3.6.1.5.5.2');
const NTLM = gss.OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10');
const BOGUS = gss.OID.fromIntSeq('1.3.6.1.4.1.99999.1.2.3');
/** gss-ntlmssp's "reset crypto" option: a 4-byte value, 0 resets the sending RC4 state, 1 the receiving one. */
const NTLM_RESET_CRYPTO = '1.3.6.1.4.1.7165.655.1.3';
const AES256_OID = '1.2.840.113554.1.2.2.4.18';

const u32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value);
  return bytes;
};

function ntlmContexts() {
  return establishSync({ init: { mech: NTLM, flags: FULL_FLAGS } });
}

/** Wraps on the initiator, unwraps on the acceptor; true when the acceptor read the message back. */
function roundTrip(e: { initiator: gss.SecurityContext; acceptor: gss.SecurityContext }, text: string): boolean {
  const sealed = gss.wrapSync(e.initiator, text);
  try {
    return gss.unwrapSync(e.acceptor, sealed.message).message.toString() === text;
  } catch (error) {
    if (error instanceof gss.BadMICError) return false;
    throw error;
  }
}

test('the ggf and completeAuthToken extensions are present in MIT', (t) => {
  t.true(gss.extensions.has('ggf'));
  t.true(gss.extensions.has('completeAuthToken'));
  for (const symbol of gss.EXTENSION_SYMBOLS.ggf ?? []) t.true(gss.libraryInfo().functions[symbol], symbol);
});

test('inquireSecContextByOid(GSS_C_INQ_SSPI_SESSION_KEY): the same session key on both sides', (t) => {
  const e = establishSync({ init: { flags: FULL_FLAGS } });
  const mine = gss.inquireSecContextByOidSync(e.initiator, gss.GSS_C_INQ_SSPI_SESSION_KEY);
  const theirs = gss.inquireSecContextByOidSync(e.acceptor, '1.2.840.113554.1.2.2.5.5');
  t.is(mine.length, 2, 'the key and its enctype');
  t.is(theirs.length, 2);
  const [key, enctype] = mine as [Buffer, Buffer];
  t.is(key.length, 32);
  t.true(key.equals(theirs[0] as Buffer));
  t.true(enctype.equals(theirs[1] as Buffer));
  t.true(enctype.equals(gss.OID.fromIntSeq(AES256_OID).bytes), 'an OID naming aes256-cts-hmac-sha1-96');

  // Cross-check with the lucid context: the session key is the acceptor's subkey.
  const lucid = gss.krb5ExportLucidSecContextSync(e.acceptor);
  t.true(lucid.cfxKd?.acceptorSubkey?.equals(key));
});

test('inquireSecContextByOid: Promise form, SPNEGO and NTLM contexts', async (t) => {
  const krb5 = await establish({ init: { flags: FULL_FLAGS } });
  const [a, b] = await Promise.all([
    gss.inquireSecContextByOid(krb5.initiator, gss.GSS_C_INQ_SSPI_SESSION_KEY),
    gss.inquireSecContextByOid(krb5.acceptor, gss.GSS_C_INQ_SSPI_SESSION_KEY),
  ]);
  t.true(a[0]?.equals(b[0] as Buffer));

  const spnego = establishSync({ init: { mech: SPNEGO, flags: FULL_FLAGS } });
  const s = gss.inquireSecContextByOidSync(spnego.initiator, gss.GSS_C_INQ_SSPI_SESSION_KEY);
  t.true(s[0]?.equals(gss.inquireSecContextByOidSync(spnego.acceptor, gss.GSS_C_INQ_SSPI_SESSION_KEY)[0] as Buffer));

  const ntlm = ntlmContexts();
  const n = gss.inquireSecContextByOidSync(ntlm.initiator, gss.GSS_C_INQ_SSPI_SESSION_KEY);
  t.is(n.length, 1);
  t.is(n[0]?.length, 16, 'the NTLM exported session key');
  t.true(n[0]?.equals(gss.inquireSecContextByOidSync(ntlm.acceptor, gss.GSS_C_INQ_SSPI_SESSION_KEY)[0] as Buffer));
});

test('inquireSecContextByOid with an OID no mechanism knows is a GSSError', async (t) => {
  const e = establishSync();
  const error = await failsWith(
    t,
    () => gss.inquireSecContextByOidSync(e.initiator, BOGUS),
    gss.OperationUnavailableError,
  );
  t.true(error instanceof gss.GSSError);
  await failsWith(t, () => gss.inquireSecContextByOid(e.acceptor, BOGUS), gss.OperationUnavailableError);
  await failsWith(t, () => gss.inquireSecContextByOidSync(e.acceptor, 'not an oid'), RangeError, /desiredAspect/);
  await failsWith(t, () => gss.inquireSecContextByOidSync(null as never, BOGUS), TypeError, /context/);
});

test('inquireCredByOid(GSS_KRB5_GET_CRED_IMPERSONATOR): the impersonator of S4U2Self credentials', async (t) => {
  const realm = fixture.realm;
  // The host principal (ok_to_auth_as_delegate) gets a TGT from the keytab
  // into its own cache, then impersonates the user.
  const cache = path.join(realm.dir, 'host.ccache');
  await realm.kinit(realm.hostPrincipal, { keytab: true, ccache: cache });
  const host = gss.krb5ImportCredSync({ cache: `FILE:${cache}` });
  const user = gss.importNameSync(realm.userPrincipal, { nameType: gss.NameType.kerberosPrincipal });
  const { creds } = gss.acquireCredImpersonateNameSync(host, user, { usage: 'initiate' });
  t.is(show(gss.inquireCredSync(creds).name), realm.userPrincipal);

  const answer = gss.inquireCredByOidSync(creds, gss.GSS_KRB5_GET_CRED_IMPERSONATOR);
  t.deepEqual(
    answer.map((b) => b.toString()),
    [realm.hostPrincipal],
  );
  t.deepEqual(await gss.inquireCredByOid(creds, gss.GSS_KRB5_GET_CRED_IMPERSONATOR), answer);

  // The user's own krb5 ticket has no impersonator: an empty answer, not an error.
  const own = gss.acquireCredSync({ usage: 'initiate', mechs: [gss.MechType.kerberos] }).creds;
  t.deepEqual(gss.inquireCredByOidSync(own, gss.GSS_KRB5_GET_CRED_IMPERSONATOR), []);
  // MIT asks each mechanism of the credentials in turn and returns the status
  // of the last one: with NTLM last in the default set, NTLM's "unavailable".
  const all = gss.acquireCredSync({ usage: 'initiate' });
  t.true([...all.mechs].some((mech) => mech.equals(NTLM)));
  await failsWith(
    t,
    () => gss.inquireCredByOidSync(all.creds, gss.GSS_KRB5_GET_CRED_IMPERSONATOR),
    gss.OperationUnavailableError,
  );
});

test('inquireCredByOid with an unknown OID is a GSSError; creds are required', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  await failsWith(t, () => gss.inquireCredByOidSync(creds, BOGUS), gss.OperationUnavailableError);
  await failsWith(t, () => gss.inquireCredByOid(creds, BOGUS), gss.OperationUnavailableError);
  await failsWith(t, () => gss.inquireCredByOidSync(null as never, BOGUS), TypeError, /creds/);
});

test('setSecContextOption: NTLM reset-crypto changes the RC4 state of the side it is set on', (t) => {
  const e = ntlmContexts();
  t.true(roundTrip(e, 'before'));
  // Reset the initiator's sending and the acceptor's receiving state together:
  // both start over from the same key, so messages still get through.
  t.is(gss.setSecContextOptionSync(NTLM_RESET_CRYPTO, { context: e.initiator, value: u32(0) }), e.initiator);
  t.is(gss.setSecContextOptionSync(NTLM_RESET_CRYPTO, { context: e.acceptor, value: u32(1) }), e.acceptor);
  t.true(roundTrip(e, 'after both reset'));
  // Reset only the sender: the receiver's state no longer matches.
  gss.setSecContextOptionSync(NTLM_RESET_CRYPTO, { context: e.initiator, value: u32(0) });
  t.false(roundTrip(e, 'after one reset'));
});

test('setSecContextOption (Promise form) and its failures', async (t) => {
  const e = ntlmContexts();
  t.is(await gss.setSecContextOption(NTLM_RESET_CRYPTO, { context: e.initiator, value: u32(0) }), e.initiator);
  await gss.setSecContextOption(NTLM_RESET_CRYPTO, { context: e.acceptor, value: u32(1) });
  t.true(roundTrip(e, 'async reset'));
  // gss-ntlmssp wants exactly 4 bytes.
  await failsWith(
    t,
    () => gss.setSecContextOptionSync(NTLM_RESET_CRYPTO, { context: e.acceptor, value: u32(0).subarray(0, 2) }),
    gss.GSSError,
  );

  // A bogus OID on a krb5 context, and no context at all (MIT's mechglue has no
  // mechanism to ask).
  const krb5 = establishSync();
  await failsWith(
    t,
    () => gss.setSecContextOptionSync(BOGUS, { context: krb5.initiator }),
    gss.OperationUnavailableError,
  );
  await failsWith(t, () => gss.setSecContextOption(BOGUS, { context: krb5.acceptor, value: u32(1) }), gss.GSSError);
  await failsWith(
    t,
    () => gss.setSecContextOptionSync(NTLM_RESET_CRYPTO, { value: u32(0) }),
    gss.OperationUnavailableError,
  );
  t.true(roundTrip(krb5, 'the krb5 context is unharmed'));
  await failsWith(
    t,
    () => gss.setSecContextOptionSync(BOGUS, { context: krb5.initiator, value: 'x' as never }),
    TypeError,
    /options.value/,
  );
});

test('completeAuthToken on krb5, SPNEGO and NTLM contexts returns the token unchanged', async (t) => {
  const token = Buffer.from('a token the application built');
  for (const mech of [gss.MechType.kerberos, SPNEGO, NTLM]) {
    const e = establishSync({ init: { mech, flags: FULL_FLAGS } });
    const done = gss.completeAuthTokenSync(e.initiator, token);
    t.true(done.equals(token), mech.dottedForm);
    t.not(done, token, 'a new Buffer');
    t.true((await gss.completeAuthToken(e.acceptor, new Uint8Array(token))).equals(token), mech.dottedForm);
    t.is(gss.completeAuthTokenSync(e.acceptor, new Uint8Array(0)).length, 0);
  }
});

test('completeAuthToken on a context that is gone is a GSSError; arguments are checked first', async (t) => {
  const e = establishSync();
  gss.krb5ExportLucidSecContextSync(e.initiator); // MIT deletes the context
  await failsWith(t, () => gss.completeAuthTokenSync(e.initiator, Buffer.from('x')), gss.MissingContextError);
  await failsWith(t, () => gss.completeAuthTokenSync(e.acceptor, 'text' as never), TypeError, /token/);
  await failsWith(t, () => gss.completeAuthToken(undefined as never, Buffer.alloc(1)), TypeError, /context/);
});
