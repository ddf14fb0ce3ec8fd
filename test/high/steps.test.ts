/**
 * The async step iterator (`ctx.steps(incoming)`) over an in-memory pipe and
 * over plain iterables, its errors, and cancellation with AbortSignal on
 * `step` and `steps`. Real KDC.
 */
import * as raw from '@gssapi/raw';
import test from 'ava';
import {
  ContextStateError,
  GSSError,
  type MemoryTransport,
  memoryTransportPair,
  NegotiationIncompleteError,
  SecurityContext,
} from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { failsWith, hostName } from './_helpers.js';

const fixture = await useRealm(test);

async function drive(ctx: SecurityContext, end: MemoryTransport, log: string[], who: string): Promise<void> {
  for await (const token of ctx.steps(end)) {
    log.push(`${who} ${token.length}`);
    await end.send(token);
  }
}

test('steps() over an in-memory pipe is the whole loop for either side', async (t) => {
  const [clientEnd, serverEnd] = memoryTransportPair();
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept' });
  const log: string[] = [];
  await Promise.all([drive(client, clientEnd, log, 'client'), drive(server, serverEnd, log, 'server')]);
  t.true(client.complete && server.complete);
  t.deepEqual(
    log.map((l) => l.split(' ')[0]),
    ['client', 'server'],
  );
  t.is(`${server.initiatorName}`, fixture.realm.userPrincipal);
  // The pipe carries the application's messages afterwards.
  await clientEnd.send(client.encryptSync('after the loop'));
  t.is(server.decryptSync((await serverEnd.receive()) as Buffer).toString(), 'after the loop');
});

test('steps() with SPNEGO and no mutual authentication', async (t) => {
  for (const options of [{ mech: raw.MechType.spnego }, { flags: [] as never[] }]) {
    const [clientEnd, serverEnd] = memoryTransportPair();
    const client = new SecurityContext({ name: hostName(), ...options });
    const server = new SecurityContext({ usage: 'accept' });
    const log: string[] = [];
    await Promise.all([drive(client, clientEnd, log, 'client'), drive(server, serverEnd, log, 'server')]);
    t.true(client.complete && server.complete);
    t.true(server.mech?.equals(raw.MechType.kerberos));
  }
});

test('steps() takes plain iterables and async generators', async (t) => {
  const client = new SecurityContext({ name: hostName(), flags: [] });
  const sent: Buffer[] = [];
  for await (const token of client.steps([])) sent.push(token);
  t.is(sent.length, 1);
  t.true(client.complete, 'no mutual authentication: one leg');
  const server = new SecurityContext({ usage: 'accept' });
  async function* peer() {
    yield sent[0] as Buffer;
  }
  const replies: Buffer[] = [];
  for await (const token of server.steps(peer())) replies.push(token);
  t.is(replies.length, 0);
  t.true(server.complete);
  // An already complete context yields nothing.
  for await (const _ of server.steps([])) t.fail('nothing to step');
});

test('steps() ends with NegotiationIncompleteError when the peer stops early', async (t) => {
  const server = new SecurityContext({ usage: 'accept' });
  await failsWith(
    t,
    async () => {
      for await (const _ of server.steps([])) t.fail();
    },
    NegotiationIncompleteError,
  );
  const client = new SecurityContext({ name: hostName() });
  const seen: Buffer[] = [];
  await failsWith(
    t,
    async () => {
      for await (const token of client.steps([])) seen.push(token);
    },
    NegotiationIncompleteError,
    /ended before/,
  );
  t.is(seen.length, 1, 'the first token was yielded before the wait');
  t.is(client.state, 'partial', 'the context is left as it was');
  const noIncoming = new SecurityContext({ usage: 'accept' });
  await failsWith(t, () => noIncoming.steps().next(), NegotiationIncompleteError, /no incoming/);
  await failsWith(t, () => new SecurityContext({ usage: 'accept' }).steps(42 as never).next(), TypeError);
  await failsWith(t, () => new SecurityContext({ usage: 'accept' }).steps(['x' as never]).next(), TypeError);
});

