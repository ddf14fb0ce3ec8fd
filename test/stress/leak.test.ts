/**
 * A whole session's worth of calls (names, credentials, both sides of a
 * context, messages, inquiries, export/import) run many times must not grow
 * the process: every native handle and buffer is released. LEAK_ITERATIONS
 * (default 1500) sets the rounds per phase; `npm run test:leak` runs 20,000.
 */
import { setImmediate as tick } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const iterations = Number(process.env.LEAK_ITERATIONS ?? '1500');

/** Resident memory once garbage is collected and native finalizers (run on later ticks) have run. */
async function settledRss(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc();
    await tick();
  }
  return process.memoryUsage().rss;
}

function session(target: gss.Name, acceptorCreds: gss.Creds, release: boolean): void {
  const flags = ['mutualAuthentication', 'confidentiality', 'integrity', 'outOfSequenceDetection'] as const;
  const first = gss.initSecContextSync(target, { flags });
  const server = gss.acceptSecContextSync(first.token as Buffer, { acceptorCreds });
  gss.initSecContextSync(target, { context: first.context, inputToken: server.token, flags });
  const sealed = gss.wrapSync(first.context, 'a message of some length, to be wrapped');
  gss.unwrapSync(server.context, sealed.message);
  gss.verifyMicSync(server.context, 'signed', gss.getMicSync(first.context, 'signed'));
  const info = gss.inquireContextSync(server.context);
  gss.displayNameSync(info.initiatorName as gss.Name);
  const moved = gss.importSecContextSync(gss.exportSecContextSync(server.context));
  try {
    gss.unwrapSync(moved, Buffer.from('not a token'));
  } catch {
    // the error path releases its buffers too
  }
  if (release) {
    for (const handle of [first.context, server.context, moved, info.initiatorName, info.targetName]) {
      handle?.release();
    }
  }
}

test.serial(`${iterations} sessions per phase leave resident memory flat`, async (t) => {
  const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
  const { creds } = gss.acquireCredSync({ usage: 'accept' });
  const phase = async (release: boolean) => {
    for (let i = 0; i < iterations; i++) {
      session(target, creds, release);
      if (i % 100 === 99) await tick();
    }
    return settledRss();
  };
  // Warm up both ways (caches, the replay cache, allocator pools, and the
  // heap's high-water mark when handles wait for the collector), then measure.
  await phase(true);
  await phase(false);
  const start = await settledRss();
  const released = await phase(true); // handles released explicitly
  const collected = await phase(false); // handles left to the garbage collector
  const end = await phase(true);
  const growth = (end - start) / 2 ** 20;
  t.log(`rss ${[start, released, collected, end].map((rss) => (rss / 2 ** 20).toFixed(1)).join(' -> ')} MiB`);
  // One leaked allocation of ~100 bytes per session would add about 0.4 MiB
  // at the default count (6 KiB per session, all of it, about 26 MiB).
  t.true(growth < 3, `grew by ${growth.toFixed(1)} MiB over ${3 * iterations} sessions`);
});
