/**
 * NTLM (gss-ntlmssp, no domain controller: NTLM_USER_FILE) and SPNEGO
 * negotiating NTLM: the three-leg loop with step, steps() and negotiate(),
 * lazy properties on partial and complete contexts (including the acceptor's
 * target name, which gss-ntlmssp 1.2 cannot report without crashing),
 * sealing, and requireFlags failing because NTLM does not report
 * confidentiality.
 */
import * as raw from '@gssapi/raw';
import test from 'ava';
import { lastValueFrom, toArray } from 'rxjs';
import {
  Credentials,
  MechType,
  MissingFlagsError,
  memoryTransportPair,
  negotiate,
  type OID,
  SecurityContext,
} from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { establishSync, failsWith, hostName } from './_helpers.js';

await useRealm(test, { ntlm: true });

const ntlm = (): OID => MechType.ntlm as OID;
const NTLM_USER = 'KRBTEST\\user';

test('gss-ntlmssp is loaded', (t) => {
  t.truthy(MechType.ntlm);
  t.true(raw.indicateMechsSync().has(ntlm()));
});

test('raw NTLM with step(): three legs, the acceptor finishes without a token', (t) => {
  const client = new SecurityContext({ name: hostName(), mech: ntlm() });
  const server = new SecurityContext({ usage: 'accept' });
  const legs = establishSync(client, server);
  t.deepEqual(
    legs.map((l) => l.from),
    ['client', 'server', 'client'],
  );
  t.true(client.complete && server.complete);
  t.true(client.mech?.equals(ntlm()));
  t.true(server.mech?.equals(ntlm()));
  t.is(`${server.initiatorName}`, NTLM_USER);
  t.is(`${client.initiatorName}`, NTLM_USER);
  t.is(`${client.targetName}`, 'host/localhost');
  t.is(server.targetName, undefined, 'no acceptor credentials name, and gss-ntlmssp cannot be asked');
  t.true(client.actualFlags.has('integrity'));
  t.true(client.actualFlags.has('confidentiality'), 'granted because our defaults ask for it');
  t.false(server.actualFlags.has('mutualAuthentication'), 'an NTLM acceptor reports only CONF and INTEG');
  const r = raw.inquireContextSync(client.raw);
  t.true(client.actualFlags.equals(r.flags as raw.FlagSet));
  t.true(server.lifetime > 0);
  const info = server.inquireSync();
  t.is(`${info.initiatorName}`, NTLM_USER);
  t.is(info.targetName, undefined);
  // Sealing works although CONF is not reported.
  t.is(server.decryptSync(client.encryptSync('sealed')).toString(), 'sealed');
  t.is(client.decryptSync(server.encryptSync('back')).toString(), 'back');
  t.is(server.verifySignatureSync('signed', client.getSignatureSync('signed')), 0);
});

test('the acceptor target name comes from the acceptor credentials', async (t) => {
  const creds = await Credentials.acquire({ usage: 'accept', mechs: [ntlm()], name: hostName() });
  t.is(`${creds.name}`, 'host/localhost');
  const client = new SecurityContext({ name: hostName(), mech: ntlm() });
  const server = new SecurityContext({ creds });
  t.is(server.usage, 'accept');
  establishSync(client, server);
  t.is(`${server.targetName}`, 'host/localhost');
  t.is((await server.inquire()).targetName?.toString(), 'host/localhost');
});

test('nameless NTLM acceptor credentials: name reads as undefined instead of crashing gss-ntlmssp', async (t) => {
  for (const usage of ['accept', 'both'] as const) {
    const creds = Credentials.acquireSync({ usage, mechs: [ntlm()] });
    t.is(creds.name, undefined);
    t.not(creds.usage, 'initiate', 'gss-ntlmssp reports both as accept');
    t.is(creds.inquireSync().name, undefined);
    t.is((await creds.inquire()).usage, creds.usage);
    t.is(creds.inquireByMechSync(ntlm()).name, undefined);
    t.is((await creds.inquireByMech(ntlm())).acceptLifetime, Number.POSITIVE_INFINITY);
    t.regex(String(creds[Symbol.for('nodejs.util.inspect.custom')]()), /<no name>/);
    const server = new SecurityContext({ creds });
    establishSync(new SecurityContext({ name: hostName(), mech: ntlm() }), server);
    t.is(server.targetName, undefined);
  }
  // Initiator credentials are safe to ask.
  t.is(`${Credentials.acquireSync({ usage: 'initiate', mechs: [ntlm()] }).name}`, NTLM_USER);
});

