/**
 * @gssapi/raw name extensions against a real MIT KDC: RFC 6680 name attributes
 * (the PAC the MIT KDC puts in every service ticket shows up as `urn:mspac:`
 * attributes on the acceptor's view of the initiator), set/get/delete, display
 * as another type, composite export round trips, and the local-account
 * mapping calls (localname, userok, authorizeLocalname, pnameToUid).
 */
import { Buffer } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establishSync, failsWith } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);

const { NameType, MechType } = gss;

/** The account running the tests: a local name that exists, for userok/pnameToUid. */
const local = os.userInfo();
/** A local name that no account has. */
const nobody = `nolocal${randomBytes(4).toString('hex')}`;
let localPassword = '';

test.before(async () => {
  const realm = fixture.realm;
  // Make krb5_kuserok ignore the account's real ~/.k5login: an extra profile
  // (KRB5_CONFIG is a list) points k5login_directory at an empty directory, so
  // authorization follows the default auth_to_local mapping only.
  const k5login = path.join(realm.dir, 'k5login.d');
  mkdirSync(k5login, { mode: 0o700 });
  const extra = path.join(realm.dir, 'k5login.conf');
  writeFileSync(extra, `[libdefaults]\n    k5login_directory = ${k5login}\n`);
  process.env.KRB5_CONFIG = `${process.env.KRB5_CONFIG}:${extra}`;
  if (local.username === 'user') {
    localPassword = realm.userPassword;
  } else {
    localPassword = randomBytes(12).toString('hex');
    await realm.addPrincipal(local.username, { password: localPassword });
  }
});

function principal(name: string): gss.Name {
  return gss.importNameSync(`${name}@${fixture.realm.realm}`, { nameType: NameType.kerberosPrincipal });
}

function mechName(name: string): gss.Name {
  return gss.canonicalizeNameSync(principal(name), MechType.kerberos);
}

/** The acceptor's view of `user@KRBTEST.COM` after a krb5 context (carries the KDC's PAC). */
function acceptedInitiator(): gss.Name {
  const { accept } = establishSync({ init: { mech: MechType.kerberos } });
  if (!accept.initiatorName) throw new Error('no initiator name');
  return accept.initiatorName;
}

const PAC_ATTRS = [
  'urn:mspac:',
  'urn:mspac:client-info',
  'urn:mspac:server-checksum',
  'urn:mspac:privsvr-checksum',
] as const;

// ---------------------------------------------------------------- RFC 6680

test('the library provides rfc6680 and rfc6680CompOid (GSS_C_NT_COMPOSITE_EXPORT)', (t) => {
  t.true(gss.extensions.has('rfc6680'));
  t.true(gss.extensions.has('rfc6680CompOid'));
  t.is(NameType.compositeExport?.dottedForm, '1.3.6.1.5.6.6');
});

test("inquireName: the acceptor's initiator name is a krb5 mechanism name carrying the KDC's PAC attributes", async (t) => {
  const name = acceptedInitiator();
  const inq = gss.inquireNameSync(name);
  t.true(Object.isFrozen(inq));
  t.true(inq.isMechName);
  t.true(inq.mech?.equals(MechType.kerberos));
  for (const attr of PAC_ATTRS) t.true(inq.attrNames.includes(attr), `${attr} in ${inq.attrNames.join(', ')}`);
  t.true(inq.attrNames.every((a) => a.startsWith('urn:mspac:')));
  t.deepEqual(
    inq.attrs.map((a) => a.toString('utf8')),
    [...inq.attrNames],
  );
  t.true(inq.attrs.every((a) => Buffer.isBuffer(a)));

  const again = await gss.inquireName(name);
  t.deepEqual([...again.attrNames], [...inq.attrNames]);
});

