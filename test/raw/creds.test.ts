/**
 * @gssapi/raw credentials: acquire (initiator from the ticket cache, acceptor
 * from the keytab), inquire, inquire by mechanism, add, release, and the
 * argument checks. Real MIT calls against a throwaway realm whose ccache holds
 * a TGT for user@KRBTEST.COM and whose keytab holds host/ and HTTP/localhost.
 */
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establishSync, failsWith, hostTarget, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);

const { MechType, NameType } = gss;
const DAY = 24 * 60 * 60;

function principal(text: string): gss.Name {
  return gss.importNameSync(text, { nameType: NameType.kerberosPrincipal });
}

function finiteLifetime(t: import('ava').ExecutionContext, lifetime: number | undefined): void {
  t.true(Number.isInteger(lifetime), `lifetime ${lifetime} should be an integer`);
  t.true((lifetime as number) > 0 && (lifetime as number) <= 7 * DAY, `lifetime ${lifetime} out of range`);
}

test('acquireCred initiate uses the default ccache: krb5 in mechs, finite lifetime', async (t) => {
  const result = await gss.acquireCred({ usage: 'initiate' });
  t.true(result.creds instanceof gss.Creds);
  t.true(result.mechs.has(MechType.kerberos));
  finiteLifetime(t, result.lifetime);
  t.true(Object.isFrozen(result));

  const sync = gss.acquireCredSync({ usage: 'initiate' });
  t.true(sync.mechs.has(MechType.kerberos));
  // Both read the same ticket: the lifetimes agree to within a second or two.
  t.true(Math.abs(sync.lifetime - result.lifetime) <= 2);
});

test('acquireCred restricted to krb5 reports only krb5', (t) => {
  const { mechs } = gss.acquireCredSync({ usage: 'initiate', mechs: [MechType.kerberos] });
  t.deepEqual(
    mechs.toArray().map((m) => m.dottedForm),
    ['1.2.840.113554.1.2.2'],
  );
  // One OID is accepted where a set is expected.
  t.is(gss.acquireCredSync({ usage: 'initiate', mechs: MechType.kerberos }).mechs.size, 1);
});

test('acceptor creds for the host principal (from the keytab) have an indefinite lifetime', async (t) => {
  const name = principal(fixture.realm.hostPrincipal);
  const { creds, lifetime, mechs } = await gss.acquireCred({ usage: 'accept', name });
  // MIT reports GSS_C_INDEFINITE for keytab-based acceptor credentials.
  t.is(lifetime, Number.POSITIVE_INFINITY);
  t.true(mechs.has(MechType.kerberos));
  const inq = gss.inquireCredSync(creds);
  t.is(inq.usage, 'accept');
  t.is(inq.lifetime, Number.POSITIVE_INFINITY);
  t.is(show(inq.name), 'host/localhost@KRBTEST.COM');
});

test('acceptor creds for a host-based service name work too', (t) => {
  const name = gss.importNameSync('HTTP@localhost', { nameType: NameType.hostbasedService });
  const { lifetime } = gss.acquireCredSync({ usage: 'accept', name });
  t.is(lifetime, Number.POSITIVE_INFINITY);
});

test('inquireCred reports name, lifetime, usage and mechs', async (t) => {
  const acquired = gss.acquireCredSync({ usage: 'initiate' });
  const inq = await gss.inquireCred(acquired.creds);
  t.true(inq.name instanceof gss.Name);
  t.is(show(inq.name), fixture.realm.userPrincipal);
  finiteLifetime(t, inq.lifetime);
  t.true(Math.abs((inq.lifetime as number) - acquired.lifetime) <= 2);
  t.is(inq.usage, 'initiate');
  t.true(inq.mechs?.has(MechType.kerberos));
  t.true(Object.isFrozen(inq));
});

test('inquireCred leaves out the fields not asked for', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  const some = gss.inquireCredSync(creds, { name: false, mechs: false });
  t.is(some.name, undefined);
  t.is(some.mechs, undefined);
  finiteLifetime(t, some.lifetime);
  t.is(some.usage, 'initiate');

  const none = gss.inquireCredSync(creds, { name: false, lifetime: false, usage: false, mechs: false });
  t.deepEqual({ ...none }, { name: undefined, lifetime: undefined, usage: undefined, mechs: undefined });

  const onlyName = gss.inquireCredSync(creds, { lifetime: false, usage: false, mechs: false });
  t.is(show(onlyName.name), 'user@KRBTEST.COM');
  t.is(onlyName.usage, undefined);
});

test('inquireCred(null) describes the default credentials', (t) => {
  const inq = gss.inquireCredSync(null);
  t.is(show(inq.name), 'user@KRBTEST.COM');
  t.is(inq.usage, 'initiate');
  t.true(inq.mechs?.has(MechType.kerberos));
});

test('usage both gives both lifetimes in inquireCredByMech', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'both' });
  const byMech = gss.inquireCredByMechSync(creds, MechType.kerberos);
  t.is(byMech.usage, 'both');
  finiteLifetime(t, byMech.initLifetime);
});

