/**
 * @gssapi/raw per-message protection: wrap/unwrap (with and without
 * confidentiality), MICs, tampering, wrap size limit, replay and sequence
 * detection, and the shape of the errors. One established krb5 pair is shared
 * by the tests that do not depend on sequence numbers; the ones that do get
 * their own pair.
 */
import { Buffer } from 'node:buffer';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { type Established, establishSync, FULL_FLAGS, failsWith, flipped } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const { RequirementFlag: F } = gss;

// Shared pair without replay/sequence detection, so that tests running
// concurrently on it cannot trip each other's sequence numbers.
let shared: Established;
test.serial.before(() => {
  shared = establishSync({ init: { flags: [F.mutualAuthentication, F.confidentiality, F.integrity] } });
});

/** A fresh pair with replay and sequence detection, for order-sensitive tests. */
function strictPair(): Established {
  return establishSync({ init: { flags: FULL_FLAGS } });
}

test('wrap/unwrap with confidentiality: encrypted, and the payload is not visible', async (t) => {
  const secret = 'attack at dawn, attack at dawn';
  const sealed = await gss.wrap(shared.initiator, secret);
  t.true(sealed.encrypted);
  t.true(Buffer.isBuffer(sealed.message));
  t.false(sealed.message.includes(Buffer.from(secret)), 'the ciphertext must not contain the plaintext');
  t.true(Object.isFrozen(sealed));
  const opened = await gss.unwrap(shared.acceptor, sealed.message);
  t.true(Buffer.isBuffer(opened.message));
  t.is(opened.message.toString(), secret);
  t.true(opened.encrypted);
  t.is(opened.qop, 0);
});

test('wrap/unwrap without confidentiality: integrity only, the payload travels in clear', (t) => {
  const text = 'signed but readable';
  const signed = gss.wrapSync(shared.acceptor, text, { confidential: false });
  t.false(signed.encrypted);
  t.true(signed.message.includes(Buffer.from(text)));
  const opened = gss.unwrapSync(shared.initiator, signed.message);
  t.false(opened.encrypted);
  t.is(opened.message.toString(), text);
});

test('wrap takes strings (UTF-8) and any Uint8Array, including views', (t) => {
  const unicode = 'héllo wörld ✓';
  t.is(
    gss.unwrapSync(shared.acceptor, gss.wrapSync(shared.initiator, unicode).message).message.toString('utf8'),
    unicode,
  );
  const bytes = Uint8Array.from([0, 1, 2, 253, 254, 255]);
  t.deepEqual([...gss.unwrapSync(shared.acceptor, gss.wrapSync(shared.initiator, bytes).message).message], [...bytes]);
  // A view into the middle of a larger buffer: only the viewed bytes are wrapped.
  const backing = Buffer.from('XXXpayloadYYY');
  const view = new Uint8Array(backing.buffer, backing.byteOffset + 3, 7);
  t.is(gss.unwrapSync(shared.acceptor, gss.wrapSync(shared.initiator, view).message).message.toString(), 'payload');
  // The wrapped token can be handed to unwrap as a plain Uint8Array too.
  const token = gss.wrapSync(shared.initiator, 'as u8').message;
  t.is(gss.unwrapSync(shared.acceptor, new Uint8Array(token)).message.toString(), 'as u8');
});

test('an empty message wraps and unwraps to an empty Buffer', async (t) => {
  const sealed = gss.wrapSync(shared.initiator, Buffer.alloc(0));
  t.true(sealed.message.length > 0, 'the token still has a header');
  const opened = await gss.unwrap(shared.acceptor, sealed.message);
  t.true(Buffer.isBuffer(opened.message));
  t.is(opened.message.length, 0);
  t.is(gss.unwrapSync(shared.acceptor, gss.wrapSync(shared.initiator, '').message).message.length, 0);
});

test('a 1 MiB message round-trips (async)', async (t) => {
  const big = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < big.length; i++) big[i] = (i * 31 + 7) & 0xff;
  const sealed = await gss.wrap(shared.initiator, big);
  t.true(sealed.message.length > big.length);
  const opened = await gss.unwrap(shared.acceptor, sealed.message);
  t.true(opened.message.equals(big));
});

test('getMic/verifyMic', async (t) => {
  const message = 'the message the MIC protects';
  const mic = await gss.getMic(shared.initiator, message);
  t.true(Buffer.isBuffer(mic));
  t.true(mic.length > 0);
  t.false(mic.includes(Buffer.from(message)), 'a MIC is not the message');
  t.is(await gss.verifyMic(shared.acceptor, message, mic), 0);
  t.is(gss.verifyMicSync(shared.acceptor, Buffer.from(message), gss.getMicSync(shared.initiator, message)), 0);
});

