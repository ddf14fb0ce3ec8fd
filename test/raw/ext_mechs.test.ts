/**
 * @gssapi/raw mechanism extensions against MIT krb5: RFC 5801 SASL names
 * (round trip for every mechanism indicateMechs reports), RFC 5587 mechanism
 * attributes, RFC 4178 setNegMechs with Kerberos (SPNEGO restricted to krb5)
 * and getNegMechs (which MIT lacks), and gss_str_to_oid / gss_oid_to_str.
 * NTLM is covered by ext_ntlm.test.ts.
 */
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establishSync, failsWith } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const { MechType, OID } = gss;

/** RFC 5587 section 3.4: GSS_C_MA_* arcs under 1.3.6.1.5.5.13. */
const MA = {
  concrete: OID.fromIntSeq('1.3.6.1.5.5.13.1'),
  pseudo: OID.fromIntSeq('1.3.6.1.5.5.13.2'),
  nego: OID.fromIntSeq('1.3.6.1.5.5.13.4'),
  authInit: OID.fromIntSeq('1.3.6.1.5.5.13.10'),
  wrap: OID.fromIntSeq('1.3.6.1.5.5.13.20'),
};

/** RFC 4422 section 3.1: 1 to 20 characters of upper-case letters, digits, '-' and '_'. */
const SASL_NAME = /^[A-Z0-9_-]{1,20}$/;

// ---------------------------------------------------------------- RFC 5801

test('SASL names round trip for every mechanism indicateMechs reports', async (t) => {
  const mechs = gss.indicateMechsSync();
  t.true(mechs.size >= 3, 'krb5, IAKERB, SPNEGO at least');
  for (const mech of mechs) {
    const names = gss.inquireSaslnameForMechSync(mech);
    t.true(Object.isFrozen(names));
    t.regex(names.saslMechName, SASL_NAME, mech.dottedForm);
    t.true(gss.inquireMechForSaslnameSync(names.saslMechName).equals(mech), names.saslMechName);
    t.true((await gss.inquireMechForSaslname(Buffer.from(names.saslMechName))).equals(mech));
    t.deepEqual(await gss.inquireSaslnameForMech(mech), names);
  }
});

test('SASL names of the MIT mechanisms', (t) => {
  t.deepEqual(
    { ...gss.inquireSaslnameForMechSync(MechType.kerberos) },
    { saslMechName: 'GS2-KRB5', mechName: 'krb5', mechDescription: 'Kerberos 5 GSS-API Mechanism' },
  );
  t.is(gss.inquireSaslnameForMechSync(MechType.spnego).saslMechName, 'SPNEGO');
  t.is(gss.inquireSaslnameForMechSync(MechType.spnego).mechName, 'spnego');
  if (MechType.iakerb) t.is(gss.inquireSaslnameForMechSync(MechType.iakerb).saslMechName, 'GS2-IAKERB');
  t.true(gss.inquireMechForSaslnameSync('GS2-KRB5').equals(MechType.kerberos));
});

test('unknown SASL names and mechanisms raise BadMechanismError', async (t) => {
  await failsWith(t, () => gss.inquireMechForSaslnameSync('GS2-NO-SUCH-MECH'), gss.BadMechanismError);
  await failsWith(t, () => gss.inquireMechForSaslname('gs2-krb5'), gss.BadMechanismError);
  await failsWith(t, () => gss.inquireSaslnameForMechSync(OID.fromIntSeq('1.2.3.4')), gss.BadMechanismError);
  await failsWith(t, () => gss.inquireSaslnameForMechSync('x' as never), RangeError, /mech/);
});

// ---------------------------------------------------------------- RFC 5587

test('inquireAttrsForMech: each mechanism has a subset of the attributes it knows', async (t) => {
  for (const mech of gss.indicateMechsSync()) {
    const { mechAttrs, knownMechAttrs } = gss.inquireAttrsForMechSync(mech);
    t.true(mechAttrs.size > 0, mech.dottedForm);
    for (const attr of mechAttrs) t.true(knownMechAttrs.has(attr), `${mech} ${attr}`);
    const again = await gss.inquireAttrsForMech(mech);
    t.deepEqual([...again.mechAttrs].map(String), [...mechAttrs].map(String));
  }
});

test('inquireAttrsForMech: krb5 is a concrete mechanism with wrap, SPNEGO a negotiating one', (t) => {
  const krb5 = gss.inquireAttrsForMechSync(MechType.kerberos).mechAttrs;
  t.true(krb5.has(MA.concrete));
  t.true(krb5.has(MA.authInit));
  t.true(krb5.has(MA.wrap));
  t.false(krb5.has(MA.nego));
  const spnego = gss.inquireAttrsForMechSync(MechType.spnego).mechAttrs;
  t.true(spnego.has(MA.nego));
  t.false(spnego.has(MA.concrete));
});

