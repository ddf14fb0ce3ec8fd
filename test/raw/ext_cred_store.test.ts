/**
 * @gssapi/raw credential store extension (acquireCredFrom, addCredFrom,
 * storeCredInto) against a real KDC: credentials from a given ticket cache,
 * keytab, client keytab and password; a storeCredInto -> acquireCredFrom round
 * trip; and the guarantee that naming a store never reads from or writes to
 * the process-wide default ticket cache, nor leaves any process- or
 * thread-global selection behind.
 *
 * KRB5CCNAME points at the realm's default cache holding user@REALM's TGT.
 * No test in this file initiates with the default credentials, so that cache
 * must stay byte for byte what it was when the file started.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as gss from '@gssapi/raw';
import test, { type ExecutionContext } from 'ava';
import { establish, establishSync, failsWith, show } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const { MechType } = gss;
const available = gss.extensions.has('credStore');
const maybe = available ? test : test.skip;
const suffix = available ? '' : ' (skipped: the library lacks the credential store extension)';

const ALICE_PASSWORD = 'alice-Secret-1';
const CAROL_PASSWORD = 'carol-Secret-3';

interface Files {
  /** FILE: cache holding alice's TGT (made by kinit, not by this library). */
  aliceCache: string;
  /** A keytab holding only bob's keys. */
  bobKeytab: string;
  /** A keytab holding only svc/localhost's keys (not in the default keytab). */
  svcKeytab: string;
  /** The default cache's bytes and mtime when the file started. */
  defaultBytes: Buffer;
  defaultMtime: number;
}
let files: Files;

test.before(async () => {
  const { realm } = fixture;
  const aliceCache = path.join(realm.dir, 'alice.ccache');
  const bobKeytab = path.join(realm.dir, 'bob.keytab');
  const svcKeytab = path.join(realm.dir, 'svc.keytab');
  await realm.addPrincipal('alice', { password: ALICE_PASSWORD });
  await realm.kinit('alice', { ccache: aliceCache });
  await realm.addPrincipal('bob', { keytab: bobKeytab });
  await realm.addPrincipal('carol', { password: CAROL_PASSWORD });
  await realm.addPrincipal('svc/localhost', { keytab: svcKeytab });
  files = {
    aliceCache,
    bobKeytab,
    svcKeytab,
    defaultBytes: readFileSync(realm.ccache),
    defaultMtime: statSync(realm.ccache).mtimeMs,
  };
});

const principal = (name: string) => `${name}@${fixture.realm.realm}`;
const krbName = (name: string) => gss.importNameSync(name, { nameType: gss.NameType.kerberosPrincipal });
const svcTarget = () => gss.importNameSync('svc@localhost', { nameType: gss.NameType.hostbasedService });
const fileIn = (name: string) => path.join(fixture.realm.dir, name);

/** The default ticket cache is exactly as it was, and KRB5CCNAME still names it. */
async function assertDefaultCacheUntouched(t: ExecutionContext): Promise<void> {
  const { realm } = fixture;
  t.is(process.env.KRB5CCNAME, `FILE:${realm.ccache}`);
  t.true(readFileSync(realm.ccache).equals(files.defaultBytes), 'the default cache bytes are unchanged');
  t.is(statSync(realm.ccache).mtimeMs, files.defaultMtime, 'the default cache was not rewritten');
  const listing = await realm.klist();
  t.true(listing.includes(`Default principal: ${realm.userPrincipal}`));
  t.false(listing.includes('alice@') || listing.includes('bob@') || listing.includes('carol@'));
}

