/**
 * Edges of SecurityContext and negotiate() that a careful caller still hits:
 * an abort after a step finished, overlapping steps, exporting a partial
 * context, an error after completion, Mechanism's upgrade path.
 */

import { ContextStateError, Mechanism, MechType, negotiate, SecurityContext } from '@gssapi/high';
import * as raw from '@gssapi/raw';
import test from 'ava';
import { lastValueFrom } from 'rxjs';
import { useRealm } from '../helpers/realm.js';
import { failsWith, hostName } from './_helpers.js';

await useRealm(test);

test('an abort right after a step resolved leaves the context usable', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept' });
  const controller = new AbortController();
  let token: Buffer | undefined;
  try {
    token = await client.step(undefined, { signal: controller.signal });
  } finally {
    controller.abort();
  }
  t.is(client.state, 'partial');
  const reply = await server.step(token);
  t.is(await client.step(reply), undefined);
  t.true(client.complete);
});

test('a second step while one is pending is refused without failing the context', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  const first = client.step();
  await failsWith(t, () => client.step(), ContextStateError, /previous step\(\) has not finished/);
  const token = await first;
  t.truthy(token);
  t.is(client.state, 'partial');
  const server = new SecurityContext({ usage: 'accept' });
  t.is(await client.step(await server.step(token)), undefined);
  t.true(client.complete);
});

test('a partial context is not exported (it could not be imported back)', async (t) => {
  const client = new SecurityContext({ name: hostName() });
  await client.step();
  t.throws(() => client.exportSync(), { instanceOf: ContextStateError, message: /not established/ });
  await failsWith(t, () => client.export(), ContextStateError, /not established/);
  t.is(client.state, 'partial', 'still usable');
});

test('negotiate() deletes the context when the last send fails after completion', async (t) => {
  // The acceptor completes on the client's one token, then fails to send its reply.
  const server = new SecurityContext({ usage: 'accept' });
  let first = true;
  const transport = {
    async receive() {
      if (!first) return undefined;
      first = false;
      return raw.initSecContextSync(hostName().raw).token as Buffer;
    },
    async send() {
      throw new Error('peer gone');
    },
  };
  await t.throwsAsync(lastValueFrom(negotiate(server, transport)), { message: 'peer gone' });
  t.is(server.state, 'deleted');
});

test('Mechanism has fromRaw and a no-op dispose, like every class', (t) => {
  const mech = Mechanism.fromRaw(raw.MechType.kerberos);
  t.true(mech.equals(MechType.kerberos));
  t.notThrows(() => {
    using krb5 = Mechanism.from(MechType.kerberos);
    t.is(`${krb5.dottedForm}`, '1.2.840.113554.1.2.2');
  });
  mech[Symbol.dispose]();
  t.true(mech.equals(MechType.kerberos));
});
