/**
 * @gssapi/raw S4U (acquireCredImpersonateName, addCredImpersonateName) against
 * a real KDC: S4U2Self protocol transition. The impersonator is host/localhost
 * (flagged ok_to_auth_as_delegate by k5test), whose initiator credentials come
 * from the realm keytab used as a client keytab, into a memory cache. The
 * impersonated user's credentials then initiate a context to the service
 * itself, and the acceptor sees the user as the initiator.
 */
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, failsWith, hostTarget, httpTarget, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const { MechType } = gss;
const available = gss.extensions.has('s4u') && gss.extensions.has('credStore');
const maybe = available ? test : test.skip;
const suffix = available ? '' : ' (skipped: the library lacks S4U or the credential store)';

const krbName = (name: string) => gss.importNameSync(name, { nameType: gss.NameType.kerberosPrincipal });

let impersonator: gss.Creds;
test.before(async () => {
  if (!available) return;
  const { realm } = fixture;
  ({ creds: impersonator } = await gss.acquireCredFrom({
    name: krbName(realm.hostPrincipal),
    store: { client_keytab: `FILE:${realm.keytab}`, ccache: 'MEMORY:s4u-impersonator' },
    usage: 'initiate',
  }));
});

maybe(`the impersonator holds the service's own initiator credentials${suffix}`, (t) => {
  const info = gss.inquireCredSync(impersonator);
  t.is(show(info.name), fixture.realm.hostPrincipal);
  t.is(info.usage, 'initiate');
});