maybe(`acquireCredFrom with a ccache gives that cache's principal (async)${suffix}`, async (t) => {
  const result = await gss.acquireCredFrom({ store: { ccache: `FILE:${files.aliceCache}` }, usage: 'initiate' });
  t.true(Object.isFrozen(result));
  t.true(result.creds instanceof gss.Creds);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.lifetime > 0 && Number.isFinite(result.lifetime));
  const info = await gss.inquireCred(result.creds);
  t.is(show(info.name), principal('alice'));
  t.is(info.usage, 'initiate');

  const { accept } = await establish({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), principal('alice'));
  await assertDefaultCacheUntouched(t);
  // The service ticket went into alice's cache, the one the store named.
  t.true((await fixture.realm.klist(files.aliceCache)).includes(fixture.realm.hostPrincipal));
});

maybe(`acquireCredFromSync with a ccache and a name${suffix}`, async (t) => {
  const result = gss.acquireCredFromSync({
    store: { ccache: `FILE:${files.aliceCache}` },
    name: krbName('alice'),
    usage: 'initiate',
    mechs: [MechType.kerberos],
  });
  t.is(show(gss.inquireCredSync(result.creds).name), principal('alice'));
  const { accept } = establishSync({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), principal('alice'));
  // A name the cache does not hold is refused, rather than looked up elsewhere.
  await failsWith(
    t,
    () =>
      gss.acquireCredFromSync({
        store: { ccache: `FILE:${files.aliceCache}` },
        name: krbName('bob'),
        usage: 'initiate',
      }),
    gss.MissingCredentialsError,
  );
  await assertDefaultCacheUntouched(t);
});

maybe(`a store acquisition leaves no global selection behind${suffix}`, async (t) => {
  // Many store acquisitions on the pool threads, then default acquisitions on
  // the same threads: each default one must still see the default principal.
  const store = { ccache: `FILE:${files.aliceCache}` };
  const fromStore = await Promise.all(
    Array.from({ length: 12 }, () => gss.acquireCredFrom({ store, usage: 'initiate' })),
  );
  for (const { creds } of fromStore) t.is(show(gss.inquireCredSync(creds).name), principal('alice'));
  const defaults = await Promise.all(Array.from({ length: 12 }, () => gss.acquireCred({ usage: 'initiate' })));
  for (const { creds } of defaults) t.is(show((await gss.inquireCred(creds)).name), fixture.realm.userPrincipal);
  t.is(show(gss.inquireCredSync(gss.acquireCredSync({ usage: 'initiate' }).creds).name), fixture.realm.userPrincipal);
  await assertDefaultCacheUntouched(t);
});

maybe(`acquireCredFrom with a keytab accepts for a service only that keytab holds${suffix}`, async (t) => {
  const store = { keytab: `FILE:${files.svcKeytab}` };
  // Not in the default keytab: the default acquisition fails...
  await failsWith(
    t,
    () => gss.acquireCred({ name: krbName('svc/localhost'), usage: 'accept' }),
    gss.MissingCredentialsError,
  );
  // ...and the keytab in the store does not hold the host key.
  await failsWith(
    t,
    () => gss.acquireCredFrom({ name: krbName(fixture.realm.hostPrincipal), store, usage: 'accept' }),
    gss.MissingCredentialsError,
    /No key table entry found/,
  );
  const acceptor = await gss.acquireCredFrom({ name: krbName('svc/localhost'), store, usage: 'accept' });
  t.is(acceptor.lifetime, Number.POSITIVE_INFINITY);
  t.is(show(gss.inquireCredSync(acceptor.creds).name), principal('svc/localhost'));
  const anyKey = await gss.acquireCredFrom({ store, usage: 'accept' });

  const initiator = await gss.acquireCredFrom({ store: { ccache: `FILE:${files.aliceCache}` }, usage: 'initiate' });
  for (const acceptorCreds of [acceptor.creds, anyKey.creds]) {
    const { accept } = await establish({
      target: svcTarget(),
      init: { creds: initiator.creds },
      accept: { acceptorCreds },
    });
    t.is(show(accept.initiatorName), principal('alice'));
  }
  // The default acceptor credentials cannot accept for svc.
  const init = await gss.initSecContext(svcTarget(), { creds: initiator.creds });
  await failsWith(t, () => gss.acceptSecContext(init.token as Buffer), gss.GSSError);
  await assertDefaultCacheUntouched(t);
});

