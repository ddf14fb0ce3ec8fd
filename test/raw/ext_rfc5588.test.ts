/**
 * @gssapi/raw RFC 5588 storeCred against a real KDC. storeCred writes to the
 * mechanism's default store, for Kerberos the cache KRB5CCNAME names, so each
 * test points KRB5CCNAME at a cache of its own (process-wide: the tests are
 * serial) and never at the realm's cache.
 */
import path from 'node:path';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, failsWith, httpTarget, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const { MechType, RequirementFlag: F } = gss;
const available = gss.extensions.has('rfc5588');
const maybe = available ? test.serial : test.serial.skip;
const suffix = available ? '' : ' (skipped: the library lacks gss_store_cred)';

const CAROL_PASSWORD = 'carol-Secret-5588';
let counter = 0;

test.before(async () => {
  await fixture.realm.addPrincipal('carol', { password: CAROL_PASSWORD });
});

const principal = (name: string) => `${name}@${fixture.realm.realm}`;
const krbName = (name: string) => gss.importNameSync(name, { nameType: gss.NameType.kerberosPrincipal });

/** Runs `fn` with KRB5CCNAME pointing at a new cache file (returned path), then restores it. */
async function withDefaultCache<T>(fn: (cache: string) => Promise<T> | T): Promise<T> {
  const cache = path.join(fixture.realm.dir, `default-${++counter}.ccache`);
  const saved = process.env.KRB5CCNAME;
  process.env.KRB5CCNAME = `FILE:${cache}`;
  try {
    return await fn(cache);
  } finally {
    process.env.KRB5CCNAME = saved;
  }
}

const carolCreds = () => gss.acquireCredWithPasswordSync(krbName('carol'), CAROL_PASSWORD).creds;

maybe(`storeCred writes to the default cache, which then serves default acquisitions${suffix}`, async (t) => {
  const creds = carolCreds();
  await withDefaultCache(async (cache) => {
    const result = await gss.storeCred(creds, { usage: 'initiate' });
    t.true(Object.isFrozen(result));
    t.true(result.mechs.has(MechType.kerberos));
    t.is(result.usage, 'initiate');
    t.true((await fixture.realm.klist(cache)).includes(`Default principal: ${principal('carol')}`));

    const fromDefault = await gss.acquireCred({ usage: 'initiate' });
    t.is(show(gss.inquireCredSync(fromDefault.creds).name), principal('carol'));
    const { accept } = await establish({ init: { creds: fromDefault.creds } });
    t.is(show(accept.initiatorName), principal('carol'));
  });
  // Back on the realm cache: the default principal is user again.
  t.is(show(gss.inquireCredSync(gss.acquireCredSync({ usage: 'initiate' }).creds).name), fixture.realm.userPrincipal);
});

maybe(`storeCred refuses to replace stored credentials unless overwrite is set${suffix}`, async (t) => {
  const creds = carolCreds();
  await withDefaultCache(async () => {
    t.is(gss.storeCredSync(creds, { usage: 'initiate', mech: MechType.kerberos }).usage, 'initiate');
    await failsWith(t, () => gss.storeCred(creds, { usage: 'initiate' }), gss.DuplicateCredentialsElementError);
    await failsWith(t, () => gss.storeCredSync(creds, { usage: 'initiate' }), gss.DuplicateCredentialsElementError);
    const again = await gss.storeCred(creds, { usage: 'initiate', overwrite: true });
    t.true(again.mechs.has(MechType.kerberos));
  });
});

maybe(`storeCred over another principal's cache needs overwrite, then replaces it${suffix}`, async (t) => {
  const creds = carolCreds();
  await withDefaultCache(async (cache) => {
    await fixture.realm.kinit(fixture.realm.userPrincipal, { ccache: cache });
    await failsWith(t, () => gss.storeCred(creds, { usage: 'initiate' }), gss.DuplicateCredentialsElementError);
    t.true((await fixture.realm.klist(cache)).includes(`Default principal: ${fixture.realm.userPrincipal}`));
    await gss.storeCred(creds, { usage: 'initiate', overwrite: true, setDefault: true });
    t.true((await fixture.realm.klist(cache)).includes(`Default principal: ${principal('carol')}`));
  });
});

maybe(`an acceptor stores delegated credentials, and a later default acquisition uses them${suffix}`, async (t) => {
  const { accept } = establishSync({ init: { flags: [F.delegateToPeer, F.mutualAuthentication] } });
  const delegated = accept.delegatedCreds;
  if (!delegated) return t.fail('no delegated credentials');
  await withDefaultCache(async (cache) => {
    const result = await gss.storeCred(delegated, { usage: 'initiate', overwrite: true, setDefault: true });
    t.true(result.mechs.has(MechType.kerberos));
    const listing = await fixture.realm.klist(cache);
    t.true(listing.includes(`Default principal: ${fixture.realm.userPrincipal}`));
    t.regex(listing, /Flags: Ff/, 'a forwarded TGT');

    const { creds } = await gss.acquireCred({ usage: 'initiate' });
    const onward = await establish({ target: httpTarget(), init: { creds } });
    t.is(show(onward.accept.initiatorName), fixture.realm.userPrincipal);
  });
});

maybe(`storeCred of acceptor-only credentials has no initiator element to store${suffix}`, async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'accept' });
  await withDefaultCache(async () => {
    // MIT answers a bare GSS_S_FAILURE, with no minor status.
    const error = await failsWith(t, () => gss.storeCred(creds, { usage: 'initiate' }), gss.GSSError);
    t.is((error as gss.GSSError | undefined)?.code, 'GSS_S_FAILURE');
  });
});

test('storeCred argument checks', async (t) => {
  const creds = gss.acquireCredSync({ usage: 'initiate' }).creds;
  await failsWith(t, () => gss.storeCred(undefined as never), TypeError, /creds must be a Creds/);
  await failsWith(t, () => gss.storeCredSync({} as never), TypeError, /creds must be a Creds/);
  await failsWith(t, () => gss.storeCred(creds, { usage: 'store' as never }), TypeError, /options\.usage/);
  await failsWith(t, () => gss.storeCredSync(creds, { overwrite: 'yes' as never }), TypeError, /options\.overwrite/);
  await failsWith(t, () => gss.storeCredSync(creds, { setDefault: 1 as never }), TypeError, /options\.setDefault/);
  await failsWith(t, () => gss.storeCredSync(creds, { mech: 42 as never }), TypeError, /options\.mech/);
  await failsWith(t, () => gss.storeCred(creds, [] as never), TypeError, /options must be an object/);
  creds.release();
  await failsWith(t, () => gss.storeCredSync(creds), TypeError, /creds has been released/);
});
