/**
 * negotiate(): the rxjs Observable over a real TCP socket with both framings
 * (length-prefixed and MIT gss-sample), its events, errors (with the error
 * token sent), coldness, unsubscription and abort; plus interop with MIT's
 * own gss-server and gss-client. Real KDC.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import net from 'node:net';
import test from 'ava';
import { firstValueFrom, lastValueFrom, type Observable, toArray } from 'rxjs';
import {
  BadChannelBindingsError,
  ChannelBindings,
  Credentials,
  type EstablishedEvent,
  GSSError,
  GssSampleFlag,
  gssSampleTransport,
  lengthPrefixedTransport,
  memoryTransportPair,
  type NegotiationEvent,
  NegotiationIncompleteError,
  negotiate,
  SecurityContext,
  type Transport,
} from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { failsWith, hostName } from './_helpers.js';

const fixture = await useRealm(test);

/** A TCP server on 127.0.0.1 handing each connection to `onSocket`. */
async function listen(onSocket: (socket: net.Socket) => void): Promise<{ port: number; close: () => void }> {
  const server = net.createServer(onSocket);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return { port, close: () => server.close() };
}

async function connect(port: number): Promise<net.Socket> {
  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  return socket;
}

function events(observable: Observable<NegotiationEvent>): Promise<NegotiationEvent[]> {
  return lastValueFrom(observable.pipe(toArray()));
}

function kinds(list: NegotiationEvent[]): string[] {
  return list.map((e) => e.type);
}

test('negotiate over TCP with length-prefixed frames; the socket carries messages afterwards', async (t) => {
  let serverDone!: Promise<NegotiationEvent[]>;
  let serverMessage!: Promise<string>;
  const server = await listen((socket) => {
    const transport = lengthPrefixedTransport(socket);
    const ctx = new SecurityContext({ usage: 'accept' });
    serverDone = events(negotiate(ctx, transport));
    serverMessage = serverDone.then(async () => ctx.decryptSync((await transport.receive()) as Buffer).toString());
  });
  try {
    const socket = await connect(server.port);
    const transport = lengthPrefixedTransport(socket);
    const client = new SecurityContext({ name: hostName() });
    const clientEvents = await events(negotiate(client, transport));
    t.deepEqual(kinds(clientEvents), ['sent', 'received', 'established']);
    const done = clientEvents.at(-1) as EstablishedEvent;
    t.is(done.context, client);
    t.true(done.mech?.equals(client.mech!));
    t.true(done.actualFlags.equals(client.actualFlags));
    t.is(`${done.initiatorName}`, fixture.realm.userPrincipal);
    t.is(`${done.targetName}`, fixture.realm.hostPrincipal);
    t.true(done.locallyInitiated);
    t.true(done.lifetime > 0);
    t.is(done.delegatedCreds, undefined);
    const serverEvents = await serverDone;
    t.deepEqual(kinds(serverEvents), ['received', 'sent', 'established']);
    t.deepEqual((serverEvents[0] as { token: Buffer }).token, (clientEvents[0] as { token: Buffer }).token);
    t.false((serverEvents.at(-1) as EstablishedEvent).locallyInitiated);
    await transport.send(client.encryptSync('over tcp'));
    t.is(await serverMessage, 'over tcp');
    socket.destroy();
  } finally {
    server.close();
  }
});

test('negotiate over TCP with MIT gss-sample frames, then the sample message exchange', async (t) => {
  let serverSide!: Promise<string>;
  const server = await listen((socket) => {
    const transport = gssSampleTransport(socket);
    const ctx = new SecurityContext({ usage: 'accept' });
    serverSide = (async () => {
      await lastValueFrom(negotiate(ctx, transport));
      const frame = await transport.receiveFrame();
      const flags = frame?.flags ?? 0;
      const text = ctx.unwrapSync(frame?.data as Buffer).message;
      if (flags & GssSampleFlag.sendMic) await transport.sendFrame(GssSampleFlag.mic, ctx.getSignatureSync(text));
      const end = await transport.receiveFrame();
      return `${text} ${end?.flags}`;
    })();
  });
  try {
    const socket = await connect(server.port);
    const transport = gssSampleTransport(socket);
    await transport.sendFrame(GssSampleFlag.noop | GssSampleFlag.contextNext);
    const client = new SecurityContext({ name: hostName() });
    t.deepEqual(kinds(await events(negotiate(client, transport))), ['sent', 'received', 'established']);
    const flags = GssSampleFlag.data | GssSampleFlag.wrapped | GssSampleFlag.encrypted | GssSampleFlag.sendMic;
    t.is(flags, 0xe4);
    await transport.sendFrame(flags, client.encryptSync('testmsg'));
    const reply = await transport.receiveFrame();
    t.is(reply?.flags, GssSampleFlag.mic);
    t.is(client.verifySignatureSync('testmsg', reply?.data as Buffer), 0);
    await transport.sendFrame(GssSampleFlag.noop);
    t.is(await serverSide, 'testmsg 1');
    socket.end();
    t.is(await transport.receive(), undefined, 'the end of the stream reads as undefined');
  } finally {
    server.close();
  }
});