maybe(`acquireCredFrom with a client keytab gets initial tickets into the named ccache${suffix}`, async (t) => {
  const bobCache = fileIn('bob.ccache');
  const result = await gss.acquireCredFrom({
    name: krbName('bob'),
    store: { client_keytab: `FILE:${files.bobKeytab}`, ccache: `FILE:${bobCache}` },
    usage: 'initiate',
  });
  t.is(show(gss.inquireCredSync(result.creds).name), principal('bob'));
  const { accept } = await establish({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), principal('bob'));
  const listing = await fixture.realm.klist(bobCache);
  t.true(listing.includes(`Default principal: ${principal('bob')}`));
  t.true(listing.includes(`krbtgt/${fixture.realm.realm}@${fixture.realm.realm}`));
  await assertDefaultCacheUntouched(t);
});

maybe(`a client keytab without a ccache is refused rather than written to the default cache${suffix}`, async (t) => {
  // The default cache is a FILE cache holding user: MIT will not replace it
  // with bob's tickets, and says so.
  await failsWith(
    t,
    () =>
      gss.acquireCredFrom({
        name: krbName('bob'),
        store: { client_keytab: `FILE:${files.bobKeytab}` },
        usage: 'initiate',
      }),
    gss.MissingCredentialsError,
    /does not match desired name/,
  );
  // In a memory cache it works.
  const result = await gss.acquireCredFrom({
    name: krbName('bob'),
    store: { client_keytab: `FILE:${files.bobKeytab}`, ccache: 'MEMORY:ext-cred-store-bob' },
    usage: 'initiate',
  });
  const { accept } = await establish({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), principal('bob'));
  await assertDefaultCacheUntouched(t);
});

maybe(`acquireCredFrom with a password${suffix}`, async (t) => {
  const result = await gss.acquireCredFrom({
    name: krbName('carol'),
    store: { password: CAROL_PASSWORD },
    usage: 'initiate',
  });
  t.is(show(gss.inquireCredSync(result.creds).name), principal('carol'));
  const { accept } = await establish({ init: { creds: result.creds } });
  t.is(show(accept.initiatorName), principal('carol'));

  await failsWith(
    t,
    () => gss.acquireCredFrom({ name: krbName('carol'), store: { password: 'wrong' }, usage: 'initiate' }),
    gss.MissingCredentialsError,
  );
  // MIT: a password is for initiators only; its message is "Credential usage type is unknown".
  await failsWith(
    t,
    () => gss.acquireCredFrom({ name: krbName('carol'), store: { password: CAROL_PASSWORD }, usage: 'accept' }),
    gss.GSSError,
    /Credential usage type is unknown/,
  );
  // A password without a name: whose?
  await failsWith(
    t,
    () => gss.acquireCredFrom({ store: { password: CAROL_PASSWORD }, usage: 'initiate' }),
    gss.BadNameError,
  );
  await assertDefaultCacheUntouched(t);
});

