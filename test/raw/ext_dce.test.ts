/**
 * @gssapi/raw DCE IOV, AEAD and IOV MIC extensions (ext_dce.ts, ext_iov_mic.ts),
 * after MIT's t_iov.c: HEADER | DATA | PADDING | TRAILER tokens unwrapped through
 * the IOV, through gss_unwrap and through a STREAM buffer; pre-sized and
 * library-allocated buffers; AEAD with SIGN_ONLY buffers and with
 * gss_wrap_aead; MIC IOVs; DCE-style contexts without padding or trailer. Both
 * directions, with and without confidentiality, on real krb5 contexts of a
 * throwaway realm.
 */
import { Buffer } from 'node:buffer';
import { inspect } from 'node:util';
import * as gss from '@gssapi/raw';
import test, { type ExecutionContext } from 'ava';
import { type Established, establishSync, FULL_FLAGS, failsWith, flipped } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const { IOV, IOVBufferType: T, RequirementFlag: F } = gss;
type IOV = gss.IOV;

// Reading which symbols the library has only dlopens it (no GSSAPI call), so
// it is safe before the realm's environment is applied in test.before.
function extTest(ext: string, title: string, fn: (t: ExecutionContext) => void | Promise<void>): void {
  if (gss.extensions.has(ext)) test(title, fn);
  else test.skip(`${title} [skipped: the loaded library lacks the ${ext} extension]`, fn);
}

/** A krb5 pair with confidentiality, integrity, replay and sequence detection. */
function strictPair(): Established {
  return establishSync({ init: { flags: FULL_FLAGS, mech: gss.MechType.kerberos } });
}

/** A krb5 pair without replay/sequence detection, for tests where calls fail on purpose. */
function loosePair(): Established {
  return establishSync({
    init: { flags: [F.mutualAuthentication, F.confidentiality, F.integrity], mech: gss.MechType.kerberos },
  });
}

const DIRECTIONS = [
  ['initiator to acceptor', (p: Established) => [p.initiator, p.acceptor] as const],
  ['acceptor to initiator', (p: Established) => [p.acceptor, p.initiator] as const],
] as const;

const types = (iov: IOV) => [...iov].map((b) => b.type);
const allocs = (iov: IOV) => [...iov].map((b) => b.allocate);
const bytesOf = (iov: IOV, type: gss.IOVBufferType, from = 0): Buffer => {
  const value = iov.at(iov.index(type, from))?.value;
  if (!value) throw new Error(`no value in the ${gss.IOVBufferType[type]} buffer`);
  return value;
};
const snapshot = (iov: IOV) => [...iov].map((b) => [b.type, b.allocate, b.value && Buffer.from(b.value)]);

// ---------------------------------------------------------------- detection

test('extensions reports dce, dceAead and iovMic exactly when their symbols are present (all three on MIT)', (t) => {
  const fns = gss.libraryInfo().functions;
  t.is(
    gss.extensions.has('dce'),
    ['gss_wrap_iov', 'gss_unwrap_iov', 'gss_wrap_iov_length', 'gss_release_iov_buffer'].every((s) => fns[s]),
  );
  t.is(gss.extensions.has('dceAead'), fns.gss_wrap_aead === true && fns.gss_unwrap_aead === true);
  t.is(
    gss.extensions.has('iovMic'),
    ['gss_get_mic_iov', 'gss_get_mic_iov_length', 'gss_verify_mic_iov'].every((s) => fns[s]),
  );
  if (gss.libraryInfo().path.includes('gssapi_krb5')) {
    t.true(gss.extensions.has('dce') && gss.extensions.has('dceAead') && gss.extensions.has('iovMic'));
  }
});

// ---------------------------------------------------------------- the IOV type

test('IOVBufferType and IOVBufferFlag carry the C values', (t) => {
  t.deepEqual(
    [T.empty, T.data, T.header, T.mechParams, T.trailer, T.padding, T.stream, T.signOnly, T.micToken],
    [0, 1, 2, 3, 7, 9, 10, 11, 12],
  );
  t.is(gss.IOVBufferFlag.allocate, 0x10000);
  t.is(gss.IOVBufferFlag.allocated, 0x20000);
});

