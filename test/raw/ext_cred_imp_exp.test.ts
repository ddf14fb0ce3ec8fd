/**
 * @gssapi/raw credential export/import (exportCred, importCred) against a real
 * KDC: initiator, acceptor and delegated credentials survive the round trip
 * and work afterwards; damaged tokens are rejected.
 */
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, failsWith, httpTarget, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const { MechType, RequirementFlag: F } = gss;
const available = gss.extensions.has('credImpExp');
const maybe = available ? test : test.skip;
const suffix = available ? '' : ' (skipped: the library lacks gss_export_cred/gss_import_cred)';

const DAVE_PASSWORD = 'dave-Secret-ImpExp';

test.before(async () => {
  await fixture.realm.addPrincipal('dave', { password: DAVE_PASSWORD });
});

const krbName = (name: string) => gss.importNameSync(name, { nameType: gss.NameType.kerberosPrincipal });

maybe(`initiator credentials survive export and import (async)${suffix}`, async (t) => {
  const { creds } = await gss.acquireCred({ usage: 'initiate' });
  const token = await gss.exportCred(creds);
  t.true(Buffer.isBuffer(token));
  t.true(token.length > 0);
  const imported = await gss.importCred(token);
  t.true(imported instanceof gss.Creds);
  t.not(imported, creds);
  const info = await gss.inquireCred(imported);
  t.is(show(info.name), fixture.realm.userPrincipal);
  t.is(info.usage, 'initiate');
  t.true(info.mechs?.has(MechType.kerberos));

  const { accept } = await establish({ init: { creds: imported } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
  // Exporting does not consume the original.
  const { accept: again } = await establish({ init: { creds } });
  t.is(show(again.initiatorName), fixture.realm.userPrincipal);
});

maybe(`acceptor credentials survive export and import (sync)${suffix}`, (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'accept', mechs: [MechType.kerberos] });
  const token = gss.exportCredSync(creds);
  const imported = gss.importCredSync(token);
  t.is(gss.inquireCredSync(imported).usage, 'accept');
  const { accept } = establishSync({ accept: { acceptorCreds: imported } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
});

maybe(`delegated credentials survive export and import and initiate onward${suffix}`, async (t) => {
  const { accept } = await establish({ init: { flags: [F.delegateToPeer, F.mutualAuthentication] } });
  t.true(accept.flags.has(F.delegateToPeer));
  const delegated = accept.delegatedCreds;
  if (!delegated) return t.fail('no delegated credentials');

  const token = await gss.exportCred(delegated);
  const imported = await gss.importCred(token);
  t.is(show(gss.inquireCredSync(imported).name), fixture.realm.userPrincipal);

  // The imported copy gets a ticket for another service from the forwarded TGT.
  const onward = await establish({ target: httpTarget(), init: { creds: imported } });
  t.is(show(onward.accept.initiatorName), fixture.realm.userPrincipal);
  t.is(show(gss.inquireContextSync(onward.acceptor).targetName), fixture.realm.httpPrincipal);
});

maybe(`password credentials export with their password (MIT): the token is a secret${suffix}`, async (t) => {
  const { creds } = await gss.acquireCredWithPassword(krbName('dave'), DAVE_PASSWORD);
  const token = await gss.exportCred(creds);
  t.true(token.includes(Buffer.from(DAVE_PASSWORD)), 'MIT serialises the password kept for renewal');
  const imported = await gss.importCred(token);
  const { accept } = await establish({ init: { creds: imported } });
  t.is(show(accept.initiatorName), `dave@${fixture.realm.realm}`);
});

maybe(`damaged tokens are rejected${suffix}`, async (t) => {
  const token = gss.exportCredSync(gss.acquireCredSync({ usage: 'initiate' }).creds);
  for (const bad of [Buffer.from('garbage'), Buffer.alloc(0), token.subarray(0, token.length - 8)]) {
    await failsWith(t, () => gss.importCred(bad), gss.InvalidTokenError);
    await failsWith(t, () => gss.importCredSync(bad), gss.InvalidTokenError);
  }
});

test('export/import argument checks', async (t) => {
  await failsWith(t, () => gss.exportCred(undefined as never), TypeError, /creds must be a Creds/);
  await failsWith(t, () => gss.exportCredSync(null as never), TypeError, /creds must be a Creds/);
  await failsWith(t, () => gss.exportCredSync('creds' as never), TypeError, /creds must be a Creds/);
  await failsWith(t, () => gss.importCred('token' as never), TypeError, /token must be a Uint8Array/);
  await failsWith(t, () => gss.importCredSync(undefined as never), TypeError, /token must be a Uint8Array/);
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  creds.release();
  await failsWith(t, () => gss.exportCred(creds), TypeError, /creds has been released/);
  // A high-level wrapper is accepted where raw credentials are.
  if (available) {
    const fresh = gss.acquireCredSync({ usage: 'initiate' }).creds;
    t.true(gss.exportCredSync({ raw: fresh }).length > 0);
  }
});