test('inquireName: an imported name is no mechanism name and has no attributes; a canonicalized one is', async (t) => {
  const imported = gss.inquireNameSync(principal('user'));
  t.false(imported.isMechName);
  t.is(imported.mech, undefined);
  t.deepEqual([...imported.attrs], []);
  t.deepEqual([...imported.attrNames], []);

  const mn = await gss.inquireName(mechName('user'));
  t.true(mn.isMechName);
  t.true(mn.mech?.equals(MechType.kerberos));
  t.deepEqual([...mn.attrNames], []);
});

test('getNameAttribute: every PAC attribute has one authenticated, complete value', async (t) => {
  const name = acceptedInitiator();
  const { attrNames } = gss.inquireNameSync(name);
  for (const attr of attrNames) {
    const got = gss.getNameAttributeSync(name, attr);
    t.true(Object.isFrozen(got));
    t.is(got.values.length, 1, attr);
    t.is(got.displayValues.length, 1, attr);
    t.true(got.values[0] instanceof Buffer);
    t.true((got.values[0] as Buffer).length > 0, attr);
    t.is(got.displayValues[0], '', `MIT gives PAC buffers no display form (${attr})`);
    t.true(got.authenticated, `${attr}: the KDC signed the PAC`);
    t.true(got.complete, attr);
    // Async form and bytes for the attribute name agree.
    const viaBytes = await gss.getNameAttribute(name, Buffer.from(attr));
    t.deepEqual(viaBytes.values, got.values);
  }
});

test('getNameAttribute: the PAC is well formed and its client-info names the user', (t) => {
  const name = acceptedInitiator();
  const pac = gss.getNameAttributeSync(name, 'urn:mspac:').values[0] as Buffer;
  // PACTYPE (MS-PAC 2.3): cBuffers, Version 0, then one 16-byte PAC_INFO_BUFFER per buffer.
  const count = pac.readUInt32LE(0);
  t.is(pac.readUInt32LE(4), 0);
  const types: number[] = [];
  for (let i = 0; i < count; i++) types.push(pac.readUInt32LE(8 + 16 * i));
  t.true(types.includes(10), 'PAC_CLIENT_INFO');
  t.true(types.includes(6) && types.includes(7), 'server and KDC checksums');
  // One attribute per buffer plus the whole PAC.
  t.is(gss.inquireNameSync(name).attrNames.length, count + 1);

  // PAC_CLIENT_INFO (MS-PAC 2.7): ClientId FILETIME, NameLength, Name (UTF-16LE).
  const info = gss.getNameAttributeSync(name, 'urn:mspac:client-info').values[0] as Buffer;
  const length = info.readUInt16LE(8);
  t.is(info.toString('utf16le', 10, 10 + length), 'user');
});

test('getNameAttribute of an attribute the name lacks raises OperationUnavailableError', async (t) => {
  const name = acceptedInitiator();
  await failsWith(t, () => gss.getNameAttributeSync(name, 'urn:mspac:12345'), gss.OperationUnavailableError);
  await failsWith(t, () => gss.getNameAttribute(principal('user'), 'urn:mspac:'), gss.OperationUnavailableError);
});

test('setNameAttribute adds a PAC buffer: listed afterwards, but MIT then hides the unverified PAC', async (t) => {
  const name = acceptedInitiator();
  const payload = Buffer.from(`payload-${randomBytes(4).toString('hex')}`);
  gss.setNameAttributeSync(name, 'urn:mspac:99', [payload]);
  t.true(gss.inquireNameSync(name).attrNames.includes('urn:mspac:99'));
  // The changed PAC no longer matches its KDC signatures: MIT's mspac module
  // marks it unverified and reports every PAC attribute as absent.
  await failsWith(t, () => gss.getNameAttributeSync(name, 'urn:mspac:99'), gss.OperationUnavailableError);
  await failsWith(t, () => gss.getNameAttributeSync(name, 'urn:mspac:client-info'), gss.OperationUnavailableError);
  // The value did land in the PAC: the composite export carries it.
  t.true(gss.exportNameCompositeSync(name).includes(payload));
  // A PAC holds one buffer per type: adding type 99 again fails.
  const err = await failsWith(t, () => gss.setNameAttribute(name, 'urn:mspac:99', 'again'), gss.GSSError);
  t.is(err?.constructor, gss.GSSError);
  t.is((err as gss.GSSError).code, 'GSS_S_FAILURE');
});