test('IOV standard layout: header first, padding and trailer last, auto-allocated', (t) => {
  const iov = new IOV('hello');
  t.is(iov.length, 4);
  t.deepEqual(types(iov), [T.header, T.data, T.padding, T.trailer]);
  t.deepEqual(allocs(iov), [true, false, true, true]);
  t.deepEqual(
    [...iov].map((b) => b.value?.toString()),
    [undefined, 'hello', undefined, undefined],
  );
  t.true(Buffer.isBuffer(iov.at(1)?.value));
  t.is(iov.at(-1)?.type, T.trailer);
  t.is(iov.at(4), undefined);
  t.is(iov.index(T.data), 1);
  t.is(iov.index(T.stream), -1);
  t.is(iov.index(iov.at(2) as gss.IOVBuffer), 2);
  t.is(iov.index(T.header, 1), -1);
  t.deepEqual([...iov], [iov.at(0), iov.at(1), iov.at(2), iov.at(3)]);
  t.is(String(iov), '<IOV HEADER(allocate) | DATA(5 bytes: 68656c6c6f) | PADDING(allocate) | TRAILER(allocate)>');
  t.is(inspect(iov), String(iov));

  const manual = new IOV('hello', { autoAlloc: false });
  t.deepEqual(allocs(manual), [false, false, false, false]);
  t.is(String(manual), '<IOV HEADER(empty) | DATA(5 bytes: 68656c6c6f) | PADDING(empty) | TRAILER(empty)>');

  const bare = new IOV('a', Buffer.from('b'), { stdLayout: false });
  t.deepEqual(types(bare), [T.data, T.data]);
});

test('IOV buffer descriptions: types, [type, data], [type, allocate], [type, allocate, data]', (t) => {
  const bytes = new Uint8Array([1, 2, 3, 4, 5]).subarray(1, 4);
  const iov = new IOV(
    [T.header, false],
    [T.signOnly, 'signed'],
    bytes,
    [T.data, undefined],
    T.empty,
    [T.padding, true, Buffer.alloc(2)],
    [T.trailer, Buffer.from('tt')],
  );
  // A header, a padding and a trailer are given, so the standard layout adds none.
  t.deepEqual(types(iov), [T.header, T.signOnly, T.data, T.data, T.empty, T.padding, T.trailer]);
  t.deepEqual(allocs(iov), [false, false, false, false, false, true, false]);
  t.is(iov.at(1)?.value?.toString(), 'signed');
  // A Uint8Array becomes a Buffer view of the same bytes.
  t.deepEqual([...(iov.at(2)?.value ?? [])], [2, 3, 4]);
  t.is(iov.at(2)?.value?.buffer, bytes.buffer);
  t.is(iov.at(3)?.value, undefined);
  t.is(iov.at(5)?.value?.length, 2);
  t.is(iov.at(6)?.value?.toString(), 'tt');

  // Only header, padding and trailer get the standard layout's missing pieces.
  t.deepEqual(types(new IOV([T.header, true], 'x')), [T.header, T.data, T.padding, T.trailer]);
  // The stream form and MIC IOVs are not wrap layouts: no header/padding/trailer added.
  t.deepEqual(types(new IOV([T.stream, 'token'], T.data)), [T.stream, T.data]);
  const mic = new IOV('x', T.micToken);
  t.deepEqual(types(mic), [T.data, T.micToken]);
  t.deepEqual(allocs(mic), [false, true]);
  t.deepEqual(allocs(new IOV('x', T.micToken, { autoAlloc: false })), [false, false]);
  // Auto-allocation is only for header/padding/trailer/MIC token.
  t.deepEqual(allocs(new IOV(T.data, T.signOnly, { stdLayout: false })), [false, false]);
});

test('IOV buffers: type is read-only, value/allocate are writable, no other properties', (t) => {
  const iov = new IOV('x');
  const header = iov.at(0) as gss.IOVBuffer;
  t.throws(
    () => {
      (header as { type: number }).type = T.data;
    },
    { instanceOf: TypeError },
  );
  t.throws(
    () => {
      (header as unknown as Record<string, unknown>).extra = 1;
    },
    { instanceOf: TypeError },
  );
  header.value = Buffer.alloc(3);
  header.allocate = false;
  t.is(String(iov).split(' | ')[0], '<IOV HEADER(3 bytes: 000000)');
});