test('properties of partial NTLM contexts do not crash and say what is known', (t) => {
  const client = new SecurityContext({ name: hostName(), mech: ntlm() });
  const server = new SecurityContext({ usage: 'accept' });
  const challenge = server.stepSync(client.stepSync()) as Buffer;
  t.is(server.state, 'partial');
  t.is(server.targetName, undefined);
  t.is(server.initiatorName, undefined);
  t.is(typeof server.lifetime, 'number');
  t.truthy(server.actualFlags);
  t.false(server.locallyInitiated);
  server.inquireSync();
  t.true(client.locallyInitiated);
  t.true(client.mech?.equals(ntlm()));
  server.stepSync(client.stepSync(challenge) as Buffer);
  t.true(server.complete);
});

test('requireFlags: an NTLM acceptor requiring replay detection fails, as NTLM does not report it', (t) => {
  const client = new SecurityContext({ name: hostName(), mech: ntlm(), requireFlags: ['confidentiality'] });
  const server = new SecurityContext({ usage: 'accept', requireFlags: ['integrity', 'replayDetection'] });
  const challenge = server.stepSync(client.stepSync() as Buffer) as Buffer;
  const authenticate = client.stepSync(challenge) as Buffer;
  t.true(client.complete, 'the client got what it required');
  const error = t.throws(() => server.stepSync(authenticate), { instanceOf: MissingFlagsError });
  t.deepEqual(error?.missing.names(), ['replayDetection']);
  t.true(error?.actual.has('integrity'));
  t.is(server.state, 'failed');
  t.true(server.raw.released);
  t.is(
    t.throws(() => server.complete),
    error,
  );
});

test('SPNEGO negotiates NTLM when the initiator offers only NTLM', async (t) => {
  // Through the raw layer: SPNEGO credentials restricted to NTLM (gss_set_neg_mechs).
  const { creds } = raw.acquireCredSync({ usage: 'initiate', mechs: [MechType.spnego] });
  raw.setNegMechsSync(creds, [ntlm()]);
  const client = new SecurityContext({ name: hostName(), mech: MechType.spnego, creds });
  const server = new SecurityContext({ usage: 'accept' });
  const legs = establishSync(client, server);
  t.true(legs.length >= 3);
  t.true(client.mech?.equals(ntlm()));
  t.true(server.mech?.equals(ntlm()));
  t.is(`${server.initiatorName}`, NTLM_USER);
  t.is(server.targetName, undefined);
  t.is(server.decryptSync(client.encryptSync('spnego')).toString(), 'spnego');
});

test('NTLM with steps() over an in-memory pipe and with negotiate()', async (t) => {
  {
    const [a, b] = memoryTransportPair();
    const client = new SecurityContext({ name: hostName(), mech: ntlm() });
    const server = new SecurityContext({ usage: 'accept' });
    const count = { client: 0, server: 0 };
    await Promise.all([
      (async () => {
        for await (const token of client.steps(a)) {
          count.client++;
          await a.send(token);
        }
      })(),
      (async () => {
        for await (const token of server.steps(b)) {
          count.server++;
          await b.send(token);
        }
      })(),
    ]);
    t.deepEqual(count, { client: 2, server: 1 });
    t.true(server.complete);
  }
  {
    const [a, b] = memoryTransportPair();
    const client = new SecurityContext({ name: hostName(), mech: ntlm() });
    const server = new SecurityContext({ usage: 'accept' });
    const [ce, se] = await Promise.all([
      lastValueFrom(negotiate(client, a).pipe(toArray())),
      lastValueFrom(negotiate(server, b).pipe(toArray())),
    ]);
    t.deepEqual(
      ce.map((e) => e.type),
      ['sent', 'received', 'sent', 'established'],
    );
    t.deepEqual(
      se.map((e) => e.type),
      ['received', 'sent', 'received', 'established'],
    );
    const done = se.at(-1);
    t.is(done?.type === 'established' ? `${done.initiatorName}` : '', NTLM_USER);
    t.is(done?.type === 'established' ? done.targetName : 'x', undefined);
  }
});

test('a wrong NTLM password fails the acceptor', async (t) => {
  const name = raw.importNameSync(NTLM_USER, { nameType: raw.NameType.user });
  const { creds } = raw.acquireCredWithPasswordSync(name, 'wrong password', { mechs: [ntlm()] });
  const client = new SecurityContext({ name: hostName(), mech: ntlm(), creds });
  const server = new SecurityContext({ usage: 'accept' });
  const challenge = server.stepSync(client.stepSync() as Buffer) as Buffer;
  const authenticate = client.stepSync(challenge) as Buffer;
  await failsWith(t, () => server.step(authenticate), raw.GSSError);
  t.is(server.state, 'failed');
});