test('negotiate errors with the GSSError after sending the error token to the peer', async (t) => {
  const [clientEnd, serverEnd] = memoryTransportPair();
  const client = new SecurityContext({
    name: hostName(),
    channelBindings: new ChannelBindings({ applicationData: Buffer.from('one') }),
  });
  const server = new SecurityContext({
    usage: 'accept',
    channelBindings: new ChannelBindings({ applicationData: Buffer.from('two') }),
  });
  const serverEvents: NegotiationEvent[] = [];
  const serverRun = new Promise<unknown>((resolve) => {
    negotiate(server, serverEnd).subscribe({ next: (e) => serverEvents.push(e), error: resolve });
  });
  const clientError = await failsWith(t, () => lastValueFrom(negotiate(client, clientEnd)), GSSError);
  const serverError = await serverRun;
  t.true(serverError instanceof BadChannelBindingsError);
  t.deepEqual(kinds(serverEvents), ['received', 'sent']);
  const sent = serverEvents[1] as { token: Buffer; error: boolean };
  t.true(sent.error);
  t.deepEqual(sent.token, (serverError as GSSError).token);
  t.regex(clientError.message, /initSecContext/);
  t.is(client.state, 'failed');
  t.is(server.state, 'failed');
});

test('the Observable is cold: nothing happens until it is subscribed', async (t) => {
  const [clientEnd, serverEnd] = memoryTransportPair();
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept' });
  const clientFlow = negotiate(client, clientEnd);
  const serverFlow = negotiate(server, serverEnd);
  await new Promise((resolve) => setTimeout(resolve, 50));
  t.is(client.state, 'new');
  t.is(server.state, 'new');
  const [a, b] = await Promise.all([events(clientFlow), events(serverFlow)]);
  t.is(a.at(-1)?.type, 'established');
  t.is(b.at(-1)?.type, 'established');
  // Subscribing again to an established context just reports it.
  t.deepEqual(kinds(await events(negotiate(client, clientEnd))), ['established']);
});

test('unsubscribing before completion deletes the context', async (t) => {
  const [clientEnd, serverEnd] = memoryTransportPair();
  const client = new SecurityContext({ name: hostName() });
  const first = firstValueFrom(negotiate(client, clientEnd));
  t.is((await first).type, 'sent');
  // firstValueFrom unsubscribed after the first event; the peer never answered.
  t.true(client.state === 'aborted' || client.state === 'deleted', client.state);
  t.true(client.raw.released);
  t.true((await serverEnd.receive())!.length > 0, 'the first token did go out');
});

test('unsubscribing during a step abandons the context once the step returns', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const never: Transport = { send: () => undefined, receive: () => new Promise(() => undefined) };
  const subscription = negotiate(client, never).subscribe({ error: () => undefined });
  subscription.unsubscribe();
  await new Promise((resolve) => setTimeout(resolve, 200));
  t.true(client.state === 'aborted' || client.state === 'deleted');
});

test('an AbortSignal errors the negotiation with an AbortError', async (t) => {
  const [clientEnd] = memoryTransportPair();
  const client = new SecurityContext({ name: hostName() });
  const controller = new AbortController();
  setTimeout(() => controller.abort(), 50);
  const error = await failsWith(
    t,
    () => lastValueFrom(negotiate(client, clientEnd, { signal: controller.signal })),
    DOMException,
  );
  t.is(error.name, 'AbortError');
  t.is(client.state, 'aborted');
});

test('a peer that closes early errors with NegotiationIncompleteError', async (t) => {
  const [clientEnd, serverEnd] = memoryTransportPair();
  serverEnd.close();
  const client = new SecurityContext({ name: hostName() });
  await failsWith(t, () => lastValueFrom(negotiate(client, clientEnd)), NegotiationIncompleteError);
  t.is(client.state, 'deleted');
  t.throws(() => negotiate(client, {} as never), { instanceOf: TypeError });
});