test('IOV constructor rejects bad descriptions with TypeError/RangeError naming the buffer', (t) => {
  t.throws(() => new IOV(true as never), { instanceOf: TypeError, message: /buffers\[0\]/ });
  t.throws(() => new IOV('a', [T.data] as never), { instanceOf: RangeError, message: /buffers\[1\]/ });
  t.throws(() => new IOV([T.data, true, 'x', 1] as never), { instanceOf: RangeError });
  t.throws(() => new IOV(T.header | 0x10000), { instanceOf: RangeError, message: /allocate/ });
  t.throws(() => new IOV(1.5), { instanceOf: RangeError });
  t.throws(() => new IOV(['data' as never, 'x']), { instanceOf: TypeError, message: /buffers\[0\]\[0\]/ });
  t.throws(() => new IOV([T.data, 5] as never), { instanceOf: TypeError, message: /buffers\[0\]\[1\]/ });
  t.throws(() => new IOV([T.data, 'yes', 'x'] as never), { instanceOf: TypeError, message: /buffers\[0\]\[1\]/ });
  t.throws(() => new IOV('x', { stdLayout: 'no' } as never), { instanceOf: TypeError, message: /stdLayout/ });
});

// ---------------------------------------------------------------- wrap/unwrap IOV (t_iov.c test_standard_wrap)

for (const confidential of [true, false]) {
  for (const [direction, sides] of DIRECTIONS) {
    extTest(
      'dce',
      `wrapIov HEADER|DATA|PADDING|TRAILER with allocation, confidential ${confidential}, ${direction}: unwrapIov, unwrap of the joined buffers, stream form`,
      (t) => {
        const [sender, receiver] = sides(strictPair());
        const text1 = 'The swift brown fox jumped over the lazy dog.';

        // 1. Wrap in place with library-allocated header/padding/trailer; unwrap through the IOV.
        const input = Buffer.from(text1);
        const iov1 = new IOV(input);
        t.is(gss.wrapIovSync(sender, iov1, { confidential }), confidential);
        t.is(input.toString(), text1, 'the bytes given to the IOV are never written');
        const [header, data, padding, trailer] = [...iov1] as gss.IOVBuffer[];
        t.is(header?.allocate, undefined, 'the header was allocated by the library');
        t.true((header?.value?.length ?? 0) > 0);
        t.is(trailer?.allocate, undefined);
        t.true((trailer?.value?.length ?? 0) > 0);
        t.is(padding?.value?.length ?? 0, 0, 'no padding for AES (RFC 4121)');
        t.is(data?.value?.length, input.length);
        t.is(data?.value?.equals(input), !confidential, 'data is encrypted in place exactly when confidential');
        t.regex(String(iov1), /^<IOV HEADER\(\d+ bytes: [0-9a-f]+…?, allocated\) \| DATA/);
        const unwrapped = gss.unwrapIovSync(receiver, iov1);
        t.deepEqual(unwrapped, { encrypted: confidential, qop: 0 });
        t.true(Object.isFrozen(unwrapped));
        t.is(bytesOf(iov1, T.data).toString(), text1);

        // 2. The joined buffers are an ordinary wrap token.
        const iov2 = new IOV('Now is the time!');
        gss.wrapIovSync(sender, iov2, { confidential });
        const token = iov2.concat();
        t.is(
          token.length,
          [...iov2].reduce((n, b) => n + (b.value?.length ?? 0), 0),
        );
        const plain = gss.unwrapSync(receiver, token);
        t.is(plain.message.toString(), 'Now is the time!');
        t.is(plain.encrypted, confidential);

        // 3. Stream form: the whole token in STREAM, DATA empty; DATA ends up inside the stream.
        const text3 = 'x marks the spot, inside the stream buffer';
        const iov3 = new IOV(text3);
        gss.wrapIovSync(sender, iov3, { confidential });
        const token3 = iov3.concat();
        const token3Copy = Buffer.from(token3);
        const stream = new IOV([T.stream, token3], T.data);
        t.deepEqual(gss.unwrapIovSync(receiver, stream), { encrypted: confidential, qop: 0 });
        t.is(bytesOf(stream, T.data).toString(), text3);
        t.is(stream.at(1)?.allocate, false, 'DATA points into the stream: not allocated');
        t.true(bytesOf(stream, T.stream).includes(Buffer.from(text3)), 'the message was opened inside the stream');
        t.true(token3.equals(token3Copy), 'the caller’s token is not modified');

        // 4. A gss_wrap token through a stream buffer whose DATA the library allocates (a copy).
        const token4 = gss.wrapSync(sender, '!@#', { confidential }).message;
        const allocated = new IOV([T.stream, token4], [T.data, true]);
        t.deepEqual(gss.unwrapIovSync(receiver, allocated), { encrypted: confidential, qop: 0 });
        t.is(allocated.at(1)?.allocate, undefined, 'DATA with ALLOCATE comes back ALLOCATED');
        t.is(bytesOf(allocated, T.data).toString(), '!@#');
      },
    );
  }
}