test('a tampered MIC raises BadMICError (GSS_S_BAD_MIC)', async (t) => {
  const mic = gss.getMicSync(shared.initiator, 'untouched');
  const err = (await failsWith(
    t,
    () => gss.verifyMicSync(shared.acceptor, 'untouched', flipped(mic, -1)),
    gss.BadMICError,
  )) as gss.GSSError;
  t.is(err.code, 'GSS_S_BAD_MIC');
  t.is(err.major, 0x60000);
  t.is(err.operation, 'verifyMic');
  // The right MIC with a changed message fails the same way.
  const mic2 = gss.getMicSync(shared.initiator, 'original');
  await t.throwsAsync(gss.verifyMic(shared.acceptor, 'originaL', mic2), { instanceOf: gss.BadMICError });
});

test('no tampered wrap token is ever accepted', async (t) => {
  for (const confidential of [true, false]) {
    const token = gss.wrapSync(shared.initiator, 'do not touch me', { confidential }).message;
    let defective = 0;
    let badMic = 0;
    for (let i = 0; i < token.length; i++) {
      try {
        gss.unwrapSync(shared.acceptor, flipped(token, i, 0xff));
        t.fail(`a token with byte ${i} flipped was accepted (confidential ${confidential})`);
      } catch (e) {
        if (e instanceof gss.BadMICError) badMic++;
        else if (e instanceof gss.InvalidTokenError) defective++;
        else t.fail(`byte ${i}: unexpected ${(e as Error).name}: ${(e as Error).message}`);
      }
    }
    // MIT: header bytes give DEFECTIVE_TOKEN, checksum/ciphertext bytes BAD_MIC.
    t.true(defective > 0, `some DEFECTIVE_TOKEN (confidential ${confidential})`);
    t.true(badMic > 0, `some BAD_MIC (confidential ${confidential})`);
    t.is(defective + badMic, token.length);
  }
  // The context is unharmed: a genuine token still opens.
  const ok = gss.wrapSync(shared.initiator, 'genuine').message;
  t.is((await gss.unwrap(shared.acceptor, ok)).message.toString(), 'genuine');
});

test('wrapSizeLimit: a message of the limit wraps into the output size', async (t) => {
  const limit = await gss.wrapSizeLimit(shared.initiator, 1024);
  t.true(Number.isInteger(limit));
  t.true(limit > 0 && limit < 1024);
  t.true(gss.wrapSync(shared.initiator, Buffer.alloc(limit, 0x61)).message.length <= 1024);
  t.true(gss.wrapSync(shared.initiator, Buffer.alloc(limit + 1, 0x61)).message.length > 1024);

  const integrityOnly = gss.wrapSizeLimitSync(shared.initiator, 1024, { confidential: false });
  t.true(integrityOnly > 0 && integrityOnly < 1024);
  t.true(gss.wrapSync(shared.initiator, Buffer.alloc(integrityOnly), { confidential: false }).message.length <= 1024);
});

test('an unsupported QOP raises BadQoPError', async (t) => {
  const err = (await failsWith(
    t,
    () => gss.wrapSync(shared.initiator, 'x', { qop: 1 }),
    gss.BadQoPError,
  )) as gss.GSSError;
  t.is(err.code, 'GSS_S_BAD_QOP');
  await t.throwsAsync(gss.getMic(shared.initiator, 'x', { qop: 1 }), { instanceOf: gss.BadQoPError });
  t.is(gss.getMicSync(shared.initiator, 'x', { qop: 0 }).length > 0, true);
});

test('a replayed wrap token raises DuplicateTokenError', async (t) => {
  const pair = strictPair();
  const token = gss.wrapSync(pair.initiator, 'once only').message;
  t.is(gss.unwrapSync(pair.acceptor, token).message.toString(), 'once only');
  const err = (await failsWith(t, () => gss.unwrapSync(pair.acceptor, token), gss.DuplicateTokenError)) as gss.GSSError;
  // MIT reports it as supplementary information only: routine error 0.
  t.is(err.code, 'GSS_S_DUPLICATE_TOKEN');
  t.is(err.routineCode, 0);
  t.is(err.supplementaryCode, gss.GSS_S.DUPLICATE_TOKEN);
  t.true(err instanceof gss.SupplementaryError);
  await t.throwsAsync(gss.unwrap(pair.acceptor, token), { instanceOf: gss.DuplicateTokenError });
});

test('a replayed MIC raises DuplicateTokenError', async (t) => {
  const pair = strictPair();
  const mic = gss.getMicSync(pair.initiator, 'm');
  t.is(gss.verifyMicSync(pair.acceptor, 'm', mic), 0);
  await failsWith(t, () => gss.verifyMicSync(pair.acceptor, 'm', mic), gss.DuplicateTokenError);
});

