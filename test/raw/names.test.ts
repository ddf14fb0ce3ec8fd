/**
 * @gssapi/raw names: import/display, canonicalize/compare, export/import of
 * mechanism names, duplicate, mechanisms for a name, name types for a mech,
 * release semantics and argument checks. Real MIT calls against a throwaway
 * realm (the realm is needed for canonicalization: the default realm comes
 * from its krb5.conf).
 */
import { Buffer } from 'node:buffer';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { failsWith, hostTarget } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);

const { NameType, MechType } = gss;

/** Builds the RFC 2743 section 3.2 exported name token for a mechanism and name (the spec, not a call). */
function exportedNameToken(mech: gss.OID, name: string): Buffer {
  const oid = mech.bytes;
  const text = Buffer.from(name, 'utf8');
  const header = Buffer.alloc(2 + 2 + 2);
  header.writeUInt16BE(0x0401, 0);
  header.writeUInt16BE(oid.length + 2, 2);
  header.writeUInt8(0x06, 4);
  header.writeUInt8(oid.length, 5);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(text.length, 0);
  return Buffer.concat([header, oid, length, text]);
}

test('a host-based service name displays as imported, with its name type', (t) => {
  const name = hostTarget();
  const shown = gss.displayNameSync(name);
  t.is(shown.name, 'host@localhost');
  t.true(shown.nameType?.equals(NameType.hostbasedService));
  t.is(shown.nameType?.dottedForm, '1.2.840.113554.1.2.1.4');
  t.deepEqual(shown.bytes, Buffer.from('host@localhost'));
  t.true(Object.isFrozen(shown));
});

test('a user name round-trips (async forms)', async (t) => {
  const name = await gss.importName('user', { nameType: NameType.user });
  const shown = await gss.displayName(name);
  t.is(shown.name, 'user');
  t.true(shown.nameType?.equals(NameType.user));
});

test('a Kerberos principal round-trips, including UTF-8 text and Uint8Array input', (t) => {
  const ascii = gss.importNameSync(fixture.realm.userPrincipal, { nameType: NameType.kerberosPrincipal });
  t.is(gss.displayNameSync(ascii).name, 'user@KRBTEST.COM');
  t.true(gss.displayNameSync(ascii).nameType?.equals(NameType.kerberosPrincipal));

  const utf8 = gss.importNameSync('jürgen@KRBTEST.COM', { nameType: NameType.kerberosPrincipal });
  const shown = gss.displayNameSync(utf8);
  t.is(shown.name, 'jürgen@KRBTEST.COM');
  t.deepEqual(shown.bytes, Buffer.from('jürgen@KRBTEST.COM', 'utf8'));

  // A view into a larger buffer: only the viewed bytes are the name.
  const backing = Buffer.from('xxHTTP@localhostyy');
  const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 14);
  const fromBytes = gss.importNameSync(view, { nameType: NameType.hostbasedService });
  t.is(gss.displayNameSync(fromBytes).name, 'HTTP@localhost');
});

test('displayName with nameType: false leaves the type out', (t) => {
  const shown = gss.displayNameSync(hostTarget(), { nameType: false });
  t.is(shown.name, 'host@localhost');
  t.is(shown.nameType, undefined);
});

test('a name imported without a type has no name type', (t) => {
  // GSS_C_NO_OID: MIT keeps the text and reports GSS_C_NO_OID as its type.
  const shown = gss.displayNameSync(gss.importNameSync('user'));
  t.is(shown.name, 'user');
  t.is(shown.nameType, undefined);
});

test('canonicalizeName gives a Kerberos mechanism name', async (t) => {
  const user = gss.importNameSync('user', { nameType: NameType.user });
  const mn = await gss.canonicalizeName(user, MechType.kerberos);
  const shown = gss.displayNameSync(mn);
  // The default realm of the realm's krb5.conf is appended.
  t.is(shown.name, 'user@KRBTEST.COM');
  t.true(shown.nameType?.equals(NameType.kerberosPrincipal));

  const host = gss.canonicalizeNameSync(hostTarget(), MechType.kerberos);
  // host@localhost becomes host/localhost@<realm of localhost>. With DNS off and
  // no [domain_realm] entry MIT leaves the realm empty (the referral realm).
  t.regex(gss.displayNameSync(host).name, /^host\/localhost@(KRBTEST\.COM)?$/);
});