// ---------------------------------------------------------------- pre-sized buffers and AEAD layouts (test_aead)

for (const confidential of [true, false]) {
  for (const [direction, sides] of DIRECTIONS) {
    extTest(
      'dce',
      `wrapIovLength sizes HEADER|SIGN_ONLY|DATA|PADDING|TRAILER, wrapIov fills the caller's buffers, confidential ${confidential}, ${direction}`,
      (t) => {
        const [sender, receiver] = sides(strictPair());
        const sign = 'This data is only signed.';
        const wrapped = 'This data is wrapped in-place.';
        const hasAead = gss.extensions.has('dceAead');

        const sized = (): IOV => {
          const iov = new IOV([T.signOnly, sign], wrapped, { autoAlloc: false });
          const result = gss.wrapIovLengthSync(sender, iov, { confidential });
          t.is(result.iov, iov);
          t.is(result.encrypted, confidential);
          t.true(Object.isFrozen(result));
          return iov;
        };

        // Sizes: zero-filled caller buffers; data and sign-only untouched.
        const iov = sized();
        t.deepEqual(types(iov), [T.header, T.signOnly, T.data, T.padding, T.trailer]);
        t.deepEqual(allocs(iov), [false, false, false, false, false]);
        const lengths = [...iov].map((b) => b.value?.length);
        t.true((lengths[0] ?? 0) > 0 && (lengths[4] ?? 0) > 0);
        t.is(lengths[3], 0);
        for (const i of [0, 3, 4]) t.true(iov.at(i)?.value?.every((byte) => byte === 0));
        t.is(iov.at(1)?.value?.toString(), sign);
        t.is(iov.at(2)?.value?.toString(), wrapped);

        // Wrap writes into those buffers (same lengths, not library-allocated).
        t.is(gss.wrapIovSync(sender, iov, { confidential }), confidential);
        t.deepEqual(
          [...iov].map((b) => b.value?.length),
          lengths,
        );
        t.deepEqual(allocs(iov), [false, false, false, false, false]);
        t.false(iov.at(0)?.value?.every((byte) => byte === 0));
        t.is(iov.at(1)?.value?.toString(), sign, 'sign-only data is never changed');
        t.is(iov.at(2)?.value?.toString() === wrapped, !confidential);

        // The same sizes as the library would allocate.
        const auto = new IOV([T.signOnly, sign], wrapped);
        gss.wrapIovLengthSync(sender, auto, { confidential });
        t.deepEqual(
          [...auto].map((b) => b.value?.length),
          lengths,
        );

        // aead1: unwrap through an IOV rebuilt from the received parts.
        const received = new IOV(
          [T.header, bytesOf(iov, T.header)],
          [T.signOnly, sign],
          bytesOf(iov, T.data),
          [T.padding, bytesOf(iov, T.padding)],
          [T.trailer, bytesOf(iov, T.trailer)],
        );
        t.deepEqual(gss.unwrapIovSync(receiver, received), { encrypted: confidential, qop: 0 });
        t.is(bytesOf(received, T.data).toString(), wrapped);
        t.is(bytesOf(received, T.signOnly).toString(), sign);

        // aead2: the joined non-sign-only buffers unwrap with gss_unwrap_aead given the sign-only data.
        const iov2 = sized();
        gss.wrapIovSync(sender, iov2, { confidential });
        if (hasAead) {
          const opened = gss.unwrapAeadSync(receiver, iov2.concat(), { associated: sign });
          t.is(opened.message.toString(), wrapped);
          t.is(opened.encrypted, confidential);
        } else {
          gss.unwrapIovSync(receiver, iov2);
        }

        // aead3: the same through a stream buffer with the sign-only data beside it.
        const iov3 = sized();
        gss.wrapIovSync(sender, iov3, { confidential });
        const stream = new IOV([T.stream, iov3.concat()], [T.signOnly, sign], T.data);
        t.deepEqual(gss.unwrapIovSync(receiver, stream), { encrypted: confidential, qop: 0 });
        t.is(bytesOf(stream, T.data).toString(), wrapped);

        // aead4: a gss_wrap_aead token through a stream buffer with an allocated DATA.
        if (hasAead) {
          const token = gss.wrapAeadSync(sender, wrapped, { associated: sign, confidential }).message;
          const stream4 = new IOV([T.stream, token], [T.signOnly, sign], [T.data, true]);
          t.deepEqual(gss.unwrapIovSync(receiver, stream4), { encrypted: confidential, qop: 0 });
          t.is(stream4.at(2)?.allocate, undefined);
          t.is(bytesOf(stream4, T.data).toString(), wrapped);
        }
      },
    );
  }
}

