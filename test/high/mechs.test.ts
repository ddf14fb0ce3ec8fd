/**
 * Mechanism: all mechanisms, from a name, a SASL name or RFC 5587
 * attributes; name types, SASL name, description and attributes, checked
 * against the raw inquiries.
 */
import { inspect } from 'node:util';
import * as raw from '@gssapi/raw';
import test from 'ava';
import { Mechanism, MechType, Name, NameType, OID } from '../../packages/high/src/index.js';
import { useRealm } from '../helpers/realm.js';
import { failsWith, hostName } from './_helpers.js';

await useRealm(test);

const dotted = (list: Iterable<OID>): string[] => [...list].map((m) => m.dottedForm).sort();

test('all() and allSync() list what gss_indicate_mechs does', async (t) => {
  const all = await Mechanism.all();
  t.true(all.every((m) => m instanceof Mechanism && m instanceof OID));
  t.deepEqual(dotted(all), dotted(raw.indicateMechsSync()));
  t.deepEqual(dotted(Mechanism.allSync()), dotted(all));
  t.true(all.some((m) => m.equals(MechType.kerberos)));
  t.true(all.some((m) => m.equals(MechType.spnego)));
});

test('SASL name, mech name and description (RFC 5801)', (t) => {
  const krb5 = Mechanism.from(MechType.kerberos);
  const r = raw.inquireSaslnameForMechSync(MechType.kerberos);
  t.is(krb5.saslName, 'GS2-KRB5');
  t.is(krb5.saslName, r.saslMechName);
  t.is(krb5.mechName, 'krb5');
  t.is(krb5.description, 'Kerberos 5 GSS-API Mechanism');
  t.is(Mechanism.from(MechType.spnego).saslName, 'SPNEGO');
});

test('fromSaslName, async and sync', async (t) => {
  t.true((await Mechanism.fromSaslName('GS2-KRB5')).equals(MechType.kerberos));
  t.true(Mechanism.fromSaslNameSync('GS2-KRB5') instanceof Mechanism);
  await failsWith(t, () => Mechanism.fromSaslName('NO-SUCH-MECH'), raw.GSSError);
});

test('attrs and knownAttrs (RFC 5587), and fromAttrs', async (t) => {
  const krb5 = Mechanism.from(MechType.kerberos);
  const r = raw.inquireAttrsForMechSync(MechType.kerberos);
  t.deepEqual(dotted(krb5.attrs), dotted(r.mechAttrs));
  t.deepEqual(dotted(krb5.knownAttrs), dotted(r.knownMechAttrs));
  t.true(krb5.attrs.size > 0);
  t.is(krb5.attrs, krb5.attrs, 'cached: a mechanism does not change');
  const matching = await Mechanism.fromAttrs({ desired: krb5.attrs });
  t.true(matching.some((m) => m.equals(krb5)));
  t.deepEqual(dotted(Mechanism.fromAttrsSync({ desired: krb5.attrs })), dotted(matching));
  t.deepEqual(dotted(Mechanism.fromAttrsSync()), dotted(raw.indicateMechsByAttrsSync()));
  const concrete = OID.fromIntSeq('1.3.6.1.5.5.13.1'); // GSS_C_MA_MECH_CONCRETE
  const notConcrete = Mechanism.fromAttrsSync({ except: [concrete] });
  t.false(notConcrete.some((m) => m.equals(krb5)));
  t.true(
    notConcrete.some((m) => m.equals(MechType.spnego)),
    'SPNEGO is a pseudo-mechanism',
  );
  t.deepEqual(
    dotted(Mechanism.fromAttrsSync({ critical: [concrete] })),
    dotted(raw.indicateMechsByAttrsSync({ criticalMechAttrs: [concrete] })),
  );
});

test('nameTypes and fromName', async (t) => {
  const krb5 = Mechanism.from(MechType.kerberos);
  t.deepEqual(dotted(krb5.nameTypes), dotted(raw.inquireNamesForMechSync(MechType.kerberos)));
  t.true(krb5.nameTypes.has(NameType.kerberosPrincipal));
  t.true(krb5.nameTypes.has(NameType.hostbasedService));
  const forName = await Mechanism.fromName(hostName());
  t.true(forName.some((m) => m.equals(krb5)));
  t.deepEqual(dotted(Mechanism.fromNameSync(hostName())), dotted(raw.inquireMechsForNameSync(hostName())));
  t.true(Mechanism.fromNameSync(new Name('user', NameType.user)).length > 0);
});

test('a Mechanism is an OID: from(), equality, raw, display', (t) => {
  const krb5 = Mechanism.from('1.2.840.113554.1.2.2');
  t.true(krb5.equals(MechType.kerberos));
  t.is(Mechanism.from(krb5), krb5);
  t.is(krb5.toString(), '1.2.840.113554.1.2.2');
  t.is(inspect(krb5), 'Mechanism 1.2.840.113554.1.2.2');
  t.true(krb5.raw instanceof OID);
  t.false(krb5.raw instanceof Mechanism);
  t.true(krb5.raw.equals(krb5));
  t.true(raw.inquireNamesForMechSync(krb5).size > 0, 'raw functions take it as an OID');
  t.true(new Mechanism(MechType.spnego.bytes).equals(MechType.spnego));
  t.throws(() => Mechanism.from(42 as never), { instanceOf: TypeError });
  t.true(Object.isFrozen(krb5));
});