test('displayMechAttr describes every attribute MIT knows', async (t) => {
  const { knownMechAttrs } = gss.inquireAttrsForMechSync(MechType.kerberos);
  t.true(knownMechAttrs.size >= 27, 'RFC 5587 defines 27');
  for (const attr of knownMechAttrs) {
    const shown = gss.displayMechAttrSync(attr);
    t.true(Object.isFrozen(shown));
    t.regex(shown.name, /^GSS_C_MA_[A-Z_]+$/, attr.dottedForm);
    t.true(shown.shortDesc.length > 0 && !shown.shortDesc.includes('\0'));
    t.true(shown.longDesc.length > 0 && !shown.longDesc.includes('\0'));
  }
  t.deepEqual(
    { ...(await gss.displayMechAttr(MA.concrete)) },
    {
      name: 'GSS_C_MA_MECH_CONCRETE',
      shortDesc: 'concrete-mech',
      longDesc: 'Mechanism is neither a pseudo-mechanism nor a composite mechanism.',
    },
  );
  t.is(gss.displayMechAttrSync(MA.nego).name, 'GSS_C_MA_MECH_NEGO');
});

test('displayMechAttr of an OID that is no mechanism attribute fails with GSS_S_BAD_MECH_ATTR', async (t) => {
  const err = await failsWith(t, () => gss.displayMechAttrSync(OID.fromIntSeq('1.2.3.4')), gss.GSSError);
  t.is((err as gss.GSSError).code, 'GSS_S_BAD_MECH_ATTR');
});

test('indicateMechsByAttrs selects mechanisms by desired, excepted and critical attributes', async (t) => {
  const all = gss.indicateMechsSync();
  const every = gss.indicateMechsByAttrsSync();
  t.deepEqual([...every].map(String).sort(), [...all].map(String).sort());
  const nego = await gss.indicateMechsByAttrs({ desiredMechAttrs: [MA.nego] });
  t.true(nego.has(MechType.spnego));
  t.false(nego.has(MechType.kerberos));
  const concrete = gss.indicateMechsByAttrsSync({ desiredMechAttrs: MA.concrete, exceptMechAttrs: [MA.nego] });
  t.true(concrete.has(MechType.kerberos));
  t.false(concrete.has(MechType.spnego));
  const notNego = gss.indicateMechsByAttrsSync({ exceptMechAttrs: [MA.nego] });
  t.false(notNego.has(MechType.spnego));
  t.true(notNego.has(MechType.kerberos));
  // Everything krb5 has selects at least krb5.
  const { mechAttrs, knownMechAttrs } = gss.inquireAttrsForMechSync(MechType.kerberos);
  const like = gss.indicateMechsByAttrsSync({ desiredMechAttrs: mechAttrs, criticalMechAttrs: knownMechAttrs });
  t.true(like.has(MechType.kerberos));
  // A mechanism is never both pseudo and concrete.
  t.is(gss.indicateMechsByAttrsSync({ desiredMechAttrs: [MA.pseudo, MA.concrete] }).size, 0);
});

test('RFC 5587 argument checks', async (t) => {
  await failsWith(
    t,
    () => gss.indicateMechsByAttrsSync({ desiredMechAttrs: 5 } as never),
    TypeError,
    /desiredMechAttrs/,
  );
  await failsWith(t, () => gss.inquireAttrsForMechSync(undefined as never), TypeError, /mech/);
  await failsWith(t, () => gss.displayMechAttrSync({} as never), TypeError, /attr/);
});

// ---------------------------------------------------------------- RFC 4178

test('setNegMechs restricts SPNEGO to krb5 and the negotiated mechanism is krb5', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  gss.setNegMechsSync(creds, [MechType.kerberos]);
  const { init, accept } = establishSync({ init: { creds, mech: MechType.spnego } });
  t.true(init.mech?.equals(MechType.kerberos));
  t.true(accept.mech?.equals(MechType.kerberos));

  const again = await gss.acquireCred({ usage: 'initiate' });
  await gss.setNegMechs(again.creds, MechType.kerberos);
  t.true(establishSync({ init: { creds: again.creds, mech: MechType.spnego } }).init.mech?.equals(MechType.kerberos));
});

test('setNegMechs on credentials without a SPNEGO element raises OperationUnavailableError (MIT)', async (t) => {
  // Only the SPNEGO mechanism implements gss_set_neg_mechs; a krb5-only cred has no SPNEGO element.
  const { creds } = gss.acquireCredSync({ usage: 'initiate', mechs: [MechType.kerberos] });
  await failsWith(t, () => gss.setNegMechsSync(creds, [MechType.kerberos]), gss.OperationUnavailableError);
});

test('an acceptor limited by setNegMechs to IAKERB refuses a krb5-only SPNEGO initiator', async (t) => {
  const iakerb = MechType.iakerb;
  if (!iakerb) {
    t.fail('MIT krb5 always has IAKERB');
    return;
  }
  const acceptor = gss.acquireCredSync({ usage: 'accept' });
  gss.setNegMechsSync(acceptor.creds, [iakerb]);
  const initiator = gss.acquireCredSync({ usage: 'initiate' });
  gss.setNegMechsSync(initiator.creds, [MechType.kerberos]);
  const err = await failsWith(
    t,
    () =>
      establishSync({
        init: { creds: initiator.creds, mech: MechType.spnego },
        accept: { acceptorCreds: acceptor.creds },
      }),
    gss.GSSError,
  );
  t.regex((err as gss.GSSError).minorMessages.join(' '), /SPNEGO cannot find mechanisms to negotiate/);
  // The same pair without the acceptor restriction negotiates krb5.
  const ok = establishSync({ init: { creds: initiator.creds, mech: MechType.spnego } });
  t.true(ok.accept.mech?.equals(MechType.kerberos));
});

