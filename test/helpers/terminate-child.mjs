// Run as a child process by test/raw/worker.test.ts: starts a worker with
// async GSSAPI calls in flight, terminates it, then checks that this process
// still works. Prints one JSON line; a crash shows up as a signal/exit code.
import { Worker } from 'node:worker_threads';
import * as gss from '@gssapi/raw';

const count = Number(process.argv[2] ?? 100);
const waitFirst = process.argv[3] === 'settled';
const worker = new Worker(new URL('./gss-worker.mjs', import.meta.url), {
  workerData: { mode: 'busy', count, settle: waitFirst },
  execArgv: [],
});
const report = await new Promise((resolve, reject) => {
  const seen = {};
  worker.on('message', (m) => {
    Object.assign(seen, m);
    // Terminate as soon as the calls are started ('settled': once they all finished).
    if (waitFirst ? 'settled' in m : 'started' in m) resolve(seen);
  });
  worker.once('error', reject);
});
const exitCode = await worker.terminate();
await new Promise((resolve) => setTimeout(resolve, 200));
const name = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
const mn = await gss.canonicalizeName(name, gss.MechType.kerberos);
process.stdout.write(`${JSON.stringify({ ...report, exitCode, alive: gss.displayNameSync(mn).name })}\n`);