test('setNameAttribute (async, string value, complete) on a second PAC buffer type', async (t) => {
  const name = acceptedInitiator();
  await gss.setNameAttribute(name, 'urn:mspac:98', 'text value', { complete: true });
  t.true((await gss.inquireName(name)).attrNames.includes('urn:mspac:98'));
  t.true((await gss.exportNameComposite(name)).includes(Buffer.from('text value')));
});

test('setNameAttribute on a name without a PAC, or of an attribute no module owns, raises OperationUnavailableError', async (t) => {
  await failsWith(
    t,
    () => gss.setNameAttributeSync(mechName('user'), 'urn:mspac:99', 'x'),
    gss.OperationUnavailableError,
  );
  const name = acceptedInitiator();
  await failsWith(t, () => gss.setNameAttributeSync(name, 'urn:example:attribute', 'x'), gss.OperationUnavailableError);
  // Nothing was added by the failed calls.
  t.false(gss.inquireNameSync(name).attrNames.includes('urn:example:attribute'));
});

test('deleteNameAttribute: no attribute module of MIT krb5 implements deletion (OperationUnavailableError)', async (t) => {
  const name = acceptedInitiator();
  await failsWith(t, () => gss.deleteNameAttributeSync(name, 'urn:mspac:client-info'), gss.OperationUnavailableError);
  await failsWith(t, () => gss.deleteNameAttribute(name, 'urn:mspac:'), gss.OperationUnavailableError);
  // Still there, still readable.
  t.is(gss.getNameAttributeSync(name, 'urn:mspac:client-info').values.length, 1);
});

test('exportNameComposite round trip keeps the attributes, their values and authentication', async (t) => {
  const name = acceptedInitiator();
  const token = gss.exportNameCompositeSync(name);
  t.true(Buffer.isBuffer(token));
  t.is(token.readUInt16BE(0), 0x0402, 'RFC 6680 composite token id');
  t.deepEqual(await gss.exportNameComposite(name), token);

  const back = gss.importNameSync(token, { nameType: NameType.compositeExport });
  const before = gss.inquireNameSync(name);
  const after = gss.inquireNameSync(back);
  t.true(after.isMechName);
  t.true(after.mech?.equals(MechType.kerberos));
  t.deepEqual([...after.attrNames], [...before.attrNames]);
  for (const attr of before.attrNames) {
    const a = gss.getNameAttributeSync(name, attr);
    const b = gss.getNameAttributeSync(back, attr);
    t.deepEqual(b.values, a.values, attr);
    t.is(b.authenticated, a.authenticated, attr);
    t.is(b.complete, a.complete, attr);
  }
  t.is(gss.displayNameSync(back).name, `user@${fixture.realm.realm}`);
  t.true(gss.compareNameSync(back, name));
  t.deepEqual(gss.exportNameSync(back), gss.exportNameSync(name));
  // Exporting the re-imported name gives the same token again.
  t.deepEqual(gss.exportNameCompositeSync(back), token);
});

test('exportNameComposite of a mechanism name without attributes matches MIT t_export_name -c', (t) => {
  const mn = gss.canonicalizeNameSync(
    gss.importNameSync('a@b', { nameType: NameType.kerberosPrincipal }),
    MechType.kerberos,
  );
  const token = gss.exportNameCompositeSync(mn);
  t.is(token.toString('hex'), '0402000b06092a864886f7120102020000000361406200000000');
  const back = gss.importNameSync(token, { nameType: NameType.compositeExport });
  t.is(gss.displayNameSync(back).name, 'a@b');
  t.deepEqual([...gss.inquireNameSync(back).attrNames], []);
});