maybe(`storeCredInto a new ccache, then acquireCredFrom it (round trip)${suffix}`, async (t) => {
  const stored = fileIn('carol-stored.ccache');
  const store = { ccache: `FILE:${stored}` };
  const { creds } = await gss.acquireCredFrom({
    name: krbName('carol'),
    store: { password: CAROL_PASSWORD },
    usage: 'initiate',
  });
  const result = await gss.storeCredInto(store, creds, { usage: 'initiate' });
  t.true(Object.isFrozen(result));
  t.true(result.mechs.has(MechType.kerberos));
  t.is(result.usage, 'initiate');
  t.true((await fixture.realm.klist(stored)).includes(`Default principal: ${principal('carol')}`));

  const again = await gss.acquireCredFrom({ store, usage: 'initiate' });
  t.is(show(gss.inquireCredSync(again.creds).name), principal('carol'));
  const { accept } = await establish({ init: { creds: again.creds } });
  t.is(show(accept.initiatorName), principal('carol'));

  // The cache now holds carol: storing again needs overwrite.
  await failsWith(
    t,
    () => gss.storeCredInto(store, creds, { usage: 'initiate' }),
    gss.DuplicateCredentialsElementError,
  );
  const overwritten = gss.storeCredIntoSync(store, creds, {
    usage: 'initiate',
    overwrite: true,
    mech: MechType.kerberos,
  });
  t.true(overwritten.mechs.has(MechType.kerberos));
  // MIT also reports the pre-RFC krb5 OID for the element it stored.
  for (const mech of overwritten.mechs) t.true(['1.2.840.113554.1.2.2', '1.3.5.1.5.2'].includes(mech.toString()));
  await assertDefaultCacheUntouched(t);
});

maybe(`storeCredInto a memory cache and read it back in the same process${suffix}`, async (t) => {
  const source = await gss.acquireCredFrom({ store: { ccache: `FILE:${files.aliceCache}` }, usage: 'initiate' });
  const store = { ccache: 'MEMORY:ext-cred-store-copy' };
  const result = gss.storeCredIntoSync(store, source.creds, { usage: 'initiate' });
  t.is(result.usage, 'initiate');
  const copy = gss.acquireCredFromSync({ store, usage: 'initiate' });
  t.is(show(gss.inquireCredSync(copy.creds).name), principal('alice'));
  const { accept } = establishSync({ init: { creds: copy.creds } });
  t.is(show(accept.initiatorName), principal('alice'));
  await assertDefaultCacheUntouched(t);
});

maybe(`addCredFrom adds an acceptor element from a keytab store${suffix}`, async (t) => {
  const store = { keytab: `FILE:${files.svcKeytab}` };
  const added = await gss.addCredFrom(null, null, MechType.kerberos, { usage: 'accept', store });
  t.true(Object.isFrozen(added));
  t.true(added.creds instanceof gss.Creds);
  t.true(added.mechs.has(MechType.kerberos));
  t.is(added.acceptLifetime, Number.POSITIVE_INFINITY);
  const acceptorCreds = added.creds as gss.Creds;

  const initiator = await gss.acquireCredFrom({ store: { ccache: `FILE:${files.aliceCache}` }, usage: 'initiate' });
  const { accept } = await establish({
    target: svcTarget(),
    init: { creds: initiator.creds },
    accept: { acceptorCreds },
  });
  t.is(show(accept.initiatorName), principal('alice'));

  // A second krb5 element is a duplicate.
  await failsWith(
    t,
    () => gss.addCredFromSync(acceptorCreds, null, MechType.kerberos, { usage: 'accept', store }),
    gss.DuplicateCredentialsElementError,
  );
  // mutateInput without input credentials has nothing to write to.
  await failsWith(
    t,
    () => gss.addCredFrom(null, null, MechType.kerberos, { usage: 'accept', store, mutateInput: true }),
    gss.CredentialsWriteError,
  );
  await assertDefaultCacheUntouched(t);
});

maybe(`addCredFrom with mutateInput extends the given credentials${suffix}`, async (t) => {
  const initiator = await gss.acquireCredFrom({
    store: { ccache: `FILE:${files.aliceCache}` },
    usage: 'initiate',
    mechs: [MechType.kerberos],
  });
  // Add a SPNEGO element that accepts with svc's key, in place.
  const result = await gss.addCredFrom(initiator.creds, null, MechType.spnego, {
    usage: 'accept',
    store: { keytab: `FILE:${files.svcKeytab}` },
    mutateInput: true,
  });
  t.is(result.creds, undefined);
  t.true(result.mechs.has(MechType.kerberos));
  t.true(result.mechs.has(MechType.spnego));
  const mechs = gss.inquireCredSync(initiator.creds).mechs;
  t.true(mechs?.has(MechType.spnego));
  await assertDefaultCacheUntouched(t);
});

