/**
 * Malformed input never crashes the process and never authenticates: mutated
 * and random tokens go to every parser that takes bytes from a peer, and each
 * call either throws a GSSError or, for the message calls, returns only what
 * the untampered token held. FUZZ_ITERATIONS (default 300) sets the number of
 * inputs per target; `npm run test:fuzz` runs 20,000. FUZZ_SEED replays a run.
 */

import { writeFileSync } from 'node:fs';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establishSync } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const iterations = Number(process.env.FUZZ_ITERATIONS ?? '300');
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
function random(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** One mutation of `original`: bit flips, truncation, extension, a splice, or noise. */
function mutate(original: Buffer, next: () => number): Buffer {
  const pick = (n: number) => Math.floor(next() * n);
  const bytes = Buffer.from(original);
  switch (pick(6)) {
    case 0: // flip 1-4 bits
      for (let i = 0, n = 1 + pick(4); i < n; i++) bytes[pick(bytes.length)] ^= 1 << pick(8);
      return bytes;
    case 1: // truncate
      return bytes.subarray(0, pick(bytes.length));
    case 2: // append garbage
      return Buffer.concat([bytes, Buffer.from(Array.from({ length: 1 + pick(32) }, () => pick(256)))]);
    case 3: {
      // overwrite a run with one value (lengths, tags)
      const start = pick(bytes.length);
      bytes.fill(pick(256), start, Math.min(bytes.length, start + 1 + pick(8)));
      return bytes;
    }
    case 4: // pure noise of a similar length
      return Buffer.from(Array.from({ length: pick(bytes.length * 2 + 1) }, () => pick(256)));
    default: // swap two halves
      return Buffer.concat([bytes.subarray(bytes.length >> 1), bytes.subarray(0, bytes.length >> 1)]);
  }
}

// FUZZ_TRACE=<file>: each input's label is written there before the call, to find a crasher.
const tracePath = process.env.FUZZ_TRACE;

function expectGssErrorOr<T>(t: { fail(message: string): void }, label: string, call: () => T): T | undefined {
  if (tracePath) writeFileSync(tracePath, `${label}\n`);
  try {
    return call();
  } catch (error) {
    if (!(error instanceof gss.GSSError)) t.fail(`${label}: threw ${(error as Error)?.name}: ${error}`);
    return undefined;
  }
}

test(`acceptSecContext on ${iterations} mutated initiator tokens (seed ${seed})`, (t) => {
  const next = random(seed);
  const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
  const original = gss.initSecContextSync(target, { flags: [] }).token as Buffer;
  let accepted = 0;
  for (let i = 0; i < iterations; i++) {
    const input = mutate(original, next);
    const result = expectGssErrorOr(t, `input ${i}`, () => gss.acceptSecContextSync(input));
    if (result && !result.moreSteps) {
      accepted++;
      // A mutation the mechanism tolerates (e.g. trailing bytes) must still carry the real client.
      t.is(gss.displayNameSync(result.initiatorName as gss.Name).name, 'user@KRBTEST.COM');
    }
    result?.context.release();
  }
  t.log(`${accepted} of ${iterations} mutations still authenticated the real client`);
  t.pass();
});

test(`unwrap and verifyMic on ${iterations} mutated tokens never return tampered data (seed ${seed})`, (t) => {
  const next = random(seed + 1);
  const { initiator: client, acceptor: server } = establishSync({
    init: { flags: ['mutualAuthentication', 'confidentiality', 'integrity'] },
  });
  const message = Buffer.from('the message that must not change');
  const sealed = gss.wrapSync(client, message).message;
  const signed = gss.wrapSync(client, message, { confidential: false }).message;
  const mic = gss.getMicSync(client, message);
  for (let i = 0; i < iterations; i++) {
    for (const token of [sealed, signed]) {
      const input = mutate(token, next);
      const result = expectGssErrorOr(t, `unwrap ${i}`, () => gss.unwrapSync(server, input));
      if (result && !result.message.equals(message)) t.fail(`unwrap ${i} returned altered data`);
    }
    expectGssErrorOr(t, `verifyMic ${i}`, () => gss.verifyMicSync(server, message, mutate(mic, next)));
  }
  t.pass();
});

// importSecContext is not fuzzed: MIT parses exported contexts as trusted
// input (its profile deserializer copies lengths read from the token without
// bounds checks), so a corrupted token can crash the process; the function's
// documentation says to import only tokens from exportSecContext over a
// trusted channel.
test(`importName and importCred on ${iterations} mutated tokens (seed ${seed})`, (t) => {
  const next = random(seed + 2);
  const canonical = gss.canonicalizeNameSync(
    gss.importNameSync('user@KRBTEST.COM', { nameType: gss.NameType.kerberosPrincipal }),
    gss.MechType.kerberos,
  );
  const exportedName = gss.exportNameSync(canonical);
  const exportedCred = gss.exportCredSync(gss.acquireCredSync({ usage: 'initiate' }).creds);
  for (let i = 0; i < iterations; i++) {
    const name = mutate(exportedName, next);
    const cred = mutate(exportedCred, next);
    expectGssErrorOr(t, `importName ${name.toString('hex')}`, () =>
      gss.importNameSync(name, { nameType: gss.NameType.export }),
    );
    expectGssErrorOr(t, `importCred ${cred.toString('hex')}`, () => gss.importCredSync(cred));
  }
  t.pass();
});
