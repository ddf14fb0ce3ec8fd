/**
 * Inputs that crash MIT 1.20 itself are refused before they reach it:
 * an exported name with bytes after the name (an assertion in the krb5
 * mechanism aborts the process) and an exported credential whose Kerberos
 * JSON has another shape (a NULL dereference).
 */

import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

function exportedUser(): Buffer {
  const name = gss.importNameSync('user@KRBTEST.COM', { nameType: gss.NameType.kerberosPrincipal });
  return gss.exportNameSync(gss.canonicalizeNameSync(name, gss.MechType.kerberos));
}

test('an exported name still imports', (t) => {
  const name = gss.importNameSync(exportedUser(), { nameType: gss.NameType.export });
  t.is(gss.displayNameSync(name).name, 'user@KRBTEST.COM');
});

test('an exported name with a byte after the name is an InvalidTokenError, not an abort', (t) => {
  const token = Buffer.concat([exportedUser(), Buffer.from([0])]);
  const error = t.throws(() => gss.importNameSync(token, { nameType: gss.NameType.export }), {
    instanceOf: gss.InvalidTokenError,
  });
  t.is(error?.code, 'GSS_S_DEFECTIVE_TOKEN');
  t.regex(error?.message ?? '', /1 bytes after the name/);
});

test('exported names whose lengths do not add up are InvalidTokenErrors', (t) => {
  const good = exportedUser();
  const cases = [
    good.subarray(0, good.length - 1), // name cut short
    Buffer.concat([Buffer.from([0x04, 0x03]), good.subarray(2)]), // unknown token id
    Buffer.concat([good.subarray(0, 2), Buffer.from([0x00, 0x40]), good.subarray(4)]), // OID length too large
    Buffer.from([0x04, 0x01]),
  ];
  for (const token of cases) {
    t.throws(() => gss.importNameSync(token, { nameType: gss.NameType.export }), { instanceOf: gss.InvalidTokenError });
  }
});

test('a composite exported name round-trips through the check', (t) => {
  const name = gss.canonicalizeNameSync(gss.importNameSync('user@KRBTEST.COM'), gss.MechType.kerberos);
  const composite = gss.exportNameCompositeSync(name);
  const again = gss.importNameSync(composite, { nameType: gss.NameType.compositeExport });
  t.is(gss.displayNameSync(again).name, 'user@KRBTEST.COM');
  t.throws(
    () => gss.importNameSync(Buffer.concat([composite, Buffer.from([1])]), { nameType: gss.NameType.compositeExport }),
    { instanceOf: gss.InvalidTokenError },
  );
});

function element(oid: gss.OID, token: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(oid.bytes.length);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(token.length);
  return Buffer.concat([header, oid.bytes, length, token]);
}

test('an exported credential with another JSON shape is an InvalidTokenError, not a crash', (t) => {
  for (const json of ['["K5C1", 1]', '["K5C1", null]', '{"K5C1": []}', '"K5C1"', 'not json']) {
    const token = element(gss.MechType.kerberos, Buffer.from(json));
    t.throws(() => gss.importCredSync(token), { instanceOf: gss.InvalidTokenError }, json);
  }
  // The same inside SPNEGO's element.
  const inner = element(gss.MechType.kerberos, Buffer.from('["K5C1", 7]'));
  t.throws(() => gss.importCredSync(element(gss.MechType.spnego, inner)), { instanceOf: gss.InvalidTokenError });
});

test('a real exported credential passes the check and imports', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  const imported = gss.importCredSync(gss.exportCredSync(creds));
  t.is(gss.displayNameSync(gss.inquireCredSync(imported).name as gss.Name).name, 'user@KRBTEST.COM');
});