maybe(`S4U2Self: impersonate user and initiate to the service itself (async)${suffix}`, async (t) => {
  const result = await gss.acquireCredImpersonateName(impersonator, krbName('user'));
  t.true(Object.isFrozen(result));
  t.true(result.creds instanceof gss.Creds);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.lifetime > 0 && Number.isFinite(result.lifetime));
  const info = await gss.inquireCred(result.creds);
  t.is(show(info.name), fixture.realm.userPrincipal);
  t.is(info.usage, 'initiate');

  const { accept } = await establish({ target: hostTarget(), init: { creds: result.creds } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
});

maybe(`S4U2Self with a user name and the krb5 mechanism (sync)${suffix}`, (t) => {
  // A plain user name (GSS_C_NT_USER_NAME) is qualified with the default realm.
  const result = gss.acquireCredImpersonateNameSync(impersonator, gss.importNameSync('user'), {
    mechs: [MechType.kerberos],
    lifetime: 600,
  });
  t.deepEqual([...result.mechs].map(String), [MechType.kerberos.toString()]);
  const { accept } = establishSync({ target: hostTarget(), init: { creds: result.creds } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
});

maybe(`a principal not flagged ok_to_auth_as_delegate still gets S4U2Self tickets for itself${suffix}`, async (t) => {
  const { realm } = fixture;
  await realm.addPrincipal('plain/localhost', { keytab: true });
  const { creds: plain } = await gss.acquireCredFrom({
    name: krbName('plain/localhost'),
    store: { client_keytab: `FILE:${realm.keytab}`, ccache: 'MEMORY:s4u-plain' },
    usage: 'initiate',
  });
  const { creds } = await gss.acquireCredImpersonateName(plain, krbName('user'));
  const target = gss.importNameSync('plain@localhost', { nameType: gss.NameType.hostbasedService });
  const { accept } = await establish({ target, init: { creds } });
  t.is(show(accept.initiatorName), realm.userPrincipal);
});

maybe(`impersonated credentials cannot reach another service without S4U2Proxy support${suffix}`, async (t) => {
  // Initiating to HTTP/localhost needs S4U2Proxy (constrained delegation),
  // which MIT's KDC only grants with an LDAP (or test) database.
  const { creds } = await gss.acquireCredImpersonateName(impersonator, krbName('user'));
  await failsWith(
    t,
    () => gss.initSecContext(httpTarget(), { creds }),
    gss.GSSError,
    /KDC can't fulfill requested option/,
  );
});

maybe(`S4U2Self fails for an unknown user and for acceptor-only impersonators${suffix}`, async (t) => {
  const error = await failsWith(t, () => gss.acquireCredImpersonateName(impersonator, krbName('nobody')), gss.GSSError);
  t.is((error as gss.GSSError | undefined)?.code, 'GSS_S_FAILURE');
  const { creds: acceptor } = gss.acquireCredSync({ name: krbName(fixture.realm.hostPrincipal), usage: 'accept' });
  await failsWith(t, () => gss.acquireCredImpersonateNameSync(acceptor, krbName('user')), gss.MissingCredentialsError);
});

maybe(`addCredImpersonateName to new credentials${suffix}`, async (t) => {
  const result = await gss.addCredImpersonateName(null, impersonator, krbName('user'), MechType.kerberos);
  t.true(Object.isFrozen(result));
  t.true(result.creds instanceof gss.Creds);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.initLifetime > 0 && Number.isFinite(result.initLifetime));
  t.is(result.acceptLifetime, 0, 'an initiate-only element');
  const { accept } = await establish({ target: hostTarget(), init: { creds: result.creds as gss.Creds } });
  t.is(show(accept.initiatorName), fixture.realm.userPrincipal);
});

maybe(`addCredImpersonateName in place on existing credentials (sync)${suffix}`, (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate', mechs: [MechType.spnego] });
  const result = gss.addCredImpersonateNameSync(creds, impersonator, krbName('user'), MechType.kerberos, {
    mutateInput: true,
  });
  t.is(result.creds, undefined);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.mechs.has(MechType.spnego));
  const mechs = gss.inquireCredSync(creds).mechs;
  t.true(mechs?.has(MechType.kerberos));
  // An element for the same mechanism again is a duplicate.
  t.throws(
    () =>
      gss.addCredImpersonateNameSync(creds, impersonator, krbName('user'), MechType.kerberos, { mutateInput: true }),
    { instanceOf: gss.DuplicateCredentialsElementError },
  );
});

test('S4U argument checks', async (t) => {
  const user = gss.importNameSync('user');
  const creds = gss.acquireCredSync({ usage: 'initiate' }).creds;
  await failsWith(
    t,
    () => gss.acquireCredImpersonateName(undefined as never, user),
    TypeError,
    /impersonatorCred must be a Creds/,
  );
  await failsWith(
    t,
    () => gss.acquireCredImpersonateNameSync(null as never, user),
    TypeError,
    /impersonatorCred must be a Creds/,
  );
  await failsWith(t, () => gss.acquireCredImpersonateName(creds, 'user' as never), TypeError, /name must be a Name/);
  await failsWith(
    t,
    () => gss.acquireCredImpersonateName(creds, user, { usage: 'x' as never }),
    TypeError,
    /options\.usage/,
  );
  await failsWith(
    t,
    () => gss.acquireCredImpersonateName(creds, user, { lifetime: -1 }),
    RangeError,
    /options\.lifetime/,
  );
  await failsWith(
    t,
    () => gss.addCredImpersonateName(null, null as never, user, MechType.kerberos),
    TypeError,
    /impersonatorCred/,
  );
  await failsWith(t, () => gss.addCredImpersonateNameSync(null, creds, user, 7 as never), TypeError, /mech/);
  // An input credential only together with mutateInput (MIT would share its elements with new credentials).
  await failsWith(
    t,
    () => gss.addCredImpersonateName(creds, creds, user, MechType.kerberos),
    TypeError,
    /inputCred needs options\.mutateInput: true/,
  );
  await failsWith(
    t,
    () => gss.addCredImpersonateNameSync(null, creds, user, MechType.kerberos, { mutateInput: true }),
    TypeError,
    /mutateInput needs an inputCred/,
  );
});
