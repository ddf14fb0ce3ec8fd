/**
 * Name: construction, display, type, comparison, canonicalization, export
 * (plain and composite), displayAs, duplicate, mechanism-name inquiry, the
 * RFC 6680 attribute view, the raw upgrade path and disposal. Real KDC.
 */
import { inspect } from 'node:util';
import * as raw from '@gssapi/raw';
import test from 'ava';
import {
  Mechanism,
  MechanismNameRequiredError,
  MechType,
  Name,
  NameAttributes,
  NameType,
  OperationUnavailableError,
  SecurityContext,
} from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { establishSync, failsWith, hostName } from './_helpers.js';

await useRealm(test);

/** The initiator as the acceptor sees it: a mechanism name with PAC attributes. */
function acceptedInitiator(): Name {
  const client = new SecurityContext({ name: hostName() });
  const server = new SecurityContext({ usage: 'accept' });
  establishSync(client, server);
  return server.initiatorName as Name;
}

test('new Name(text, type) imports, displays and reports its type', (t) => {
  const name = new Name('host@localhost', NameType.hostbasedService);
  t.is(name.toString(), 'host@localhost');
  t.is(`${name}`, 'host@localhost');
  t.true(name.nameType?.equals(NameType.hostbasedService));
  const shown = raw.displayNameSync(name.raw);
  t.is(shown.name, name.toString());
  t.true(shown.nameType?.equals(name.nameType as raw.OID));
  t.is(JSON.stringify({ name }), '{"name":"host@localhost"}');
  t.is(inspect(name), 'Name("host@localhost", 1.2.840.113554.1.2.1.4)');
});

test('a name from bytes, and one without a type, uses the default type', (t) => {
  const fromBytes = new Name(Buffer.from('user@KRBTEST.COM'), NameType.kerberosPrincipal);
  t.is(`${fromBytes}`, 'user@KRBTEST.COM');
  const untyped = new Name('user');
  t.is(`${untyped}`, 'user');
  t.is(untyped.nameType, undefined, 'no type given, none reported (GSS_C_NO_OID)');
});

test('bad input throws before any C call', (t) => {
  t.throws(() => new Name(42 as never), { instanceOf: TypeError });
  t.throws(() => new Name(hostName().raw, NameType.user), { instanceOf: TypeError });
  t.throws(() => Name.fromRaw('x' as never), { instanceOf: TypeError });
  t.throws(() => new Name('x', 'not an oid' as never), { instanceOf: RangeError });
});

test('equals: different forms differ until canonicalized, then match', async (t) => {
  const principal = new Name('host/localhost@KRBTEST.COM', NameType.kerberosPrincipal);
  const service = new Name('host@localhost', NameType.hostbasedService);
  t.false(principal.equals(service));
  const a = principal.canonicalizeSync(MechType.kerberos);
  const b = await service.canonicalize(MechType.kerberos);
  t.true(a.equals(b));
  t.true(a.equals(b.raw), 'a raw name compares too');
  t.is(raw.compareNameSync(a, b), true, 'raw functions take high-level names');
});

test('canonicalize makes a mechanism name; isMechName and mech follow', (t) => {
  const name = hostName();
  t.false(name.isMechName);
  t.is(name.mech, undefined);
  const mn = name.canonicalizeSync(MechType.kerberos);
  t.true(mn.isMechName);
  t.true(mn.mech instanceof Mechanism);
  t.true(mn.mech?.equals(MechType.kerberos));
  const inquired = raw.inquireNameSync(mn.raw);
  t.is(mn.isMechName, inquired.isMechName);
  t.true(inquired.mech?.equals(mn.mech as raw.OID));
  t.is(`${mn}`, 'host/localhost@KRBTEST.COM');
});

test('export and fromToken round-trip a mechanism name (async and sync)', async (t) => {
  const mn = new Name('user@KRBTEST.COM', NameType.kerberosPrincipal).canonicalizeSync(MechType.kerberos);
  const token = await mn.export();
  t.deepEqual(token, mn.exportSync());
  t.deepEqual(token, raw.exportNameSync(mn.raw));
  // The MIT byte layout: 04 01, OID length, the krb5 OID, name length, name.
  t.is(token.subarray(0, 2).toString('hex'), '0401');
  const back = Name.fromToken(token);
  t.true(back.equals(mn));
  t.is(`${back}`, 'user@KRBTEST.COM');
  t.true(new Name(token, NameType.export).equals(mn), 'the constructor takes tokens with NameType.export');
});

test('exporting a name that is not a mechanism name throws MechanismNameRequiredError', async (t) => {
  await failsWith(t, () => hostName().exportSync(), MechanismNameRequiredError);
  await failsWith(t, () => hostName().export(), MechanismNameRequiredError);
});