extTest('dce', 'wrapIov with a pre-sized header that is too small fails and leaves the IOV unchanged', (t) => {
  const { initiator } = loosePair();
  const iov = new IOV('payload', { autoAlloc: false });
  gss.wrapIovLengthSync(initiator, iov);
  const header = iov.at(0) as gss.IOVBuffer;
  header.value = Buffer.alloc((header.value?.length ?? 1) - 1);
  const before = snapshot(iov);
  const error = t.throws(() => gss.wrapIovSync(initiator, iov), { instanceOf: gss.GSSError });
  t.is(error?.operation, 'wrapIov');
  t.deepEqual(snapshot(iov), before);
});

extTest('dce', 'wrapIov without a header buffer fails with a GSSError, not a crash', (t) => {
  const { initiator } = loosePair();
  t.throws(() => gss.wrapIovSync(initiator, new IOV('payload', { stdLayout: false })), { instanceOf: gss.GSSError });
  t.throws(() => gss.wrapIovSync(initiator, new IOV({ stdLayout: false })), { instanceOf: gss.GSSError });
});

extTest(
  'dce',
  'unwrapIov rejects tampered data and changed sign-only data with BadMICError; the IOV is unchanged',
  (t) => {
    const { initiator, acceptor } = loosePair();
    const iov = new IOV([T.signOnly, 'routing'], 'secret payload');
    gss.wrapIovSync(initiator, iov);
    const parts = {
      header: bytesOf(iov, T.header),
      data: bytesOf(iov, T.data),
      trailer: bytesOf(iov, T.trailer),
    };
    const receive = (sign: string, data: Buffer) =>
      new IOV([T.header, parts.header], [T.signOnly, sign], data, [T.trailer, parts.trailer]);

    const tampered = receive('routing', flipped(parts.data, 3));
    const before = snapshot(tampered);
    t.throws(() => gss.unwrapIovSync(acceptor, tampered), { instanceOf: gss.BadMICError });
    t.deepEqual(snapshot(tampered), before);
    t.throws(() => gss.unwrapIovSync(acceptor, receive('rerouted', parts.data)), { instanceOf: gss.BadMICError });

    // The untampered parts still open: the failures were the tampering.
    const good = receive('routing', parts.data);
    gss.unwrapIovSync(acceptor, good);
    t.is(bytesOf(good, T.data).toString(), 'secret payload');
  },
);

// ---------------------------------------------------------------- DCE style (test_dce)