test('exportNameComposite of a name that is not a mechanism name fails; a truncated token does not import', async (t) => {
  await failsWith(t, () => gss.exportNameCompositeSync(principal('user')), gss.GSSError);
  await failsWith(
    t,
    () => gss.importNameSync(Buffer.from('0402', 'hex'), { nameType: NameType.compositeExport }),
    gss.InvalidTokenError,
  );
});

test('displayNameExt: MIT krb5 shows a name as its own type only', async (t) => {
  const name = principal('user');
  t.is(gss.displayNameExtSync(name, NameType.kerberosPrincipal), `user@${fixture.realm.realm}`);
  t.is(await gss.displayNameExt(mechName('user'), NameType.kerberosPrincipal), `user@${fixture.realm.realm}`);
  await failsWith(t, () => gss.displayNameExtSync(name, NameType.user), gss.OperationUnavailableError);
  await failsWith(t, () => gss.displayNameExt(name, NameType.hostbasedService), gss.OperationUnavailableError);
});

test('RFC 6680 argument checks throw before any C call', async (t) => {
  const name = principal('user');
  await failsWith(t, () => gss.inquireNameSync('user' as never), TypeError, /name must be a Name/);
  await failsWith(
    t,
    () => gss.getNameAttributeSync(name, 42 as never),
    TypeError,
    /attr must be a string or a Uint8Array/,
  );
  await failsWith(t, () => gss.setNameAttributeSync(name, 'urn:mspac:99', []), RangeError, /at least one value/);
  await failsWith(t, () => gss.setNameAttributeSync(name, 'urn:mspac:99', 5 as never), TypeError, /values must be/);
  await failsWith(t, () => gss.setNameAttributeSync(name, 'urn:mspac:99', [5] as never), TypeError, /values\[0\]/);
  await failsWith(
    t,
    () => gss.setNameAttributeSync(name, 'urn:mspac:99', 'x', { complete: 'yes' } as never),
    TypeError,
    /options\.complete/,
  );
  await failsWith(t, () => gss.displayNameExtSync(name, 'not an oid' as never), RangeError, /nameType/);
  const released = principal('user');
  released.release();
  await failsWith(t, () => gss.exportNameCompositeSync(released), TypeError, /released/);
});

// ------------------------------------------------------- local-account mapping

test('localname maps user@REALM to user (imported, canonicalized and accepted names, sync and async)', async (t) => {
  t.is(gss.localnameSync(principal('user')), 'user');
  t.is(gss.localnameSync(mechName('user'), { mech: MechType.kerberos }), 'user');
  t.is(await gss.localname(principal('user')), 'user');
  t.is(gss.localnameSync(acceptedInitiator()), 'user');
  t.is(gss.localnameSync(principal(local.username)), local.username);
});

test('localname has no mapping for a principal of another realm or with an instance', async (t) => {
  const foreign = gss.importNameSync('user@OTHER.EXAMPLE', { nameType: NameType.kerberosPrincipal });
  await failsWith(t, () => gss.localnameSync(foreign), gss.OperationUnavailableError);
  const service = gss.importNameSync(fixture.realm.hostPrincipal, { nameType: NameType.kerberosPrincipal });
  await failsWith(t, () => gss.localname(service), gss.OperationUnavailableError);
});

test('userok agrees with localname for an existing account, and refuses other accounts', async (t) => {
  const mn = mechName(local.username);
  t.is(gss.localnameSync(mn), local.username);
  t.true(gss.userokSync(mn, local.username));
  t.true(await gss.userok(mn, local.username));
  t.false(gss.userokSync(mn, nobody));
  t.false(gss.userokSync(mechName(nobody), local.username));
});