test('an unknown store key is ignored by MIT, and an empty store is no store', async (t) => {
  if (!available) return t.pass('no credential store extension');
  // Both read the default cache (read only).
  for (const store of [{ no_such_key: 'x' }, {}] as gss.CredStore[]) {
    const { creds } = await gss.acquireCredFrom({ store, usage: 'initiate' });
    t.is(show(gss.inquireCredSync(creds).name), fixture.realm.userPrincipal);
  }
  await assertDefaultCacheUntouched(t);
});

test('store argument checks', async (t) => {
  const initiate = 'initiate' as const;
  const bad: [unknown, RegExp, typeof TypeError | typeof RangeError][] = [
    [[['ccache', 'MEMORY:x']], /options\.store must be a plain object/, TypeError],
    ['MEMORY:x', /options\.store must be a plain object/, TypeError],
    [new Map([['ccache', 'MEMORY:x']]), /options\.store must be a plain object/, TypeError],
    [{ ccache: 1 }, /options\.store\.ccache must be a string/, TypeError],
    [{ ccache: undefined }, /options\.store\.ccache must be a string/, TypeError],
    [{ ccache: Buffer.from('MEMORY:x') }, /options\.store\.ccache must be a string/, TypeError],
    [{ ccache: 'MEMORY:a\0b' }, /options\.store\.ccache must not contain NUL/, RangeError],
    [{ 'cc\0ache': 'MEMORY:x' }, /must not contain NUL/, RangeError],
    [{ '': 'x' }, /keys must not be empty/, RangeError],
  ];
  for (const [store, message, cls] of bad) {
    await failsWith(t, () => gss.acquireCredFrom({ store: store as gss.CredStore, usage: initiate }), cls, message);
    await failsWith(t, () => gss.acquireCredFromSync({ store: store as gss.CredStore, usage: initiate }), cls, message);
    await failsWith(
      t,
      () => gss.addCredFrom(null, null, MechType.kerberos, { store: store as gss.CredStore }),
      cls,
      message,
    );
  }
  // A null-prototype object is a plain object.
  const bare = Object.assign(Object.create(null) as Record<string, string>, { no_such_key: 'x' });
  if (available) t.truthy(gss.acquireCredFromSync({ store: bare, usage: initiate }).creds);

  const creds = gss.acquireCredSync({ usage: initiate }).creds;
  await failsWith(t, () => gss.storeCredInto([] as never, creds), TypeError, /^store must be a plain object/);
  await failsWith(
    t,
    () => gss.storeCredIntoSync({ ccache: 7 } as never, creds),
    TypeError,
    /^store\.ccache must be a string/,
  );
  await failsWith(
    t,
    () => gss.storeCredInto({ ccache: 'MEMORY:x' }, undefined as never),
    TypeError,
    /creds must be a Creds/,
  );
  await failsWith(
    t,
    () => gss.storeCredIntoSync({ ccache: 'MEMORY:x' }, creds, { usage: 'x' as never }),
    TypeError,
    /options\.usage/,
  );
  await failsWith(t, () => gss.acquireCredFrom({ usage: 'sideways' as never }), TypeError, /options\.usage/);
  await failsWith(t, () => gss.addCredFromSync(null, null, 'not.an.oid' as never), RangeError, /mech/);
  await assertDefaultCacheUntouched(t);
});

test('the credential store functions are listed as an extension', (t) => {
  t.deepEqual(gss.EXTENSION_SYMBOLS.credStore, ['gss_acquire_cred_from', 'gss_add_cred_from', 'gss_store_cred_into']);
  const info = gss.libraryInfo();
  t.is(
    gss.extensions.has('credStore'),
    (gss.EXTENSION_SYMBOLS.credStore ?? []).every((s) => info.functions[s] === true),
  );
});