test('steps() throws the GSSError of a failed step, with its token', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const first = (await client.step()) as Buffer;
  await new SecurityContext({ usage: 'accept' }).step(first);
  const replay = new SecurityContext({ usage: 'accept' });
  const error = await failsWith(
    t,
    async () => {
      for await (const _ of replay.steps([first])) t.fail();
    },
    GSSError,
  );
  t.true((error.token?.length ?? 0) > 0);
  t.is(replay.state, 'failed');
});

test('step() with an already aborted signal rejects with AbortError and abandons the context', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const controller = new AbortController();
  const reason = new Error('user gave up');
  controller.abort(reason);
  const error = await failsWith(t, () => client.step(undefined, { signal: controller.signal }), DOMException);
  t.is(error.name, 'AbortError');
  t.is(error.cause, reason);
  t.is(client.state, 'aborted');
  const later = t.throws(() => client.stepSync(), { instanceOf: ContextStateError, message: /aborted/ });
  t.is(later?.state, 'aborted');
  t.is((later?.cause as DOMException | undefined)?.name, 'AbortError');
  t.throws(() => client.complete, { instanceOf: ContextStateError });
});

test('aborting a step in flight rejects at once; the context is deleted when the call ends', async (t) => {
  const { creds } = raw.acquireCredSync({ usage: 'initiate' });
  // A fresh target so the step has to ask the KDC for a ticket (it runs on a worker thread).
  const client = new SecurityContext({ name: hostName(), creds });
  const controller = new AbortController();
  const pending = client.step(undefined, { signal: controller.signal });
  // Let the step reach the native call (it starts on the next microtask), then abort.
  await Promise.resolve();
  await Promise.resolve();
  controller.abort();
  const error = await failsWith(t, () => pending, DOMException);
  t.is(error.name, 'AbortError');
  t.is(client.state, 'aborted');
  // Later calls are refused, and queued ones too.
  await failsWith(t, () => client.step(), ContextStateError, /aborted/);
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.throws(() => client.raw, { instanceOf: ContextStateError });
});

test('aborting a running second step deletes the raw context when the call finishes', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept' });
  const reply = server.stepSync(await client.step()) as Buffer;
  const rawContext = client.raw;
  const controller = new AbortController();
  const pending = client.step(reply, { signal: controller.signal });
  await Promise.resolve();
  await Promise.resolve();
  controller.abort();
  t.false(rawContext.released, 'the running call still uses it');
  await failsWith(t, () => pending, DOMException);
  await new Promise((resolve) => setTimeout(resolve, 100));
  t.true(rawContext.released, 'deleted once the call finished');
  t.is(client.state, 'aborted');
});

test('aborting steps() while it waits for the peer rejects and deletes the context', async (t) => {
  const [clientEnd] = memoryTransportPair();
  const client = new SecurityContext({ name: hostName() });
  const controller = new AbortController();
  const sent: Buffer[] = [];
  const run = (async () => {
    for await (const token of client.steps(clientEnd, { signal: controller.signal })) {
      sent.push(token);
      setTimeout(() => controller.abort(), 20);
    }
  })();
  const error = await failsWith(t, () => run, DOMException);
  t.is(error.name, 'AbortError');
  t.is(sent.length, 1);
  t.is(client.state, 'aborted');
  t.true(client.raw.released);
});

test('steps() with an aborted signal does nothing', async (t) => {
  const server = new SecurityContext({ usage: 'accept' });
  await failsWith(t, () => server.steps([], { signal: AbortSignal.abort() }).next(), DOMException);
  t.is(server.state, 'aborted');
  await failsWith(
    t,
    () => new SecurityContext({ usage: 'accept' }).steps([], { signal: 'x' as never }).next(),
    TypeError,
  );
});
