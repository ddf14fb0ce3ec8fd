/**
 * @gssapi/raw RFC 4401 pseudo-random function (`prf`): initiator and acceptor
 * of one context derive the same bytes, for both keys and for lengths 0, 44
 * and large; different inputs, keys and contexts give different bytes. Both
 * peers run in this process against a real KDC; nothing is mocked.
 */
import { Buffer } from 'node:buffer';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, FULL_FLAGS, failsWith } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const SPNEGO = gss.OID.fromIntSeq('1.3.6.1.5.5.2');
const LENGTHS = [0, 1, 44, 100, 16384, 1 << 20];
const input = Buffer.from('gssapi-sdk prf test input');

test('the prf extension is present in MIT', (t) => {
  t.true(gss.extensions.has('prf'));
  t.true(gss.libraryInfo().functions.gss_pseudo_random);
});

for (const prfKey of ['full', 'partial'] as const) {
  test(`initiator and acceptor derive the same bytes (${prfKey}, lengths ${LENGTHS.join('/')})`, (t) => {
    const e = establishSync({ init: { flags: FULL_FLAGS } });
    for (const length of LENGTHS) {
      const mine = gss.pseudoRandomSync(e.initiator, prfKey, input, length);
      const theirs = gss.pseudoRandomSync(e.acceptor, prfKey, input, length);
      t.true(Buffer.isBuffer(mine));
      t.is(mine.length, length);
      t.true(mine.equals(theirs), `length ${length}`);
      if (length >= 16) t.false(mine.equals(Buffer.alloc(length)), 'not all zero');
    }
    // The shorter outputs are prefixes of the longer ones (RFC 4402 counter mode).
    const long = gss.pseudoRandomSync(e.initiator, prfKey, input, 100);
    t.true(gss.pseudoRandomSync(e.acceptor, prfKey, input, 44).equals(long.subarray(0, 44)));
  });

  test(`the Promise form gives the same bytes as the Sync form (${prfKey})`, async (t) => {
    const e = await establish({ init: { flags: FULL_FLAGS } });
    const [a, b] = await Promise.all([
      gss.pseudoRandom(e.initiator, prfKey, input, 44),
      gss.pseudoRandom(e.acceptor, prfKey, input, 44),
    ]);
    t.true(a.equals(b));
    t.true(a.equals(gss.pseudoRandomSync(e.initiator, prfKey, input, 44)));
  });
}

test('the key, the input and the context all change the output', (t) => {
  const e = establishSync({ init: { flags: FULL_FLAGS } });
  const full = gss.pseudoRandomSync(e.initiator, 'full', input, 44);
  // With mutual authentication MIT's acceptor asserts a subkey, which keys
  // GSS_C_PRF_KEY_FULL; GSS_C_PRF_KEY_PARTIAL uses the initiator's key.
  t.false(full.equals(gss.pseudoRandomSync(e.initiator, 'partial', input, 44)));
  t.false(full.equals(gss.pseudoRandomSync(e.initiator, 'full', Buffer.from('other input'), 44)));
  t.false(full.equals(gss.pseudoRandomSync(e.initiator, 'full', new Uint8Array(0), 44)));
  t.true(full.equals(gss.pseudoRandomSync(e.initiator, gss.GSS_C_PRF_KEY_FULL as never, input, 44)));
  const other = establishSync({ init: { flags: FULL_FLAGS } });
  t.false(full.equals(gss.pseudoRandomSync(other.initiator, 'full', input, 44)));
});

test('SPNEGO contexts forward the PRF to krb5', (t) => {
  const e = establishSync({ init: { mech: SPNEGO, flags: FULL_FLAGS } });
  for (const prfKey of ['full', 'partial'] as const) {
    t.true(
      gss.pseudoRandomSync(e.initiator, prfKey, input, 44).equals(gss.pseudoRandomSync(e.acceptor, prfKey, input, 44)),
    );
  }
});

test('a context that is gone gives a GSSError', async (t) => {
  const e = establishSync();
  gss.krb5ExportLucidSecContextSync(e.initiator); // MIT deletes the context
  await failsWith(t, () => gss.pseudoRandomSync(e.initiator, 'full', input, 16), gss.MissingContextError);
  await failsWith(t, () => gss.pseudoRandom(e.initiator, 'full', input, 16), gss.MissingContextError);
});

test('bad arguments throw before any C call', async (t) => {
  const e = establishSync();
  await failsWith(t, () => gss.pseudoRandomSync(e.initiator, 'half' as never, input, 16), TypeError, /prfKey/);
  await failsWith(t, () => gss.pseudoRandomSync(e.initiator, 'full', 'text' as never, 16), TypeError, /prfIn/);
  await failsWith(t, () => gss.pseudoRandomSync(e.initiator, 'full', input, -1), RangeError, /desiredOutputLength/);
  await failsWith(t, () => gss.pseudoRandomSync(e.initiator, 'full', input, 1.5), RangeError, /desiredOutputLength/);
  await failsWith(t, () => gss.pseudoRandomSync(e.initiator, 'full', input, '8' as never), TypeError);
  await failsWith(t, () => gss.pseudoRandom({} as never, 'full', input, 8), TypeError, /context/);
});