test('compareName: different forms of one principal are equal only once canonicalized', async (t) => {
  const user = gss.importNameSync('user', { nameType: NameType.user });
  const principal = gss.importNameSync('user@KRBTEST.COM', { nameType: NameType.kerberosPrincipal });
  t.false(gss.compareNameSync(user, principal));
  t.false(await gss.compareName(user, principal));

  const a = gss.canonicalizeNameSync(user, MechType.kerberos);
  const b = gss.canonicalizeNameSync(principal, MechType.kerberos);
  t.true(gss.compareNameSync(a, b));
  t.true(await gss.compareName(a, b));

  const other = gss.canonicalizeNameSync(
    gss.importNameSync('user/admin@KRBTEST.COM', { nameType: NameType.kerberosPrincipal }),
    MechType.kerberos,
  );
  t.false(gss.compareNameSync(a, other));
  t.true(gss.compareNameSync(user, user));
});

test('canonicalizeName accepts a dotted OID string for the mechanism', (t) => {
  const user = gss.importNameSync('user', { nameType: NameType.user });
  // The type says OID; the argument check also takes the dotted string form.
  const mn = gss.canonicalizeNameSync(user, '1.2.840.113554.1.2.2' as never);
  t.is(gss.displayNameSync(mn).name, 'user@KRBTEST.COM');
});

test('exportName of a mechanism name follows RFC 2743 3.2 and re-imports as an equal name', async (t) => {
  const mn = gss.canonicalizeNameSync(gss.importNameSync('user', { nameType: NameType.user }), MechType.kerberos);
  const token = gss.exportNameSync(mn);
  t.true(Buffer.isBuffer(token));
  t.deepEqual(token, exportedNameToken(MechType.kerberos, 'user@KRBTEST.COM'));
  t.deepEqual(await gss.exportName(mn), token);

  const again = gss.importNameSync(token, { nameType: NameType.export });
  t.true(gss.compareNameSync(again, mn));
  t.is(gss.displayNameSync(again).name, 'user@KRBTEST.COM');
  t.deepEqual(gss.exportNameSync(again), token);
});

test('a SPNEGO mechanism name exports with the SPNEGO OID', (t) => {
  const mn = gss.canonicalizeNameSync(gss.importNameSync('user', { nameType: NameType.user }), MechType.spnego);
  t.deepEqual(gss.exportNameSync(mn), exportedNameToken(MechType.spnego, 'user'));
});

test('exportName of a name that is not a mechanism name raises MechanismNameRequiredError', async (t) => {
  // MIT returns GSS_S_NAME_NOT_MN (0x120000) for an imported, uncanonicalized name.
  const err = await failsWith(t, () => gss.exportNameSync(hostTarget()), gss.MechanismNameRequiredError);
  t.is((err as gss.GSSError).code, 'GSS_S_NAME_NOT_MN');
  t.is((err as gss.GSSError).major, 0x120000);
  t.is((err as gss.GSSError).operation, 'exportName');
  await t.throwsAsync(gss.exportName(hostTarget()), { instanceOf: gss.MechanismNameRequiredError });
});

test('importing garbage as an exported name raises InvalidTokenError', async (t) => {
  const err = await failsWith(
    t,
    () => gss.importNameSync(Buffer.from('garbage'), { nameType: NameType.export }),
    gss.InvalidTokenError,
  );
  t.is((err as gss.GSSError).code, 'GSS_S_DEFECTIVE_TOKEN');
});

test('an empty host-based service name raises BadNameError', async (t) => {
  const err = await failsWith(
    t,
    () => gss.importNameSync('', { nameType: NameType.hostbasedService }),
    gss.BadNameError,
  );
  t.is((err as gss.GSSError).code, 'GSS_S_BAD_NAME');
});

