/**
 * @gssapi/high over TCP: a throwaway realm, an acceptor that negotiates with
 * the rxjs `negotiate()` Observable and a client that runs the loop with
 * `for await (... of ctx.steps(transport))`, both over length-prefixed
 * frames on a real socket; then an encrypted request and a signed reply.
 *
 * Run: node --import tsx examples/high-tcp.ts
 */
import { once } from 'node:events';
import net from 'node:net';
import { Credentials, lengthPrefixedTransport, Name, NameType, negotiate, SecurityContext } from '@gssapi/high';
import { K5Realm } from '@gssapi/k5test';
import { lastValueFrom, tap } from 'rxjs';

/** The server: one connection, one context, one request. */
async function serve(socket: net.Socket, creds: Credentials): Promise<void> {
  const transport = lengthPrefixedTransport(socket);
  using ctx = new SecurityContext({ creds, requireFlags: ['mutualAuthentication'] });
  const done = await lastValueFrom(
    negotiate(ctx, transport).pipe(
      tap((event) => {
        if (event.type !== 'established') console.log(`server  ${event.type} ${event.token.length} bytes`);
      }),
    ),
  );
  if (done.type !== 'established') throw new Error('the negotiation ended without a context');
  console.log(`server  established: ${done.initiatorName} via ${done.mech?.mechName}`);
  const request = (await ctx.decrypt((await transport.receive()) as Buffer)).toString();
  console.log(`server  request "${request}"`);
  const reply = Buffer.from('here it is');
  await transport.send(reply);
  await transport.send(await ctx.getSignature(reply));
  socket.end();
}

const realm = await K5Realm.start();
const restoreEnv = realm.applyEnv();
try {
  const serverCreds = await Credentials.acquire({ usage: 'accept' });
  let served: Promise<void> = Promise.resolve();
  const server = net.createServer((socket) => {
    served = serve(socket, serverCreds);
    server.close();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;

  const socket = net.connect(port, '127.0.0.1');
  await once(socket, 'connect');
  const transport = lengthPrefixedTransport(socket);
  using client = new SecurityContext({ name: new Name('host@localhost', NameType.hostbasedService) });
  for await (const token of client.steps(transport)) {
    console.log(`client  sent ${token.length} bytes`);
    await transport.send(token);
  }
  console.log(`client  established with ${client.targetName}, flags ${client.actualFlags.names().join(', ')}`);
  await transport.send(await client.encrypt('GET /secret'));
  const reply = (await transport.receive()) as Buffer;
  await client.verifySignature(reply, (await transport.receive()) as Buffer);
  console.log(`client  reply "${reply}" (signature verified)`);
  await served;
  socket.destroy();
} finally {
  restoreEnv();
  await realm.stop();
}
