/**
 * Worker handoff: a context established on the main thread is exported,
 * posted to a worker_thread, imported and used there, and handed back.
 * Real KDC; the worker shares the process environment (the realm's).
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import test from 'ava';
import { ContextStateError, MechType, SecurityContext } from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { pairSync } from './_helpers.js';

const fixture = await useRealm(test);

interface Reply {
  ok: boolean;
  error?: string;
  text: string;
  usage: string;
  complete: boolean;
  initiator: string;
  mech: string;
  reply: Uint8Array;
  again: Uint8Array;
}

async function handOff(sync: boolean): Promise<{ client: SecurityContext; server: SecurityContext; answer: Reply }> {
  const { client, server } = pairSync();
  // A JavaScript entry that loads the TypeScript worker through tsx.
  const worker = new Worker(new URL('./fixtures/context-worker.mjs', import.meta.url));
  try {
    const token = await server.export();
    worker.postMessage({ token, sealed: client.encryptSync('hello worker'), sync });
    const [answer] = (await once(worker, 'message')) as [Reply];
    return { client, server, answer };
  } finally {
    await worker.terminate();
  }
}

test('an acceptor context established here is imported and used in a worker_thread', async (t) => {
  const { client, server, answer } = await handOff(false);
  t.true(answer.ok, answer.error);
  t.is(answer.text, 'hello worker');
  t.is(answer.usage, 'accept');
  t.true(answer.complete);
  t.is(answer.initiator, fixture.realm.userPrincipal);
  t.is(answer.mech, MechType.kerberos.dottedForm);
  t.is(client.decryptSync(answer.reply).toString(), 'worker read: hello worker');
  t.is(server.state, 'exported');
  t.throws(() => server.encryptSync('x'), { instanceOf: ContextStateError });
  // ... and handed back to this thread.
  const back = SecurityContext.importSync(answer.again);
  t.is(back.decryptSync(client.encryptSync('home again')).toString(), 'home again');
});

test('the same with importSync in the worker', async (t) => {
  const { client, answer } = await handOff(true);
  t.true(answer.ok, answer.error);
  t.is(client.decryptSync(answer.reply).toString(), 'worker read: hello worker');
});
