/**
 * Calls that wait on the KDC run on the addon's network pool, not on libuv's
 * 4 threads: many context initiations can wait on the KDC at once while the
 * application's fs and crypto work (libuv's pool) goes on.
 *
 * A TCP proxy in front of the KDC holds every KDC reply until the test lets
 * them through, so what runs concurrently is observed, not timed.
 */
import { pbkdf2 } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { K5Realm } from '@gssapi/k5test';
import * as gss from '@gssapi/raw';
import test from 'ava';

const SERVICES = 12; // three times libuv's default pool size

interface HoldingProxy {
  server: Server;
  port: number;
  waiting: () => number; // KDC replies held back
  release: () => void; // let them (and all later ones) through
  hold: () => void; // hold replies again
}

function holdingProxy(kdcPort: number): Promise<HoldingProxy> {
  let held: (() => void)[] = [];
  let heldReplies = 0;
  let holding = true;
  const server = createServer((client: Socket) => {
    const kdc = connect(kdcPort, '127.0.0.1');
    client.pipe(kdc);
    // Replies (and the end of the KDC's side) wait while holding.
    const later = (forward: () => void) => (holding ? held.push(forward) : forward());
    kdc.on('data', (chunk) => {
      if (holding) heldReplies++;
      later(() => client.write(chunk));
    });
    kdc.on('end', () => later(() => client.end()));
    client.on('error', () => kdc.destroy());
    kdc.on('error', () => client.destroy());
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        port: typeof address === 'object' && address ? address.port : 0,
        waiting: () => heldReplies,
        hold: () => {
          holding = true;
        },
        release: () => {
          holding = false;
          for (const forward of held) forward();
          held = [];
          heldReplies = 0;
        },
      });
    });
  });
}

let realm: K5Realm;
let proxy: HoldingProxy;
let restore: () => void;

test.serial.before(async () => {
  realm = await K5Realm.start();
  // SERVICES for the first test, 4 more (not yet in the ticket cache) for the worker test.
  for (let i = 0; i < SERVICES + 4; i++) await realm.addPrincipal(`svc${i}/localhost`);
  proxy = await holdingProxy(realm.kdcPort);
  // The same profile, with the KDC address pointing at the proxy.
  const viaProxy = join(realm.dir, 'krb5-proxy.conf');
  writeFileSync(
    viaProxy,
    readFileSync(realm.krb5Conf, 'utf8').replaceAll(`127.0.0.1:${realm.kdcPort}`, `127.0.0.1:${proxy.port}`),
  );
  restore = realm.applyEnv();
  process.env.KRB5_CONFIG = viaProxy;
});

test.serial.after.always(async () => {
  proxy?.release();
  proxy?.server.close();
  restore?.();
  await realm?.stop();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

test.serial('initiations waiting on the KDC neither queue behind each other nor block fs and crypto', async (t) => {
  const initiations = Array.from({ length: SERVICES }, (_, i) =>
    gss.initSecContext(gss.importNameSync(`svc${i}@localhost`, { nameType: gss.NameType.hostbasedService })),
  );
  // Every initiation has sent its TGS request and waits for the held reply:
  // more calls wait at once than libuv's pool has threads.
  await until(() => proxy.waiting() === SERVICES, `${SERVICES} KDC requests`);
  t.is(proxy.waiting(), SERVICES);

  // Meanwhile libuv's pool still serves the application.
  const info = await stat(realm.dir);
  t.true(info.isDirectory());
  const key = await promisify(pbkdf2)('secret', 'salt', 1000, 32, 'sha256');
  t.is(key.length, 32);
  t.is(proxy.waiting(), SERVICES, 'the KDC replies were still held while fs and crypto ran');

  proxy.release();
  const results = await Promise.all(initiations);
  for (const result of results) {
    t.true(result.moreSteps, 'mutual authentication: the acceptor reply is next');
    t.truthy(result.token);
  }
});

test.serial('terminating a worker while its calls wait on the KDC leaves the process working', async (t) => {
  proxy.hold();
  const worker = new Worker(new URL('../helpers/network-worker.mjs', import.meta.url), {
    workerData: { first: SERVICES, count: 4 },
  });
  await new Promise((resolve) => worker.once('message', resolve));
  await until(() => proxy.waiting() === 4, "the worker's 4 KDC requests");
  // The worker's teardown waits for its calls to leave GSSAPI: let the KDC answer soon.
  const exited = worker.terminate();
  setTimeout(() => proxy.release(), 200);
  t.is(await exited, 1);

  const target = gss.importNameSync('svc5@localhost', { nameType: gss.NameType.hostbasedService });
  const result = await gss.initSecContext(target);
  t.truthy(result.token, 'the main thread still initiates contexts');
});
