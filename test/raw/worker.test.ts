/**
 * @gssapi/raw in worker_threads: the addon is context-aware (loads in several
 * threads at once), a context exported in the main thread is imported and used
 * in a worker, workers exit cleanly, and terminating a worker does not take the
 * process down. The workers run test/helpers/gss-worker.mjs, plain JavaScript
 * importing '@gssapi/raw' by package name. The Kerberos environment is
 * process-wide, so the workers use this file's realm.
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { runNode } from '../helpers/child.js';
import { establishSync, FULL_FLAGS } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const WORKER = new URL('../helpers/gss-worker.mjs', import.meta.url);
const TERMINATE_CHILD = fileURLToPath(new URL('../helpers/terminate-child.mjs', import.meta.url));

interface Finished<T> {
  messages: T[];
  exitCode: number;
}

/** Starts a worker (without tsx: it is plain JavaScript) and collects its messages until it exits. */
function runWorker<T>(workerData: object, onStart?: (worker: Worker) => void): Promise<Finished<T>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData, execArgv: [] });
    const messages: T[] = [];
    worker.on('message', (m: T) => messages.push(m));
    worker.once('error', reject);
    worker.once('exit', (exitCode) => resolve({ messages, exitCode }));
    onStart?.(worker);
  });
}

test('three workers load the addon at once and each imports, canonicalizes and displays a name', async (t) => {
  const names = ['host@localhost', 'HTTP@localhost', 'ldap@localhost'];
  const results = await Promise.all(
    names.map((name, index) => runWorker<{ name: string; nameType: string }>({ mode: 'name', name, index })),
  );
  results.forEach((result, i) => {
    t.is(result.exitCode, 0, `worker ${i} exits cleanly on its own`);
    t.is(result.messages.length, 1);
    const service = (names[i] as string).split('@')[0];
    t.regex(result.messages[0]?.name ?? '', new RegExp(`^${service}/localhost@(KRBTEST\\.COM)?$`));
    t.is(result.messages[0]?.nameType, gss.NameType.kerberosPrincipal.dottedForm);
  });
  // The main thread's instance is unaffected by the workers' exits.
  t.is(gss.displayNameSync(gss.importNameSync('user', { nameType: gss.NameType.user })).name, 'user');
});

test('workers establish contexts of their own concurrently', async (t) => {
  const results = await Promise.all(
    [0, 1].map(() => runWorker<{ initiator: string; complete: boolean; text: string }>({ mode: 'loop' })),
  );
  for (const result of results) {
    t.is(result.exitCode, 0);
    t.deepEqual(result.messages, [{ initiator: 'user@KRBTEST.COM', complete: true, text: 'inside a worker' }]);
  }
});

test('a worker imports a context exported by the main thread and unwraps what the peer wrapped', async (t) => {
  const pair = establishSync({ init: { flags: FULL_FLAGS } });
  const token = gss.exportSecContextSync(pair.acceptor);
  t.false(pair.acceptor.started);
  const wrapped = gss.wrapSync(pair.initiator, 'from the main thread').message;

  const result = await runWorker<{ text?: string; encrypted?: boolean; reply?: Uint8Array; error?: string }>(
    { mode: 'context' },
    (worker) => worker.postMessage({ token, wrapped }),
  );
  t.is(result.exitCode, 0);
  t.is(result.messages.length, 1);
  const [message] = result.messages;
  t.is(message?.error, undefined);
  t.is(message?.text, 'from the main thread');
  t.true(message?.encrypted);
  // The worker's reply, wrapped with the imported context, opens on the main thread's initiator.
  const reply = gss.unwrapSync(pair.initiator, message?.reply as Uint8Array);
  t.is(reply.message.toString(), 'worker read: from the main thread');
});

test('terminating a worker whose async calls have all settled leaves the process alive', async (t) => {
  const child = await runNode([TERMINATE_CHILD, '50', 'settled']);
  t.is(child.signal, null, child.stderr);
  t.is(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout.trim().split('\n').pop() as string);
  t.is(report.started, 150);
  t.is(report.settled, 150, 'every call in the worker succeeded');
  t.is(report.exitCode, 1, 'terminate() reports exit code 1');
  t.is(report.alive.split('@')[0], 'host/localhost');
});

// When a worker is terminated while async GSSAPI calls are queued or running,
// their completions arrive during the environment's teardown, when no
// JavaScript can run: the addon must drop them quietly (an exception thrown
// there would abort the whole process). Run in a child process so that a
// crash is observed instead of killing this test file.
test('terminating a worker with async calls in flight leaves the process alive', async (t) => {
  const child = await runNode([TERMINATE_CHILD, '100']);
  t.is(child.signal, null, `the process died: ${child.signal} ${child.stderr}`);
  t.is(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout.trim().split('\n').pop() as string);
  t.is(report.started, 300);
  t.is(report.alive.split('@')[0], 'host/localhost');
});
