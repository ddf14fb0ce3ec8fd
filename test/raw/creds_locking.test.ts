/**
 * Credentials shared by concurrent calls: readers run together, and the calls
 * that change credentials in place (setNegMechs, setCredOption, addCred with
 * mutateInput) wait for them instead of racing them inside the library.
 */

import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const target = () => gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });

test('initiations sharing credentials with in-place changes in between all complete', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  const calls: Promise<unknown>[] = [];
  for (let i = 0; i < 24; i++) {
    calls.push(gss.initSecContext(target(), { creds, mech: gss.MechType.spnego }));
    if (i % 6 === 0) calls.push(gss.setNegMechs(creds, [gss.MechType.kerberos]));
    if (i % 8 === 0) gss.setNegMechsSync(creds, [gss.MechType.kerberos]);
  }
  const results = await Promise.all(calls);
  const inits = results.filter((r): r is gss.InitSecContextResult => typeof r === 'object' && r !== null);
  t.is(inits.length, 24);
  for (const r of inits) t.truthy(r.token);
});

test('acceptors sharing one credential run while another credential is extended in place', async (t) => {
  const { creds: acceptor } = gss.acquireCredSync({ usage: 'accept' });
  const tokens = Array.from({ length: 12 }, () => gss.initSecContextSync(target(), { flags: [] }).token as Buffer);
  const { creds: grown } = gss.acquireCredSync({ usage: 'initiate', mechs: [gss.MechType.kerberos] });
  const [accepted, added] = await Promise.all([
    Promise.all(tokens.map((token) => gss.acceptSecContext(token, { acceptorCreds: acceptor }))),
    gss.addCred(grown, null, gss.MechType.spnego, { usage: 'initiate', mutateInput: true }),
  ]);
  t.is(accepted.length, 12);
  for (const a of accepted) t.is(gss.displayNameSync(a.initiatorName as gss.Name).name, 'user@KRBTEST.COM');
  t.is(added.creds, undefined, 'mutateInput changes the input');
  t.true(gss.inquireCredSync(grown).mechs?.has(gss.MechType.spnego));
});