for (const confidential of [true, false]) {
  extTest(
    'dce',
    `DCE-style context: SIGN_ONLY|DATA|SIGN_ONLY|HEADER without padding or trailer, confidential ${confidential}, both directions`,
    (t) => {
      const pair = establishSync({
        init: { flags: [F.replayDetection, F.outOfSequenceDetection, F.dceStyle], mech: gss.MechType.kerberos },
      });
      t.true(pair.init.flags.has(F.dceStyle));
      const wrapped = 'This data must align to 16 bytes';
      for (const [sender, receiver] of [
        [pair.initiator, pair.acceptor],
        [pair.acceptor, pair.initiator],
      ] as const) {
        const iov = new IOV(
          [T.signOnly, 'First data to be signed'],
          wrapped,
          [T.signOnly, 'Second data to be signed'],
          [T.header, true],
          { stdLayout: false },
        );
        t.is(gss.wrapIovSync(sender, iov, { confidential }), confidential);
        t.deepEqual(types(iov), [T.signOnly, T.data, T.signOnly, T.header]);
        t.is(iov.at(3)?.allocate, undefined);
        t.is(iov.at(1)?.value?.toString() === wrapped, !confidential);
        t.is(iov.at(0)?.value?.toString(), 'First data to be signed');
        t.deepEqual(gss.unwrapIovSync(receiver, iov), { encrypted: confidential, qop: 0 });
        t.is(iov.at(1)?.value?.toString(), wrapped);
      }
    },
  );
}

// ---------------------------------------------------------------- AEAD

for (const confidential of [true, false]) {
  extTest('dceAead', `wrapAead/unwrapAead with associated data, confidential ${confidential}`, (t) => {
    const { initiator, acceptor } = strictPair();
    const associated = Buffer.from('associated data, never sent');
    const wrapped = gss.wrapAeadSync(initiator, 'the message', { associated, confidential });
    t.is(wrapped.encrypted, confidential);
    t.true(Object.isFrozen(wrapped));
    t.true(Buffer.isBuffer(wrapped.message));
    t.false(wrapped.message.includes(associated), 'associated data is not in the token');
    t.is(wrapped.message.includes(Buffer.from('the message')), !confidential);
    const tokenCopy = Buffer.from(wrapped.message);
    const opened = gss.unwrapAeadSync(acceptor, wrapped.message, { associated: 'associated data, never sent' });
    // MIT's gss_unwrap_aead decrypts the token in place: the addon hands it a copy.
    t.true(wrapped.message.equals(tokenCopy), 'the caller’s token is not modified');
    t.deepEqual(opened, { message: Buffer.from('the message'), encrypted: confidential, qop: 0 });
    t.true(Object.isFrozen(opened));

    // And back the other way.
    const back = gss.wrapAeadSync(acceptor, Buffer.from('reply'), { associated: 'ctx', confidential });
    t.is(gss.unwrapAeadSync(initiator, back.message, { associated: Buffer.from('ctx') }).message.toString(), 'reply');
  });
}

extTest('dceAead', 'wrapAead/unwrapAead without associated data interoperate with wrap/unwrap', (t) => {
  const { initiator, acceptor } = strictPair();
  const aead = gss.wrapAeadSync(initiator, 'no associated data');
  t.true(aead.encrypted);
  t.is(gss.unwrapSync(acceptor, aead.message).message.toString(), 'no associated data');
  const plain = gss.wrapSync(initiator, 'ordinary token');
  t.deepEqual(gss.unwrapAeadSync(acceptor, plain.message), {
    message: Buffer.from('ordinary token'),
    encrypted: true,
    qop: 0,
  });
  const empty = gss.wrapAeadSync(initiator, '', { associated: '' });
  t.is(gss.unwrapAeadSync(acceptor, empty.message, { associated: '' }).message.length, 0);
});

extTest('dceAead', 'unwrapAead with wrong, missing or unexpected associated data raises BadMICError', async (t) => {
  const { initiator, acceptor } = loosePair();
  const token = gss.wrapAeadSync(initiator, 'payload', { associated: 'right' }).message;
  await failsWith(t, () => gss.unwrapAeadSync(acceptor, token, { associated: 'wrong' }), gss.BadMICError);
  await failsWith(t, () => gss.unwrapAead(acceptor, token, { associated: 'wrong' }), gss.BadMICError);
  await failsWith(t, () => gss.unwrapAeadSync(acceptor, token), gss.BadMICError);
  const noAssoc = gss.wrapAeadSync(initiator, 'payload').message;
  await failsWith(t, () => gss.unwrapAeadSync(acceptor, noAssoc, { associated: 'unexpected' }), gss.BadMICError);
  // The right associated data opens both: the failures were the associated data.
  t.is(gss.unwrapAeadSync(acceptor, token, { associated: 'right' }).message.toString(), 'payload');
  t.is(gss.unwrapAeadSync(acceptor, noAssoc).message.toString(), 'payload');
});