test('userok: MIT needs a mechanism name and an existing account', (t) => {
  // An imported (not canonicalized) principal: MIT cannot judge it, userok says false.
  t.false(gss.userokSync(principal(local.username), local.username));
  // localname maps nobody@REALM to 'nobody...', but krb5_kuserok rejects names with no account.
  t.is(gss.localnameSync(mechName(nobody)), nobody);
  t.false(gss.userokSync(mechName(nobody), nobody));
});

test('authorizeLocalname: true for the matching account, false otherwise', async (t) => {
  const mn = mechName(local.username);
  const me = gss.importNameSync(local.username, { nameType: NameType.user });
  const other = gss.importNameSync(nobody, { nameType: NameType.user });
  t.true(gss.authorizeLocalnameSync(mn, me));
  t.true(await gss.authorizeLocalname(mn, me));
  t.false(gss.authorizeLocalnameSync(mn, other));
  t.false(await gss.authorizeLocalname(mechName(nobody), me));
  // Not a mechanism name: MIT cannot authorize it (false, like gss_userok).
  t.false(gss.authorizeLocalnameSync(principal(local.username), me));
});

test('authorizeLocalname rejects a mechanism name as the local user (BadNameError)', async (t) => {
  const mn = mechName(local.username);
  await failsWith(t, () => gss.authorizeLocalnameSync(mn, mn), gss.BadNameError);
  await failsWith(t, () => gss.authorizeLocalname(mn, mechName(local.username)), gss.BadNameError);
  await failsWith(t, () => gss.authorizeLocalnameSync(mn, 'user' as never), TypeError, /user must be a Name/);
});

test('pnameToUid maps a principal to the uid of its local account (root@REALM to 0)', async (t) => {
  t.is(gss.pnameToUidSync(mechName(local.username)), local.uid);
  t.is(await gss.pnameToUid(principal(local.username), { mech: MechType.kerberos }), local.uid);
  t.is(gss.pnameToUidSync(principal('root')), 0);
  t.is(await gss.pnameToUid(mechName('root')), 0);
});

test('pnameToUid of a name whose local name has no account raises a GSSError', async (t) => {
  const err = await failsWith(t, () => gss.pnameToUidSync(mechName(nobody)), gss.GSSError);
  t.is((err as gss.GSSError).code, 'GSS_S_FAILURE');
  await failsWith(t, () => gss.pnameToUid(principal(nobody)), gss.GSSError);
});

test('an accepted initiator maps to its account end to end: localname, userok, authorizeLocalname, pnameToUid', async (t) => {
  if (!gss.extensions.has('password')) {
    t.fail('acquireCredWithPassword is needed to get the local account principal a ticket');
    return;
  }
  const creds = await gss.acquireCredWithPassword(principal(local.username), localPassword, {
    mechs: [MechType.kerberos],
  });
  const { accept } = establishSync({ init: { creds: creds.creds, mech: MechType.kerberos } });
  const name = accept.initiatorName as gss.Name;
  t.is(gss.displayNameSync(name).name, `${local.username}@${fixture.realm.realm}`);
  t.is(await gss.localname(name), local.username);
  t.true(await gss.userok(name, local.username));
  t.true(await gss.authorizeLocalname(name, gss.importNameSync(local.username, { nameType: NameType.user })));
  t.is(await gss.pnameToUid(name), local.uid);
  // The same acceptor-side view of user@REALM: maps to 'user', which has no account here.
  const user = acceptedInitiator();
  t.is(gss.localnameSync(user), 'user');
  if (local.username !== 'user') t.false(gss.userokSync(user, local.username));
});

test('local-account argument checks', async (t) => {
  const mn = mechName(local.username);
  await failsWith(t, () => gss.userokSync(mn, 5 as never), TypeError, /username must be a string/);
  await failsWith(t, () => gss.userokSync(mn, 'a\0b'), RangeError, /NUL/);
  await failsWith(t, () => gss.localnameSync(mn, { mech: 7 } as never), TypeError, /options\.mech/);
  await failsWith(t, () => gss.pnameToUidSync(null as never), TypeError, /name must be a Name/);
});