test('reordered tokens raise TokenTooEarlyError (gap) then TokenTooLateError (late)', async (t) => {
  const pair = strictPair();
  const first = gss.wrapSync(pair.initiator, 'first').message;
  const second = gss.wrapSync(pair.initiator, 'second').message;
  const third = gss.wrapSync(pair.initiator, 'third').message;
  // Second before first: MIT reports a gap (GSS_S_GAP_TOKEN), a supplementary code.
  const early = (await failsWith(
    t,
    () => gss.unwrapSync(pair.acceptor, second),
    gss.TokenTooEarlyError,
  )) as gss.GSSError;
  t.is(early.code, 'GSS_S_GAP_TOKEN');
  t.true(early instanceof gss.TokenOutOfSequenceError);
  // Then the first, which is now late (GSS_S_UNSEQ_TOKEN).
  const late = (await failsWith(t, () => gss.unwrapSync(pair.acceptor, first), gss.TokenTooLateError)) as gss.GSSError;
  t.is(late.code, 'GSS_S_UNSEQ_TOKEN');
  t.true(late instanceof gss.TokenOutOfSequenceError);
  // The next one in sequence is fine again.
  t.is(gss.unwrapSync(pair.acceptor, third).message.toString(), 'third');
});

test('errors carry major/minor numbers and a message with both texts', async (t) => {
  // A major-only failure: minor 0, so no minor text in the message.
  const mic = gss.getMicSync(shared.initiator, 'x');
  const bad = (await t.throwsAsync(gss.verifyMic(shared.acceptor, 'x', flipped(mic, -2)), {
    instanceOf: gss.GSSError,
  })) as gss.GSSError;
  t.is(bad.major, 0x60000);
  t.is(bad.minor, 0);
  t.deepEqual([...bad.majorMessages], ['A token had an invalid Message Integrity Check (MIC)']);
  t.true(bad.message.includes('A token had an invalid Message Integrity Check (MIC)'));
  t.true(bad.message.includes('GSS_S_BAD_MIC'));
  t.false(bad.message.includes('minor'));

  // A failure with a minor code: the message includes its text and number.
  const first = gss.initSecContextSync(
    gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService }),
  );
  gss.acceptSecContextSync(first.token as Buffer);
  const replay = (await t.throwsAsync(gss.acceptSecContext(first.token as Buffer), {
    instanceOf: gss.GSSError,
  })) as gss.GSSError;
  t.is(replay.major, gss.GSS_S.FAILURE);
  t.not(replay.minor, 0);
  t.true(replay.minor > 0, 'minor is unsigned');
  const majorText = replay.majorMessages.join('; ');
  const minorText = replay.minorMessages.join('; ');
  t.regex(majorText, /Unspecified GSS failure/);
  t.is(minorText, 'Request is a replay');
  t.true(replay.message.includes(majorText));
  t.true(replay.message.includes(minorText));
  t.true(replay.message.includes(String(replay.minor)));
  // The minor text is what displayStatus gives for the code.
  t.is(gss.displayStatusSync(replay.minor, false, { mech: gss.MechType.kerberos }).message, minorText);
});

test('message arguments are validated', async (t) => {
  t.throws(() => gss.wrapSync(shared.initiator, 42 as never), { instanceOf: TypeError, message: /^message/ });
  t.throws(() => gss.wrapSync(shared.initiator, 'x', { confidential: 'yes' as never }), {
    instanceOf: TypeError,
    message: /options\.confidential/,
  });
  t.throws(() => gss.wrapSync(shared.initiator, 'x', { qop: -1 }), {
    instanceOf: RangeError,
    message: /options\.qop/,
  });
  t.throws(() => gss.unwrapSync(shared.acceptor, 'a string' as never), {
    instanceOf: TypeError,
    message: /^message must be a Uint8Array/,
  });
  t.throws(() => gss.verifyMicSync(shared.acceptor, 'x', 'mic' as never), { instanceOf: TypeError, message: /^token/ });
  t.throws(() => gss.getMicSync({} as never, 'x'), { instanceOf: TypeError, message: /^context/ });
  t.throws(() => gss.wrapSizeLimitSync(shared.initiator, -1), { instanceOf: RangeError, message: /^outputSize/ });
  t.throws(() => gss.wrapSizeLimitSync(shared.initiator, '1024' as never), {
    instanceOf: TypeError,
    message: /^outputSize/,
  });
  await failsWith(t, () => gss.wrap(shared.initiator, undefined as never), TypeError, /^message/);
});

test('message calls on a context that is not established raise MissingContextError', async (t) => {
  const partial = gss.initSecContextSync(
    gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService }),
    { flags: [F.mutualAuthentication] },
  );
  const err = (await failsWith(t, () => gss.wrapSync(partial.context, 'x'), gss.MissingContextError)) as gss.GSSError;
  t.is(err.code, 'GSS_S_NO_CONTEXT');
  await t.throwsAsync(gss.getMic(partial.context, 'x'), { instanceOf: gss.MissingContextError });
});