// ---------------------------------------------------------------- IOV MIC (test_mic)

for (const [direction, sides] of DIRECTIONS) {
  extTest('iovMic', `getMicIov/verifyMicIov over DATA|SIGN_ONLY|SIGN_ONLY, ${direction}`, (t) => {
    const [sender, receiver] = sides(strictPair());
    const parts = ['Data and sign-only ', 'buffers are treated ', 'equally by gss_get_mic_iov'];
    const build = (mic?: Buffer) =>
      new IOV(
        parts[0] as string,
        [T.signOnly, parts[1] as string],
        [T.signOnly, parts[2] as string],
        mic ? [T.micToken, mic] : T.micToken,
      );

    // mic1: caller-provided buffer sized by getMicIovLength, verified through the IOV.
    const sized = new IOV(
      parts[0] as string,
      [T.signOnly, parts[1] as string],
      [T.signOnly, parts[2] as string],
      T.micToken,
      {
        autoAlloc: false,
      },
    );
    t.deepEqual(types(sized), [T.data, T.signOnly, T.signOnly, T.micToken]);
    t.is(gss.getMicIovLengthSync(sender, sized), undefined);
    const length = sized.at(3)?.value?.length ?? 0;
    t.true(length > 0);
    t.true(sized.at(3)?.value?.every((byte) => byte === 0));
    t.is(sized.at(3)?.allocate, false);
    t.is(gss.getMicIovSync(sender, sized), undefined);
    t.is(sized.at(3)?.value?.length, length);
    t.false(sized.at(3)?.value?.every((byte) => byte === 0));
    t.is(sized.at(3)?.allocate, false, 'written into the caller buffer, not allocated');
    t.deepEqual(
      [...sized].slice(0, 3).map((b) => b.value?.toString()),
      parts,
    );
    t.is(gss.verifyMicIovSync(receiver, sized), 0);

    // mic2: library-allocated MIC, verified by gss_verify_mic over the joined data.
    const allocated = build();
    gss.getMicIovSync(sender, allocated);
    t.is(allocated.at(3)?.allocate, undefined);
    t.is(allocated.at(3)?.value?.length, length);
    t.is(gss.verifyMicSync(receiver, parts.join(''), bytesOf(allocated, T.micToken)), 0);

    // mic3: a gss_get_mic MIC verified through the IOV.
    const mic = gss.getMicSync(sender, parts.join(''));
    t.is(gss.verifyMicIovSync(receiver, build(mic)), 0);
  });
}

extTest('iovMic', 'verifyMicIov rejects a changed message or MIC with BadMICError', (t) => {
  const { initiator, acceptor } = loosePair();
  const iov = new IOV('data', [T.signOnly, 'signed'], T.micToken);
  gss.getMicIovSync(initiator, iov);
  const mic = bytesOf(iov, T.micToken);
  t.throws(() => gss.verifyMicIovSync(acceptor, new IOV('dato', [T.signOnly, 'signed'], [T.micToken, mic])), {
    instanceOf: gss.BadMICError,
  });
  t.throws(() => gss.verifyMicIovSync(acceptor, new IOV('data', [T.signOnly, 'signeD'], [T.micToken, mic])), {
    instanceOf: gss.BadMICError,
  });
  t.throws(
    () => gss.verifyMicIovSync(acceptor, new IOV('data', [T.signOnly, 'signed'], [T.micToken, flipped(mic, -1)])),
    { instanceOf: gss.BadMICError },
  );
  t.is(gss.verifyMicIovSync(acceptor, iov), 0);
});

// ---------------------------------------------------------------- Promise forms