test('inquireCredByMech: acceptor and initiator elements', async (t) => {
  const acceptor = gss.acquireCredSync({ usage: 'accept', name: principal(fixture.realm.hostPrincipal) }).creds;
  const acc = await gss.inquireCredByMech(acceptor, MechType.kerberos);
  t.is(acc.usage, 'accept');
  t.is(acc.acceptLifetime, Number.POSITIVE_INFINITY);
  t.is(acc.initLifetime, 0);
  t.is(show(acc.name), 'host/localhost@KRBTEST.COM');

  const initiator = gss.acquireCredSync({ usage: 'initiate' }).creds;
  const ini = gss.inquireCredByMechSync(initiator, MechType.kerberos);
  t.is(ini.usage, 'initiate');
  finiteLifetime(t, ini.initLifetime);
  t.is(ini.acceptLifetime, 0);

  const partial = gss.inquireCredByMechSync(initiator, MechType.kerberos, { name: false, acceptLifetime: false });
  t.is(partial.name, undefined);
  t.is(partial.acceptLifetime, undefined);
  t.is(partial.usage, 'initiate');
  finiteLifetime(t, partial.initLifetime);
});

test('inquireCredByMech for a mechanism the library lacks raises BadMechanismError', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  const err = await failsWith(
    t,
    () => gss.inquireCredByMechSync(creds, gss.OID.fromIntSeq('1.2.3.4')),
    gss.BadMechanismError,
  );
  t.is((err as gss.GSSError).code, 'GSS_S_BAD_MECH');
});

test('addCred builds new credentials, then extends them in place', async (t) => {
  const built = await gss.addCred(null, null, MechType.kerberos, { usage: 'initiate' });
  t.true(built.creds instanceof gss.Creds);
  t.deepEqual(
    built.mechs.toArray().map((m) => m.dottedForm),
    [MechType.kerberos.dottedForm],
  );
  finiteLifetime(t, built.initLifetime);
  t.is(built.acceptLifetime, 0);
  const creds = built.creds as gss.Creds;
  t.is(show(gss.inquireCredSync(creds).name), 'user@KRBTEST.COM');

  const mutated = gss.addCredSync(creds, null, MechType.spnego, { usage: 'initiate', mutateInput: true });
  t.is(mutated.creds, undefined);
  t.true(mutated.mechs.has(MechType.spnego));
  t.true(mutated.mechs.has(MechType.kerberos));
  const after = gss.inquireCredSync(creds, { name: false });
  t.true(after.mechs?.has(MechType.spnego));
  t.true(after.mechs?.has(MechType.kerberos));
});

test('credentials built with addCred establish a context', (t) => {
  const initiator = gss.addCredSync(null, null, MechType.kerberos, { usage: 'initiate' }).creds;
  const acceptor = gss.addCredSync(null, principal(fixture.realm.hostPrincipal), MechType.kerberos, {
    usage: 'accept',
  });
  t.is(acceptor.acceptLifetime, Number.POSITIVE_INFINITY);
  const pair = establishSync({ init: { creds: initiator }, accept: { acceptorCreds: acceptor.creds } });
  t.is(show(pair.accept.initiatorName), 'user@KRBTEST.COM');
});

test('addCred for a mechanism already present raises DuplicateCredentialsElementError', async (t) => {
  const { creds } = gss.addCredSync(null, null, MechType.kerberos, { usage: 'initiate' });
  const err = await failsWith(
    t,
    () => gss.addCredSync(creds as gss.Creds, null, MechType.kerberos, { usage: 'initiate' }),
    gss.DuplicateCredentialsElementError,
  );
  t.is((err as gss.GSSError).code, 'GSS_S_DUPLICATE_ELEMENT');
  t.is((err as gss.GSSError).major, 0x110000);
  await t.throwsAsync(gss.addCred(creds as gss.Creds, null, MechType.kerberos), {
    instanceOf: gss.DuplicateCredentialsElementError,
  });
});

test('acquireCred for a principal without a ticket raises MissingCredentialsError', async (t) => {
  const nobody = principal('nobody@KRBTEST.COM');
  const err = await failsWith(
    t,
    () => gss.acquireCredSync({ name: nobody, usage: 'initiate' }),
    gss.MissingCredentialsError,
  );
  t.is((err as gss.GSSError).code, 'GSS_S_NO_CRED');
  t.is((err as gss.GSSError).operation, 'acquireCred');
  await t.throwsAsync(gss.acquireCred({ name: nobody, usage: 'initiate' }), {
    instanceOf: gss.MissingCredentialsError,
  });
});

test('acceptor creds for a service with no keytab key raise MissingCredentialsError', async (t) => {
  const ftp = gss.importNameSync('ftp@localhost', { nameType: NameType.hostbasedService });
  await t.throwsAsync(gss.acquireCred({ name: ftp, usage: 'accept' }), {
    instanceOf: gss.MissingCredentialsError,
  });
});