test('duplicateName gives an independent copy', async (t) => {
  const original = gss.canonicalizeNameSync(hostTarget(), MechType.kerberos);
  const copy = await gss.duplicateName(original);
  const syncCopy = gss.duplicateNameSync(original);
  t.not(copy, original);
  t.true(gss.compareNameSync(copy, original));
  t.deepEqual(gss.exportNameSync(copy), gss.exportNameSync(original));
  original.release();
  t.true(original.released);
  t.false(copy.released);
  // The copies still work after the original is gone.
  t.regex(gss.displayNameSync(copy).name, /^host\/localhost@/);
  t.true(gss.compareNameSync(copy, syncCopy));
});

test('inquireMechsForName: krb5 and SPNEGO for a host-based name', async (t) => {
  const mechs = await gss.inquireMechsForName(hostTarget());
  t.true(mechs.has(MechType.kerberos));
  t.true(mechs.has(MechType.spnego));
  t.deepEqual(
    gss
      .inquireMechsForNameSync(hostTarget())
      .toArray()
      .map((o) => o.dottedForm)
      .sort(),
    mechs
      .toArray()
      .map((o) => o.dottedForm)
      .sort(),
  );
  const user = gss.inquireMechsForNameSync(gss.importNameSync('user', { nameType: NameType.user }));
  t.true(user.has(MechType.kerberos));
  t.true(user.has(MechType.spnego));
});

test('inquireNamesForMech(krb5) lists the Kerberos name types', async (t) => {
  const types = await gss.inquireNamesForMech(MechType.kerberos);
  for (const nt of [NameType.hostbasedService, NameType.user, NameType.kerberosPrincipal, NameType.export]) {
    t.true(types.has(nt), `krb5 should accept ${nt.dottedForm}`);
  }
  t.is(gss.inquireNamesForMechSync(MechType.kerberos).size, types.size);
});

test('an unknown name type is accepted by import but rejected with BadNameTypeError on canonicalize', async (t) => {
  const odd = gss.OID.fromIntSeq('1.2.3.4');
  // MIT's mechglue defers interpreting the name until a mechanism needs it:
  // import and display succeed and keep the type.
  const name = gss.importNameSync('x', { nameType: odd });
  const shown = gss.displayNameSync(name);
  t.is(shown.name, 'x');
  t.true(shown.nameType?.equals(odd));
  // No mechanism takes it.
  t.is(gss.inquireMechsForNameSync(name).size, 0);
  // The first call that needs the mechanism fails.
  const err = await failsWith(t, () => gss.canonicalizeNameSync(name, MechType.kerberos), gss.BadNameTypeError);
  t.is((err as gss.GSSError).code, 'GSS_S_BAD_NAMETYPE');
  await t.throwsAsync(gss.canonicalizeName(name, MechType.kerberos), { instanceOf: gss.BadNameTypeError });
});

test('canonicalizing for an unknown mechanism raises BadMechanismError', async (t) => {
  const name = gss.importNameSync('user', { nameType: NameType.user });
  const err = await failsWith(
    t,
    () => gss.canonicalizeNameSync(name, gss.OID.fromIntSeq('1.2.3.4')),
    gss.BadMechanismError,
  );
  t.is((err as gss.GSSError).code, 'GSS_S_BAD_MECH');
});

test('a released name throws a TypeError mentioning "released" from every call', async (t) => {
  const name = gss.importNameSync('user', { nameType: NameType.user });
  const other = gss.importNameSync('user', { nameType: NameType.user });
  t.false(name.released);
  name.release();
  t.true(name.released);
  t.throws(() => gss.displayNameSync(name), { instanceOf: TypeError, message: /name has been released/ });
  t.throws(() => gss.canonicalizeNameSync(name, MechType.kerberos), { instanceOf: TypeError, message: /released/ });
  t.throws(() => gss.exportNameSync(name), { instanceOf: TypeError, message: /released/ });
  t.throws(() => gss.duplicateNameSync(name), { instanceOf: TypeError, message: /released/ });
  t.throws(() => gss.inquireMechsForNameSync(name), { instanceOf: TypeError, message: /released/ });
  t.throws(() => gss.compareNameSync(other, name), { instanceOf: TypeError, message: /name2 has been released/ });
  await failsWith(t, () => gss.displayName(name), TypeError, /released/);
  await failsWith(t, () => gss.canonicalizeName(name, MechType.kerberos), TypeError, /released/);
  await failsWith(t, () => gss.initSecContext(name), TypeError, /targetName has been released/);
});

