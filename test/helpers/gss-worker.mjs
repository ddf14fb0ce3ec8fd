// A worker_threads entry point for test/raw/worker.test.ts: plain JavaScript
// (no tsx in the worker) importing @gssapi/raw by package name. Its job comes
// in workerData.mode.
import { parentPort, workerData } from 'node:worker_threads';
import * as gss from '@gssapi/raw';

const hostbased = (text) => gss.importNameSync(text, { nameType: gss.NameType.hostbasedService });

async function nameJob() {
  // Async calls: they run on the libuv pool and resolve in this worker's event loop.
  const name = await gss.importName(workerData.name, { nameType: gss.NameType.hostbasedService });
  const mn = await gss.canonicalizeName(name, gss.MechType.kerberos);
  const shown = await gss.displayName(mn);
  parentPort.postMessage({ name: shown.name, nameType: shown.nameType?.dottedForm, threadId: workerData.index });
}

async function loopJob() {
  // A whole krb5 establishment inside the worker.
  const target = hostbased('host@localhost');
  const first = await gss.initSecContext(target);
  const accepted = await gss.acceptSecContext(first.token);
  const last = await gss.initSecContext(target, { context: first.context, inputToken: accepted.token });
  const sealed = await gss.wrap(last.context, 'inside a worker');
  const opened = await gss.unwrap(accepted.context, sealed.message);
  parentPort.postMessage({
    initiator: gss.displayNameSync(accepted.initiatorName).name,
    complete: !last.moreSteps && !accepted.moreSteps,
    text: opened.message.toString(),
  });
}

function contextJob() {
  // Receives an exported context and a message wrapped by the peer in the main thread.
  parentPort.once('message', async ({ token, wrapped }) => {
    try {
      const context = await gss.importSecContext(token);
      const opened = await gss.unwrap(context, wrapped);
      const reply = await gss.wrap(context, `worker read: ${opened.message.toString()}`);
      parentPort.postMessage({ text: opened.message.toString(), encrypted: opened.encrypted, reply: reply.message });
    } catch (error) {
      parentPort.postMessage({ error: `${error.name}: ${error.message}` });
    }
  });
}

function busyJob() {
  // Many async calls in flight, then tell the parent (which terminates us);
  // with workerData.settle, also tell it when they have all settled.
  const target = hostbased('host@localhost');
  const pending = [];
  for (let i = 0; i < workerData.count; i++) {
    pending.push(gss.initSecContext(target, { flags: 0 }));
    pending.push(gss.displayName(target));
    pending.push(gss.indicateMechs());
  }
  for (const p of pending) p.catch(() => {});
  parentPort.postMessage({ started: pending.length });
  if (workerData.settle) {
    Promise.allSettled(pending).then((outcomes) => {
      parentPort.postMessage({ settled: outcomes.filter((o) => o.status === 'fulfilled').length });
    });
  }
  setInterval(() => {}, 1000);
}

const jobs = { name: nameJob, loop: loopJob, context: contextJob, busy: busyJob };
await jobs[workerData.mode]();