test('a named acceptor credential only accepts tickets for its own principal', async (t) => {
  const http = gss.acquireCredSync({ usage: 'accept', name: principal(fixture.realm.httpPrincipal) }).creds;
  const first = gss.initSecContextSync(hostTarget(), { flags: 0 });
  const err = (await t.throwsAsync(gss.acceptSecContext(first.token as Buffer, { acceptorCreds: http }), {
    instanceOf: gss.GSSError,
  })) as gss.GSSError;
  // The detailed MIT text comes from the pool thread that failed: it names the principals.
  t.regex(err.minorMessages.join(' '), /HTTP\/localhost@KRBTEST\.COM/);
  t.regex(err.message, /HTTP\/localhost@KRBTEST\.COM/);
});

test('usage is validated', async (t) => {
  t.throws(() => gss.acquireCredSync({ usage: 'x' as never }), {
    instanceOf: TypeError,
    message: /options\.usage must be 'initiate', 'accept' or 'both'/,
  });
  t.throws(() => gss.acquireCredSync({ usage: 1 as never }), { instanceOf: TypeError, message: /options\.usage/ });
  t.throws(() => gss.addCredSync(null, null, MechType.kerberos, { usage: 'INITIATE' as never }), {
    instanceOf: TypeError,
    message: /options\.usage/,
  });
  await failsWith(t, () => gss.acquireCred({ usage: 'x' as never }), TypeError, /options\.usage/);
});

test('lifetimes are validated', (t) => {
  for (const bad of [-1, 1.5, Number.NaN, 2 ** 32, Number.NEGATIVE_INFINITY]) {
    t.throws(() => gss.acquireCredSync({ usage: 'initiate', lifetime: bad }), {
      instanceOf: RangeError,
      message: /options\.lifetime/,
    });
  }
  t.throws(() => gss.acquireCredSync({ usage: 'initiate', lifetime: '60' as never }), {
    instanceOf: TypeError,
    message: /options\.lifetime/,
  });
  t.throws(() => gss.addCredSync(null, null, MechType.kerberos, { initLifetime: -1 }), {
    instanceOf: RangeError,
    message: /options\.initLifetime/,
  });
  t.throws(() => gss.addCredSync(null, null, MechType.kerberos, { acceptLifetime: 0.5 }), {
    instanceOf: RangeError,
    message: /options\.acceptLifetime/,
  });
  // Infinity and an explicit number of seconds are fine.
  t.true(gss.acquireCredSync({ usage: 'initiate', lifetime: Number.POSITIVE_INFINITY }).lifetime > 0);
  t.true(gss.acquireCredSync({ usage: 'initiate', lifetime: 600 }).lifetime > 0);
});

test('other arguments are validated', (t) => {
  t.throws(() => gss.acquireCredSync({ name: 'user' as never }), { instanceOf: TypeError, message: /options\.name/ });
  t.throws(() => gss.acquireCredSync({ mechs: 42 as never }), { instanceOf: TypeError, message: /options\.mechs/ });
  t.throws(() => gss.acquireCredSync({ mechs: [MechType.kerberos, 5 as never] }), {
    instanceOf: TypeError,
    message: /options\.mechs\[1\]/,
  });
  t.throws(() => gss.acquireCredSync('initiate' as never), { instanceOf: TypeError, message: /options/ });
  t.throws(() => gss.inquireCredSync({} as never), { instanceOf: TypeError, message: /^creds must be/ });
  t.throws(() => gss.inquireCredSync(null, { name: 'no' as never }), {
    instanceOf: TypeError,
    message: /options\.name/,
  });
  t.throws(() => gss.addCredSync(null, null, undefined as never), { instanceOf: TypeError, message: /^mech/ });
  t.throws(() => gss.addCredSync('creds' as never, null, MechType.kerberos), {
    instanceOf: TypeError,
    message: /^inputCred/,
  });
  t.throws(() => gss.addCredSync(null, null, MechType.kerberos, { mutateInput: 1 as never }), {
    instanceOf: TypeError,
    message: /options\.mutateInput/,
  });
  t.throws(() => gss.inquireCredByMechSync(null, 'nope' as never), { instanceOf: RangeError, message: /^mech/ });
});

test('released credentials throw TypeError; release() is idempotent', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  creds.release();
  t.true(creds.released);
  t.notThrows(() => creds.release());
  t.notThrows(() => creds[Symbol.dispose]());
  t.throws(() => gss.inquireCredSync(creds), { instanceOf: TypeError, message: /creds has been released/ });
  await failsWith(t, () => gss.initSecContext(hostTarget(), { creds }), TypeError, /options\.creds has been released/);

  const other = gss.acquireCredSync({ usage: 'initiate' }).creds;
  gss.releaseCredSync(other);
  t.true(other.released);
  const viaAsync = gss.acquireCredSync({ usage: 'initiate' }).creds;
  await gss.releaseCred(viaAsync);
  t.true(viaAsync.released);
});

// releaseCredSync/releaseCred are "same as creds.release()", which is idempotent.
test('releaseCredSync on already released credentials is a no-op, like release()', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  gss.releaseCredSync(creds);
  t.notThrows(() => gss.releaseCredSync(creds));
});

test('an async inquiry keeps its credentials alive when they are released meanwhile', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  const pending = gss.inquireCred(creds);
  creds.release();
  const inq = await pending;
  t.is(show(inq.name), 'user@KRBTEST.COM');
});