test('setNegMechs argument checks', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  await failsWith(t, () => gss.setNegMechsSync(null as never, [MechType.kerberos]), TypeError, /creds/);
  await failsWith(t, () => gss.setNegMechsSync(creds, undefined as never), TypeError, /mechs/);
  await failsWith(t, () => gss.setNegMechsSync(creds, [42] as never), TypeError, /mechs\[0\]/);
});

const hasGetNegMechs = gss.extensions.has('rfc4178Get');

(hasGetNegMechs ? test : test.skip)('getNegMechs reports what setNegMechs set (library has gss_get_neg_mechs)', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  gss.setNegMechsSync(creds, [MechType.kerberos]);
  t.true(gss.getNegMechsSync(creds).has(MechType.kerberos));
});

(hasGetNegMechs ? test.skip : test)(
  'getNegMechs throws ExtensionUnavailableError (the library lacks gss_get_neg_mechs, as MIT does)',
  async (t) => {
    t.false(gss.libraryInfo().functions.gss_get_neg_mechs);
    const { creds } = gss.acquireCredSync({ usage: 'initiate' });
    const err = await failsWith(t, () => gss.getNegMechsSync(creds), gss.ExtensionUnavailableError);
    t.is((err as gss.ExtensionUnavailableError).symbol, 'gss_get_neg_mechs');
    t.is((err as gss.ExtensionUnavailableError).extension, 'rfc4178Get');
    await failsWith(t, () => gss.getNegMechs(creds), gss.ExtensionUnavailableError, /gss_get_neg_mechs/);
  },
);

// ---------------------------------------------------------------- OID text

test('oidToStr gives MIT braces form without the NUL MIT counts in the length', async (t) => {
  t.is(gss.oidToStrSync(MechType.kerberos), '{ 1 2 840 113554 1 2 2 }');
  t.is(await gss.oidToStr(MechType.spnego), '{ 1 3 6 1 5 5 2 }');
  t.is(gss.oidToStrSync(OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10')), '{ 1 3 6 1 4 1 311 2 2 10 }');
  t.false(gss.oidToStrSync(MechType.kerberos).includes('\0'));
  t.is(gss.oidToStrSync('1.2.840.113554.1.2.2' as never), '{ 1 2 840 113554 1 2 2 }');
});

test('strToOid and oidToStr round trip every mechanism, name type and mechanism attribute', async (t) => {
  const oids = [...gss.indicateMechsSync(), ...gss.inquireAttrsForMechSync(MechType.kerberos).knownMechAttrs];
  for (const mech of gss.indicateMechsSync()) oids.push(...gss.inquireNamesForMechSync(mech));
  for (const oid of oids) {
    const text = gss.oidToStrSync(oid);
    t.is(text, `{ ${oid.dottedForm.split('.').join(' ')} }`);
    t.true(gss.strToOidSync(text).equals(oid), text);
    t.true((await gss.strToOid(oid.dottedForm)).equals(oid), oid.dottedForm);
  }
});

test('strToOid accepts the forms MIT t_oid.c accepts', (t) => {
  const hex = (text: string) => gss.strToOidSync(text).bytes.toString('hex');
  t.is(hex('{ 1 2 840 113554 1 2 2 }'), '2a864886f712010202');
  t.is(hex('1.2.840.113554.1.2.2'), '2a864886f712010202');
  t.is(hex('{1 2 840 113554 1 2 2}'), '2a864886f712010202');
  t.is(hex('  {  1   2  }'), '2a');
  t.is(hex('{ 01 02 }'), '2a', 'leading zeros');
  t.is(hex('{ 1 2 840 113554 1 2 2 } trailing'), '2a864886f712010202', 'garbage after the brace');
  t.is(hex('{ 2 48 }'), '8100');
  t.is(hex('{2 16304}'), '818000');
  t.is(hex(Buffer.from('1 2 3') as never), '2a03');
});

test('strToOid rejects what MIT t_oid.c rejects', async (t) => {
  for (const text of ['{}', '{ 1 }', '{ 0 40 }', '{ 1 40 }', '+1 1', '-1.1', '{ 1 1']) {
    await failsWith(t, () => gss.strToOidSync(text), gss.GSSError);
  }
  await failsWith(t, () => gss.strToOid('{ 1'), gss.GSSError);
  // The empty string never reaches the parser's text: MIT reports an unreadable parameter.
  await failsWith(t, () => gss.strToOidSync(''), gss.ParameterReadError);
  await failsWith(t, () => gss.strToOidSync(12 as never), TypeError, /text/);
});

test('the extensions of this file are present in MIT krb5', (t) => {
  for (const name of ['rfc5587', 'rfc5801', 'rfc4178', 'oidStr']) t.true(gss.extensions.has(name), name);
});