extTest('dce', 'the Promise forms run queued per context, in call order, with the same results', async (t) => {
  const { initiator, acceptor } = strictPair();
  const messages = Array.from({ length: 16 }, (_, i) => `message ${i} `.repeat(i + 1));
  const iovs = messages.map((m) => new IOV([T.signOnly, `aad ${m.length}`], m));
  // Started together: queued on the context in call order, so the sequence numbers follow the array.
  t.deepEqual(await Promise.all(iovs.map((iov) => gss.wrapIov(initiator, iov))), new Array(16).fill(true));
  const results = await Promise.all(iovs.map((iov) => gss.unwrapIov(acceptor, iov)));
  t.deepEqual(results, new Array(16).fill({ encrypted: true, qop: 0 }));
  t.deepEqual(
    iovs.map((iov) => bytesOf(iov, T.data).toString()),
    messages,
  );

  const sized = new IOV('sized', { autoAlloc: false });
  const length = await gss.wrapIovLength(initiator, sized, { confidential: false });
  t.is(length.encrypted, false);
  t.true((sized.at(0)?.value?.length ?? 0) > 0);
  t.false(await gss.wrapIov(initiator, sized, { confidential: false }));
  t.is((await gss.unwrap(acceptor, sized.concat())).message.toString(), 'sized');

  if (gss.extensions.has('dceAead')) {
    const aead = await gss.wrapAead(initiator, 'async aead', { associated: 'a' });
    t.is((await gss.unwrapAead(acceptor, aead.message, { associated: 'a' })).message.toString(), 'async aead');
  }
  if (gss.extensions.has('iovMic')) {
    const mic = new IOV('async mic', T.micToken, { autoAlloc: false });
    await gss.getMicIovLength(initiator, mic);
    t.true((mic.at(1)?.value?.length ?? 0) > 0);
    await gss.getMicIov(initiator, mic);
    t.is(await gss.verifyMicIov(acceptor, mic), 0);
  }
});

// ---------------------------------------------------------------- argument checks

test('argument errors are TypeError/RangeError naming the argument, before any C call', async (t) => {
  const { initiator } = loosePair();
  const iov = new IOV('x');
  await failsWith(t, () => gss.wrapIovSync(initiator, 'x' as never), TypeError, /iov must be an IOV/);
  await failsWith(t, () => gss.wrapIov(initiator, [] as never), TypeError, /iov must be an IOV/);
  await failsWith(t, () => gss.unwrapIovSync({} as never, iov), TypeError, /context/);
  await failsWith(t, () => gss.wrapIovLengthSync(initiator, iov, { qop: -1 }), RangeError, /options\.qop/);
  await failsWith(
    t,
    () => gss.wrapIovSync(initiator, iov, { confidential: 'yes' as never }),
    TypeError,
    /confidential/,
  );
  await failsWith(t, () => gss.wrapIovSync(initiator, iov, 5 as never), TypeError, /options/);
  await failsWith(t, () => gss.getMicIovSync(initiator, 'x' as never), TypeError, /iov must be an IOV/);
  await failsWith(t, () => gss.verifyMicIov(initiator, null as never), TypeError, /iov must be an IOV/);
  await failsWith(t, () => gss.getMicIovLengthSync(initiator, iov, { qop: 1.5 }), RangeError, /options\.qop/);
  await failsWith(t, () => gss.wrapAeadSync(initiator, 5 as never), TypeError, /message/);
  await failsWith(t, () => gss.wrapAeadSync(initiator, 'x', { associated: 5 as never }), TypeError, /associated/);
  await failsWith(t, () => gss.unwrapAeadSync(initiator, 'x' as never), TypeError, /message/);
  await failsWith(t, () => gss.unwrapAead(initiator, Buffer.alloc(1), [] as never), TypeError, /options/);

  // Values assigned by hand are checked at call time.
  const data = iov.at(1) as gss.IOVBuffer;
  data.value = 'text' as never;
  await failsWith(t, () => gss.wrapIovSync(initiator, iov), TypeError, /iov\.at\(1\)\.value/);
  data.value = Buffer.from('x');
  data.allocate = 'yes' as never;
  await failsWith(t, () => gss.wrapIovSync(initiator, iov), TypeError, /iov\.at\(1\)\.allocate/);

  const released = loosePair().initiator;
  released.release();
  await failsWith(t, () => gss.wrapIovSync(released, new IOV('x')), TypeError, /released/);
});
