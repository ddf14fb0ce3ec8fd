/**
 * @gssapi/raw password acquisition (acquireCredWithPassword,
 * addCredWithPassword) against a real KDC: the credentials work as an
 * initiator, live in their own memory cache (the default ticket cache is left
 * alone), and wrong passwords fail with the error MIT gives.
 */
import { readFileSync } from 'node:fs';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, failsWith, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const { MechType } = gss;
const hasAcquire = gss.extensions.has('password');
const hasAdd = gss.extensions.has('passwordAdd');
const maybe = hasAcquire ? test : test.skip;
const maybeAdd = hasAdd ? test : test.skip;
const suffix = hasAcquire ? '' : ' (skipped: the library lacks gss_acquire_cred_with_password)';
const addSuffix = hasAdd ? '' : ' (skipped: the library lacks gss_add_cred_with_password)';

const FRANK_PASSWORD = 'frank-Secret-Preauth';

test.before(async () => {
  await fixture.realm.addPrincipal('frank', { password: FRANK_PASSWORD, flags: ['+requires_preauth'] });
});

const krbName = (name: string) => gss.importNameSync(name, { nameType: gss.NameType.kerberosPrincipal });
const userName = () => krbName(fixture.realm.userPrincipal);

maybe(`acquireCredWithPassword gives a working initiator (async)${suffix}`, async (t) => {
  const before = readFileSync(fixture.realm.ccache);
  const result = await gss.acquireCredWithPassword(userName(), fixture.realm.userPassword);
  t.true(Object.isFrozen(result));
  t.true(result.creds instanceof gss.Creds);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.lifetime > 0 && Number.isFinite(result.lifetime));
  const info = await gss.inquireCred(result.creds);
  t.is(show(info.name), fixture.realm.userPrincipal);
  t.is(info.usage, 'initiate');

  const { accept } = await establish({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
  // The TGT and the service ticket went into the credentials' own memory cache.
  t.true(readFileSync(fixture.realm.ccache).equals(before), 'the default cache is untouched');
});

maybe(`acquireCredWithPasswordSync with the password as bytes${suffix}`, (t) => {
  const password = Buffer.from(fixture.realm.userPassword, 'utf8');
  const copy = Buffer.from(password);
  const result = gss.acquireCredWithPasswordSync(userName(), password, {
    mechs: [MechType.kerberos],
    usage: 'initiate',
  });
  t.true(password.equals(copy), "the caller's buffer is the caller's: it is not cleared");
  const { accept } = establishSync({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
  // A Uint8Array that is not a Buffer works the same.
  const view = new Uint8Array(password);
  t.truthy(gss.acquireCredWithPasswordSync(userName(), view).creds);
});

maybe(`a wrong password raises MissingCredentialsError (GSS_S_NO_CRED)${suffix}`, async (t) => {
  // Without preauthentication the KDC answers and the reply does not decrypt.
  const error = await failsWith(
    t,
    () => gss.acquireCredWithPassword(userName(), 'not-the-password'),
    gss.MissingCredentialsError,
    /Decrypt integrity check failed/,
  );
  t.is((error as gss.GSSError | undefined)?.code, 'GSS_S_NO_CRED');
  // With preauthentication required the KDC refuses.
  await failsWith(
    t,
    () => gss.acquireCredWithPasswordSync(krbName('frank'), 'not-the-password'),
    gss.MissingCredentialsError,
    /Preauthentication failed/,
  );
  const frank = await gss.acquireCredWithPassword(krbName('frank'), FRANK_PASSWORD);
  t.is(show(gss.inquireCredSync(frank.creds).name), `frank@${fixture.realm.realm}`);
});

maybe(`an unknown principal and an acceptor usage are refused${suffix}`, async (t) => {
  await failsWith(t, () => gss.acquireCredWithPassword(krbName('nobody'), 'x'), gss.GSSError, /not found/);
  // Accepting needs keys from a keytab, which a password does not give.
  await failsWith(
    t,
    () => gss.acquireCredWithPassword(userName(), fixture.realm.userPassword, { usage: 'accept' }),
    gss.MissingCredentialsError,
    /No key table entry found/,
  );
});

maybeAdd(`addCredWithPassword to new credentials${addSuffix}`, async (t) => {
  const result = await gss.addCredWithPassword(null, userName(), MechType.kerberos, fixture.realm.userPassword);
  t.true(Object.isFrozen(result));
  t.true(result.creds instanceof gss.Creds);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.initLifetime > 0 && Number.isFinite(result.initLifetime));
  const { accept } = await establish({ init: { creds: result.creds as gss.Creds } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
  await failsWith(
    t,
    () => gss.addCredWithPassword(null, userName(), MechType.kerberos, 'not-the-password'),
    gss.MissingCredentialsError,
  );
});

maybeAdd(`addCredWithPassword in place on existing credentials (sync)${addSuffix}`, (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate', mechs: [MechType.spnego] });
  const result = gss.addCredWithPasswordSync(creds, krbName('frank'), MechType.kerberos, FRANK_PASSWORD, {
    mutateInput: true,
  });
  t.is(result.creds, undefined);
  t.true(result.mechs.has(MechType.spnego) && result.mechs.has(MechType.kerberos));
  t.is(show(gss.inquireCredByMechSync(creds, MechType.kerberos).name), `frank@${fixture.realm.realm}`);
  const { accept } = establishSync({ init: { creds, mech: MechType.kerberos } });
  t.is(show(accept.initiatorName), `frank@${fixture.realm.realm}`);
});

test('password argument checks', async (t) => {
  const name = userName();
  for (const bad of [undefined, null, 42, ['pw'], {}]) {
    await failsWith(
      t,
      () => gss.acquireCredWithPassword(name, bad as never),
      TypeError,
      /password must be a string or a Uint8Array/,
    );
    await failsWith(
      t,
      () => gss.addCredWithPasswordSync(null, name, MechType.kerberos, bad as never),
      TypeError,
      /password must be a string or a Uint8Array/,
    );
  }
  await failsWith(t, () => gss.acquireCredWithPassword(undefined as never, 'pw'), TypeError, /name must be a Name/);
  await failsWith(
    t,
    () => gss.acquireCredWithPasswordSync(name, 'pw', { usage: 'x' as never }),
    TypeError,
    /options\.usage/,
  );
  await failsWith(
    t,
    () => gss.acquireCredWithPasswordSync(name, 'pw', { lifetime: 1.5 }),
    RangeError,
    /options\.lifetime/,
  );
  await failsWith(t, () => gss.addCredWithPassword(null, name, 'x' as never, 'pw'), RangeError, /mech/);
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  await failsWith(
    t,
    () => gss.addCredWithPassword(creds, name, MechType.kerberos, 'pw'),
    TypeError,
    /inputCred needs options\.mutateInput: true/,
  );
  await failsWith(
    t,
    () => gss.addCredWithPasswordSync(null, name, MechType.kerberos, 'pw', { mutateInput: true }),
    TypeError,
    /mutateInput needs an inputCred/,
  );
});
