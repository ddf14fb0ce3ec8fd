/**
 * gss-ntlmssp 1.2 crashes (strdup of a NULL name) when asked for the name of
 * an acceptor-side element. The addon does not ask: these calls must return,
 * without the name, instead of killing the process.
 */

import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

await useRealm(test, { ntlm: true });

function ntlm(): gss.OID {
  const mech = gss.MechType.ntlm;
  if (!mech) throw new Error('gss-ntlmssp is not installed');
  return mech;
}

function acceptorContext(mech: gss.OID) {
  const user = gss.importNameSync('user', { nameType: gss.NameType.user });
  const { creds } = gss.acquireCredSync({ name: user, usage: 'initiate', mechs: [mech] });
  // Under SPNEGO, offer NTLM only (krb5 would win: the user has a TGT too).
  if (mech.equals(gss.MechType.spnego)) gss.setNegMechsSync(creds, [ntlm()]);
  const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
  const negotiate = gss.initSecContextSync(target, { creds, mech });
  const challenge = gss.acceptSecContextSync(negotiate.token as Buffer);
  return { negotiate, challenge, target, creds };
}

test('inquireCred on nameless NTLM acceptor credentials returns without a name', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'accept', mechs: [ntlm()] });
  const info = gss.inquireCredSync(creds);
  t.is(info.name, undefined);
  t.is(info.usage, 'accept');
  t.true(info.mechs?.has(ntlm()));
});

test('inquireCredByMech(ntlm) on NTLM acceptor credentials returns without a name', (t) => {
  const { creds } = gss.acquireCredSync({ usage: 'both', mechs: [ntlm()] });
  const info = gss.inquireCredByMechSync(creds, ntlm());
  t.is(info.name, undefined);
  t.not(info.usage, 'initiate', 'an element usable for accepting');
});

test('NTLM initiator credentials still report their name', (t) => {
  const user = gss.importNameSync('user', { nameType: gss.NameType.user });
  const { creds } = gss.acquireCredSync({ name: user, usage: 'initiate', mechs: [ntlm()] });
  const name = gss.inquireCredSync(creds).name;
  t.truthy(name);
  t.regex(gss.displayNameSync(name as gss.Name).name, /user/);
});

for (const mech of ['ntlm', 'spnego'] as const) {
  test(`inquireContext on a ${mech} acceptor context that negotiated NTLM returns without a target name`, (t) => {
    const { negotiate, challenge, target, creds } = acceptorContext(mech === 'ntlm' ? ntlm() : gss.MechType.spnego);
    const partial = gss.inquireContextSync(challenge.context);
    t.false(partial.locallyInit);
    t.is(partial.targetName, undefined);
    // A SPNEGO context still negotiating reports SPNEGO itself.
    t.true(partial.mech?.equals(mech === 'ntlm' ? ntlm() : gss.MechType.spnego));
    // Finish the exchange and ask again on the complete context.
    const authenticate = gss.initSecContextSync(target, {
      creds,
      mech: mech === 'ntlm' ? ntlm() : gss.MechType.spnego,
      context: negotiate.context,
      inputToken: challenge.token,
    });
    let server = gss.acceptSecContextSync(authenticate.token as Buffer, { context: challenge.context });
    if (server.moreSteps && server.token) {
      const last = gss.initSecContextSync(target, { creds, context: negotiate.context, inputToken: server.token });
      if (last.token) server = gss.acceptSecContextSync(last.token, { context: challenge.context });
    }
    const complete = gss.inquireContextSync(server.context);
    t.true(complete.complete);
    t.true(complete.mech?.equals(ntlm()), 'NTLM was negotiated');
    t.is(complete.targetName, undefined);
    t.truthy(complete.initiatorName);
  });
}