test('composite export keeps the attributes; a plain export drops them', async (t) => {
  const who = acceptedInitiator();
  const keys = [...who.attributes.keys()];
  t.true(keys.includes('urn:mspac:client-info'), keys.join(','));
  const composite = await who.export({ composite: true });
  t.deepEqual(composite, who.exportSync({ composite: true }));
  t.is(composite.subarray(0, 2).toString('hex'), '0402');
  const back = Name.fromToken(composite, { composite: true });
  t.is(`${back}`, `${who}`);
  t.deepEqual([...back.attributes.keys()], keys);
  t.deepEqual(
    back.attributes.get('urn:mspac:client-info')?.values,
    who.attributes.get('urn:mspac:client-info')?.values,
  );
  const plain = Name.fromToken(who.exportSync());
  t.true(plain.equals(who));
  t.is(plain.attributes.size, 0);
});

test('displayAs shows a name as its own type; other types are unavailable with krb5', async (t) => {
  const principal = new Name('user@KRBTEST.COM', NameType.kerberosPrincipal);
  t.is(await principal.displayAs(NameType.kerberosPrincipal), 'user@KRBTEST.COM');
  t.is(
    principal.displayAsSync(NameType.kerberosPrincipal),
    raw.displayNameExtSync(principal, NameType.kerberosPrincipal),
  );
  await failsWith(t, () => principal.displayAsSync(NameType.hostbasedService), OperationUnavailableError);
});

test('duplicate makes an independent copy', async (t) => {
  const original = hostName();
  const copy = await original.duplicate();
  const copy2 = original.duplicateSync();
  const copy3 = new Name(original);
  t.not(copy.raw, original.raw);
  original.release();
  t.true(original.released);
  for (const c of [copy, copy2, copy3]) {
    t.false(c.released);
    t.is(`${c}`, 'host@localhost');
  }
});

test('fromRaw wraps without moving: the raw name stays usable and is .raw', (t) => {
  const rawName = raw.importNameSync('host@localhost', { nameType: raw.NameType.hostbasedService });
  const name = Name.fromRaw(rawName);
  t.is(name.raw, rawName);
  t.false(rawName.released);
  t.is(raw.displayNameSync(rawName).name, 'host@localhost');
  t.is(raw.displayNameSync(name).name, 'host@localhost');
  t.is(new Name(rawName).raw, rawName);
});

test('release and [Symbol.dispose] are idempotent; using releases at the end of the block', (t) => {
  let outer: Name | undefined;
  {
    using name = hostName();
    outer = name;
    t.false(name.released);
  }
  t.true(outer.released);
  outer.release();
  outer[Symbol.dispose]();
  t.true(outer.released);
  t.is(inspect(outer), 'Name(<released>)');
  t.throws(() => outer.toString(), { instanceOf: TypeError, message: /released/ });
});

test('attributes: a Map-like view matching the raw inquiries', (t) => {
  const who = acceptedInitiator();
  const attrs = who.attributes;
  t.true(attrs instanceof NameAttributes);
  t.is(who.attributes, attrs, 'the view is cached per name');
  const inquired = raw.inquireNameSync(who.raw);
  t.deepEqual([...attrs.keys()], [...inquired.attrNames]);
  t.is(attrs.size, inquired.attrNames.length);
  const entries = [...attrs];
  t.is(entries.length, attrs.size);
  for (const [key, value] of entries) {
    const r = raw.getNameAttributeSync(who.raw, key);
    t.deepEqual(value.values, r.values);
    t.deepEqual(value.displayValues, r.displayValues);
    t.is(value.authenticated, r.authenticated);
    t.is(value.complete, r.complete);
    t.true(value.authenticated, `${key} is signed by the KDC`);
  }
  t.deepEqual(
    [...attrs.values()].map((v) => v.values),
    entries.map(([, v]) => v.values),
  );
  const seen: string[] = [];
  attrs.forEach((_value, key, view) => {
    seen.push(key);
    t.is(view, attrs);
  });
  t.deepEqual(seen, [...attrs.keys()]);
  t.true(attrs.has('urn:mspac:client-info'));
  t.false(attrs.has('urn:mspac:nothing-here'));
  t.is(attrs.get('urn:mspac:nothing-here'), undefined);
  t.false(attrs.delete('urn:mspac:nothing-here'));
});

test('attributes: set goes to the mechanism (MIT adds a PAC buffer, unverified from then on)', (t) => {
  const who = acceptedInitiator();
  t.is(who.attributes.set('urn:mspac:99', Buffer.from('payload')), who.attributes);
  t.true([...who.attributes.keys()].includes('urn:mspac:99'));
  // MIT treats a changed PAC as unverified and no longer returns its buffers.
  t.is(who.attributes.get('urn:mspac:99'), undefined);
  // Names without a PAC have no attribute module that takes attributes.
  t.throws(() => new Name('user').attributes.set('urn:example:greeting', ['hello', 'hi'], { complete: true }), {
    instanceOf: OperationUnavailableError,
  });
  t.is(new Name('user').attributes.size, 0);
  // MIT cannot delete a PAC buffer: the mechanism's refusal is reported.
  t.throws(() => acceptedInitiator().attributes.delete('urn:mspac:client-info'), {
    instanceOf: OperationUnavailableError,
  });
});
