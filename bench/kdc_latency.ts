/**
 * One concurrency case of `npm run bench`: N first-time context initiations at
 * once through a KDC that answers after DELAY_MS, while the application keeps
 * calling fs.stat. Prints the initiations' total time and the worst fs.stat
 * latency meanwhile, as one JSON line. GSSAPI_NETWORK_THREADS sets the size of
 * the addon's network pool (4 = what libuv's default pool would allow).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { K5Realm } from '@gssapi/k5test';
import * as gss from '@gssapi/raw';

const count = Number(process.env.COUNT ?? '64');
const delay = Number(process.env.DELAY_MS ?? '100');

const realm = await K5Realm.start();
for (let i = 0; i < count; i++) await realm.addPrincipal(`svc${i}/localhost`);
// The delay is added to each reply on its way back. Connections to the KDC
// itself are made a few at a time: MIT's krb5kdc listens with a small
// backlog, and a burst of connects would otherwise cost SYN retries (1 s).
let upstream = 0;
const waitingForUpstream: (() => void)[] = [];
const withUpstream = (use: (done: () => void) => void) => {
  const start = () => {
    upstream++;
    use(() => {
      upstream--;
      waitingForUpstream.shift()?.();
    });
  };
  if (upstream < 4) start();
  else waitingForUpstream.push(start);
};
const proxy = createServer((client) => {
  client.once('data', (first) => {
    client.pause();
    withUpstream((done) => {
      const kdc = connect(realm.kdcPort, '127.0.0.1');
      kdc.write(first);
      client.pipe(kdc);
      client.resume();
      kdc.on('data', (chunk) => setTimeout(() => client.write(chunk), delay));
      kdc.on('close', done);
      kdc.on('end', () => setTimeout(() => client.end(), delay));
      client.on('error', () => kdc.destroy());
      kdc.on('error', () => client.destroy());
    });
  });
});
await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const address = proxy.address();
const port = typeof address === 'object' && address ? address.port : 0;
const conf = join(realm.dir, 'krb5-slow.conf');
writeFileSync(conf, readFileSync(realm.krb5Conf, 'utf8').replaceAll(`127.0.0.1:${realm.kdcPort}`, `127.0.0.1:${port}`));
const restore = realm.applyEnv();
process.env.KRB5_CONFIG = conf;

try {
  let done = false;
  let worstStat = 0;
  const statLoop = (async () => {
    while (!done) {
      const started = performance.now();
      await stat(realm.dir);
      worstStat = Math.max(worstStat, performance.now() - started);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: count }, (_, i) =>
      gss.initSecContext(gss.importNameSync(`svc${i}@localhost`, { nameType: gss.NameType.hostbasedService })),
    ),
  );
  const total = performance.now() - started;
  done = true;
  await statLoop;
  console.log(JSON.stringify({ count, delay, threads: process.env.GSSAPI_NETWORK_THREADS ?? '32', total, worstStat }));
} finally {
  restore();
  proxy.close();
  await realm.stop();
}