test('release() and [Symbol.dispose]() are idempotent', (t) => {
  const name = gss.importNameSync('user', { nameType: NameType.user });
  t.notThrows(() => name.release());
  t.notThrows(() => name.release());
  t.notThrows(() => name[Symbol.dispose]());
  t.true(name.released);
});

test('releaseNameSync releases; later calls throw TypeError', async (t) => {
  const name = gss.importNameSync('user', { nameType: NameType.user });
  gss.releaseNameSync(name);
  t.true(name.released);
  t.throws(() => gss.displayNameSync(name), { instanceOf: TypeError, message: /released/ });

  const viaAsync = gss.importNameSync('user', { nameType: NameType.user });
  await gss.releaseName(viaAsync);
  t.true(viaAsync.released);
});

// releaseNameSync/releaseName are "same as name.release()", which is idempotent.
test('releaseNameSync on an already released name is a no-op, like release()', (t) => {
  const name = gss.importNameSync('user', { nameType: NameType.user });
  gss.releaseNameSync(name);
  t.notThrows(() => gss.releaseNameSync(name));
});

test('an async call keeps its name alive when the name is released meanwhile', async (t) => {
  const name = gss.importNameSync('user', { nameType: NameType.user });
  const pending = gss.canonicalizeName(name, MechType.kerberos);
  name.release();
  t.true(name.released);
  const mn = await pending;
  t.is(gss.displayNameSync(mn).name, 'user@KRBTEST.COM');
});

test('high-level wrappers ({ raw }) are accepted wherever a Name is', (t) => {
  const name = hostTarget();
  t.is(gss.displayNameSync({ raw: name }).name, 'host@localhost');
  t.true(gss.compareNameSync({ raw: name }, name));
  t.throws(() => gss.displayNameSync({ raw: 'host@localhost' } as never), { instanceOf: TypeError, message: /name/ });
});

test('wrong argument types give TypeError/RangeError naming the argument', (t) => {
  const name = hostTarget();
  t.throws(() => gss.importNameSync(42 as never), { instanceOf: TypeError, message: /^name must be/ });
  t.throws(() => gss.importNameSync(null as never), { instanceOf: TypeError, message: /^name must be/ });
  t.throws(() => gss.importNameSync('x', 5 as never), { instanceOf: TypeError, message: /options/ });
  t.throws(() => gss.importNameSync('x', { nameType: 42 as never }), {
    instanceOf: TypeError,
    message: /options\.nameType/,
  });
  t.throws(() => gss.importNameSync('x', { nameType: 'not.an.oid' as never }), {
    instanceOf: RangeError,
    message: /options\.nameType/,
  });
  t.throws(() => gss.displayNameSync('host@localhost' as never), { instanceOf: TypeError, message: /^name must be/ });
  t.throws(() => gss.displayNameSync(name, { nameType: 'yes' as never }), {
    instanceOf: TypeError,
    message: /options\.nameType/,
  });
  t.throws(() => gss.compareNameSync(name, {} as never), { instanceOf: TypeError, message: /^name2 must be/ });
  t.throws(() => gss.compareNameSync(undefined as never, name), { instanceOf: TypeError, message: /^name1 must be/ });
  t.throws(() => gss.canonicalizeNameSync(name, 42 as never), { instanceOf: TypeError, message: /^mech must be/ });
  t.throws(() => gss.canonicalizeNameSync(name, 'x.y' as never), { instanceOf: RangeError, message: /^mech/ });
  t.throws(() => gss.exportNameSync(undefined as never), { instanceOf: TypeError, message: /^name must be/ });
  t.throws(() => gss.inquireNamesForMechSync(undefined as never), { instanceOf: TypeError, message: /^mech/ });
});

test('wrong argument types to the Promise forms fail before any call', async (t) => {
  await failsWith(t, () => gss.importName(42 as never), TypeError, /^name must be/);
  await failsWith(t, () => gss.displayName({} as never), TypeError, /^name must be/);
  await failsWith(t, () => gss.canonicalizeName(hostTarget(), {} as never), TypeError, /^mech must be/);
});