test('delegated credentials arrive in the established event', async (t) => {
  const [clientEnd, serverEnd] = memoryTransportPair();
  const client = new SecurityContext({ name: hostName(), flags: ['mutualAuthentication', 'delegateToPeer'] });
  const server = new SecurityContext({ usage: 'accept' });
  const [, s] = await Promise.all([events(negotiate(client, clientEnd)), events(negotiate(server, serverEnd))]);
  const done = s.at(-1) as EstablishedEvent;
  t.true(done.delegatedCreds instanceof Credentials);
  t.is(`${done.delegatedCreds?.name}`, fixture.realm.userPrincipal);
});

test('frames over maxLength and streams cut inside a frame are errors', async (t) => {
  const server = await listen((socket) => {
    socket.write(Buffer.from([0, 0, 1, 0, 1, 2])); // says 256 bytes, sends 2, then ends
    socket.end();
  });
  try {
    const one = await connect(server.port);
    const transport = lengthPrefixedTransport(one);
    await failsWith(t, () => transport.receive(), Error, /ended inside a frame/);
    const two = await connect(server.port);
    const small = lengthPrefixedTransport(two, { maxLength: 16 });
    await failsWith(t, () => small.receive(), RangeError, /maxLength/);
    // The stream is out of step after a bad frame; closing it is the caller's call.
    one.destroy();
    two.destroy();
  } finally {
    server.close();
  }
  t.throws(() => lengthPrefixedTransport({} as never), { instanceOf: TypeError });
});

// ----------------------------------------------------------------------------- MIT's gss-sample programs

const HAVE_SAMPLES = existsSync('/usr/bin/gss-server') && existsSync('/usr/bin/gss-client');
const sampleTest = HAVE_SAMPLES ? test : test.skip;

async function freePort(): Promise<number> {
  const s = net.createServer().listen(0, '127.0.0.1');
  await once(s, 'listening');
  const { port } = s.address() as net.AddressInfo;
  s.close();
  await once(s, 'close');
  return port;
}

function collect(child: ChildProcess): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr?.setEncoding('utf8').on('data', (d: string) => (err += d));
  return { out: () => out, err: () => err };
}

sampleTest('interop: our initiator against MIT gss-server (gss-sample framing)', async (t) => {
  const port = await freePort();
  const child = spawn('/usr/bin/gss-server', ['-once', '-port', String(port), 'host@localhost'], {
    env: { ...process.env, ...fixture.realm.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = collect(child);
  try {
    for (let i = 0; i < 100 && !output.err().includes('starting...'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const socket = await connect(port);
    const transport = gssSampleTransport(socket);
    await transport.sendFrame(GssSampleFlag.noop | GssSampleFlag.contextNext);
    const client = new SecurityContext({ name: hostName() });
    await lastValueFrom(negotiate(client, transport));
    await transport.sendFrame(0xe4, client.encryptSync('testmsg'));
    const mic = await transport.receiveFrame();
    t.is(mic?.flags, GssSampleFlag.mic);
    t.is(client.verifySignatureSync('testmsg', mic?.data as Buffer), 0);
    await transport.sendFrame(GssSampleFlag.noop);
    await once(child, 'exit');
    t.regex(output.out(), /Accepted connection: "user@KRBTEST.COM"/);
    t.regex(output.out(), /Received message: "testmsg"/);
  } finally {
    child.kill();
  }
});

sampleTest('interop: MIT gss-client against our acceptor (gss-sample framing)', async (t) => {
  let served!: Promise<string>;
  const server = await listen((socket) => {
    const transport = gssSampleTransport(socket);
    const ctx = new SecurityContext({ usage: 'accept' });
    served = (async () => {
      await lastValueFrom(negotiate(ctx, transport));
      const frame = await transport.receiveFrame();
      const text = ctx.unwrapSync(frame?.data as Buffer).message;
      await transport.sendFrame(GssSampleFlag.mic, ctx.getSignatureSync(text));
      await transport.receiveFrame();
      return `${ctx.initiatorName}: ${text}`;
    })();
  });
  try {
    const child = spawn(
      '/usr/bin/gss-client',
      ['-port', String(server.port), '127.0.0.1', 'host@localhost', 'testmsg'],
      {
        env: { ...process.env, ...fixture.realm.env },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const output = collect(child);
    const [code] = await once(child, 'exit');
    t.is(code, 0, output.err());
    t.regex(output.out(), /Signature verified/);
    t.is(await served, 'user@KRBTEST.COM: testmsg');
  } finally {
    server.close();
  }
});
