/**
 * @gssapi/raw setCredOption (gss_set_cred_option) against a real KDC, after
 * MIT's t_ciflags: by default an initiator offers confidentiality and
 * integrity even when they were not requested; GSS_KRB5_CRED_NO_CI_FLAGS_X on
 * the initiator credentials stops that, for krb5 and for SPNEGO, unless they
 * are requested explicitly. Unknown options fail with GSS_S_UNAVAILABLE.
 */
import * as gss from '@gssapi/raw';
import test from 'ava';
import { establish, establishSync, failsWith, hostTarget } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);
const { MechType, RequirementFlag: F } = gss;
const available = gss.extensions.has('setCredOpt');
const maybe = available ? test : test.skip;
const suffix = available ? '' : ' (skipped: the library lacks gss_set_cred_option)';

/** GSS_KRB5_CRED_NO_CI_FLAGS_X. */
const NO_CI_FLAGS = '1.2.752.43.13.29';

/** The flags the acceptor sees when the initiator requests none. */
function acceptorFlags(creds: gss.Creds, mech: gss.OID, flags: gss.RequirementFlag[] = []): gss.FlagSet {
  return establishSync({ target: hostTarget(), init: { creds, mech, flags } }).accept.flags;
}

maybe(`without the option, unrequested confidentiality and integrity are offered${suffix}`, (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  for (const mech of [MechType.kerberos, MechType.spnego]) {
    const flags = acceptorFlags(creds, mech);
    t.true(flags.has(F.confidentiality), `${mech}: conf`);
    t.true(flags.has(F.integrity), `${mech}: integ`);
    t.true(flags.has(F.transferable), `${mech}: trans`);
  }
});

maybe(`GSS_KRB5_CRED_NO_CI_FLAGS_X suppresses them unless requested (async)${suffix}`, async (t) => {
  const { creds } = await gss.acquireCred({ usage: 'initiate' });
  const same = await gss.setCredOption(NO_CI_FLAGS, creds);
  t.is(same, creds, 'the credentials are changed in place and returned');

  const { init, accept } = await establish({ target: hostTarget(), init: { creds, flags: [] } });
  for (const flags of [init.flags, accept.flags]) {
    t.false(flags.has(F.confidentiality));
    t.false(flags.has(F.integrity));
    t.true(flags.has(F.transferable));
  }
  // Asked for, confidentiality is still there.
  const asked = acceptorFlags(creds, MechType.kerberos, [F.confidentiality]);
  t.true(asked.has(F.confidentiality));
  // SPNEGO passes the option on to its krb5 element.
  const spnego = acceptorFlags(creds, MechType.spnego);
  t.false(spnego.has(F.confidentiality));
  t.false(spnego.has(F.integrity));
});

maybe(`setCredOptionSync with an OID object and a (ignored) value${suffix}`, (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate', mechs: [MechType.kerberos] });
  const result = gss.setCredOptionSync(gss.OID.fromIntSeq(NO_CI_FLAGS), { raw: creds }, new Uint8Array(0));
  t.is(result, creds);
  const flags = acceptorFlags(creds, MechType.kerberos);
  t.false(flags.has(F.confidentiality));
  t.false(flags.has(F.integrity));
  // Other credentials are not affected.
  const other = gss.acquireCredSync({ usage: 'initiate' }).creds;
  t.true(acceptorFlags(other, MechType.kerberos).has(F.confidentiality));
});

maybe(`an unknown option raises OperationUnavailableError${suffix}`, async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  const error = await failsWith(t, () => gss.setCredOption('1.2.3.4.5.6', creds), gss.OperationUnavailableError);
  t.is((error as gss.GSSError | undefined)?.code, 'GSS_S_UNAVAILABLE');
  t.true(error instanceof gss.GSSError);
  // Without credentials too (the mechanism is asked to create some, and declines).
  await failsWith(t, () => gss.setCredOptionSync('1.2.3.4.5.6'), gss.OperationUnavailableError);
  // The credentials still work.
  t.true(acceptorFlags(creds, MechType.kerberos).has(F.integrity));
});

test('setCredOption argument checks', async (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'initiate' });
  await failsWith(t, () => gss.setCredOption(42 as never, creds), TypeError, /desiredAspect must be an OID/);
  await failsWith(t, () => gss.setCredOptionSync('not an oid', creds), RangeError, /desiredAspect/);
  await failsWith(t, () => gss.setCredOption(NO_CI_FLAGS, 'creds' as never), TypeError, /creds must be a Creds/);
  await failsWith(
    t,
    () => gss.setCredOptionSync(NO_CI_FLAGS, creds, 'value' as never),
    TypeError,
    /value must be a Uint8Array/,
  );
  // MIT's krb5 options that change existing credentials would dereference a
  // null handle (and crash the process) without credentials: refused first.
  for (const oid of [
    NO_CI_FLAGS,
    '1.2.840.113554.1.2.2.5.4',
    '1.2.840.113554.1.2.2.5.11',
    '1.2.840.113554.1.2.2.5.2',
  ]) {
    await failsWith(t, () => gss.setCredOptionSync(oid), TypeError, /creds is required for option/);
    await failsWith(t, () => gss.setCredOption(oid, null), TypeError, /creds is required for option/);
  }
  creds.release();
  await failsWith(t, () => gss.setCredOption(NO_CI_FLAGS, creds), TypeError, /creds has been released/);
});
