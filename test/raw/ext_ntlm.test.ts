/**
 * NTLM through gss-ntlmssp with a user file (no domain controller), raw and
 * under SPNEGO, and SPNEGO limited by setNegMechs (RFC 4178) to krb5 or to
 * NTLM: the negotiated mechanism is the one asked for. The realm is started
 * with `{ ntlm: true }`: GSS_MECH_CONFIG names gss-ntlmssp and
 * NTLM_USER_FILE holds `KRBTEST:user:<password>`, which serves both the
 * initiator (its keys) and the acceptor (to check the response).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as gss from '@gssapi/raw';
import test, { type ExecutionContext } from 'ava';
import { establish, establishSync, failsWith, hostTarget } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const NTLM_OID = '1.3.6.1.4.1.311.2.2.10';

/** Whether gss-ntlmssp is installed (the same lookup as @gssapi/k5test: mech.d, else the Debian path). */
function ntlmsspInstalled(): boolean {
  const dir = '/etc/gss/mech.d';
  try {
    for (const entry of readdirSync(dir)) {
      if (!/ntlmssp.*\.conf$/.test(entry)) continue;
      for (const line of readFileSync(path.join(dir, entry), 'utf8').split('\n')) {
        const lib = line.replace(/#.*/, '').trim().split(/\s+/)[2];
        if (lib && existsSync(lib)) return true;
      }
    }
  } catch {
    // no mech.d
  }
  const triplet = process.arch === 'arm64' ? 'aarch64-linux-gnu' : 'x86_64-linux-gnu';
  return existsSync(`/usr/lib/${triplet}/gssntlmssp/gssntlmssp.so`);
}

const installed = ntlmsspInstalled();
const fixture = installed ? await useRealm(test, { ntlm: true }) : undefined;
/** Registers a test, or skips it saying why when gss-ntlmssp is missing. */
const ntlmTest = (title: string, fn: (t: ExecutionContext) => void | Promise<void>): void => {
  if (installed) test(title, fn);
  else test.skip(`${title} (gss-ntlmssp is not installed)`, fn);
};

const { MechType, NameType } = gss;

function ntlm(): gss.OID {
  const mech = MechType.ntlm;
  if (!mech) throw new Error('gss_indicate_mechs does not report NTLM although GSS_MECH_CONFIG names gss-ntlmssp');
  return mech;
}

/** NTLM initiator credentials for the user file's entry, picked by name. */
function ntlmInitiator(name = 'user'): gss.Creds {
  const desired = gss.importNameSync(name, { nameType: NameType.user });
  return gss.acquireCredSync({ name: desired, usage: 'initiate', mechs: [ntlm()] }).creds;
}

/** NTLM acceptor credentials (the user file verifies the initiator). */
function ntlmAcceptor(): gss.Creds {
  return gss.acquireCredSync({ usage: 'accept', mechs: [ntlm()] }).creds;
}

/** Default initiator credentials: the krb5 TGT from the realm's cache, SPNEGO, and NTLM from the user file. */
function defaultInitiator(): gss.Creds {
  return gss.acquireCredSync({ usage: 'initiate' }).creds;
}

ntlmTest('the realm with ntlm: true offers NTLM beside krb5 and SPNEGO', (t) => {
  const mechs = gss.indicateMechsSync();
  t.is(ntlm().dottedForm, NTLM_OID);
  t.true(mechs.has(ntlm()));
  t.true(mechs.has(MechType.kerberos));
  t.true(mechs.has(MechType.spnego));
  const { mechs: held } = gss.acquireCredSync({ usage: 'initiate' });
  t.true(held.has(ntlm()) && held.has(MechType.kerberos) && held.has(MechType.spnego));
  t.truthy(fixture?.realm.env.NTLM_USER_FILE);
});

ntlmTest('raw NTLM with user-file credentials: three legs, both sides report NTLM', async (t) => {
  const creds = ntlmInitiator();
  const acceptorCreds = ntlmAcceptor();
  const done = establishSync({ init: { creds, mech: ntlm() }, accept: { acceptorCreds } });
  t.true(done.init.mech?.equals(ntlm()));
  t.true(done.accept.mech?.equals(ntlm()));
  // NEGOTIATE -> CHALLENGE -> AUTHENTICATE; the acceptor finishes without a token.
  t.deepEqual(
    done.legs.map((l) => l.side),
    ['init', 'accept', 'init', 'accept'],
  );
  t.is(done.accept.token, undefined);
  t.is(
    gss.displayNameSync(done.accept.initiatorName!).name,
    'KRBTEST\\user',
    'display name without the NUL gss-ntlmssp adds',
  );
  // The context protects messages both ways.
  const mic = gss.getMicSync(done.initiator, Buffer.from('over NTLM'));
  gss.verifyMicSync(done.acceptor, Buffer.from('over NTLM'), mic);

  const again = await establish({
    init: { creds: ntlmInitiator('KRBTEST\\user'), mech: ntlm() },
    accept: { acceptorCreds },
  });
  t.true(again.accept.mech?.equals(ntlm()));
});

ntlmTest('SPNEGO limited by setNegMechs to NTLM negotiates NTLM', async (t) => {
  const creds = defaultInitiator();
  gss.setNegMechsSync(creds, [ntlm()]);
  const done = establishSync({ init: { creds, mech: MechType.spnego } });
  t.true(done.init.mech?.equals(ntlm()));
  t.true(done.accept.mech?.equals(ntlm()));
  t.is(gss.displayNameSync(done.accept.initiatorName!).name, 'KRBTEST\\user');
  // Async form, one OID instead of a list.
  const creds2 = defaultInitiator();
  await gss.setNegMechs(creds2, ntlm());
  const done2 = await establish({ init: { creds: creds2, mech: MechType.spnego } });
  t.true(done2.accept.mech?.equals(ntlm()));
});

ntlmTest('SPNEGO limited by setNegMechs to krb5 negotiates krb5', (t) => {
  const creds = defaultInitiator();
  gss.setNegMechsSync(creds, [MechType.kerberos]);
  const done = establishSync({ init: { creds, mech: MechType.spnego } });
  t.true(done.init.mech?.equals(MechType.kerberos));
  t.true(done.accept.mech?.equals(MechType.kerberos));
  t.is(gss.displayNameSync(done.accept.initiatorName!).name, fixture!.realm.userPrincipal);
});

ntlmTest('setNegMechs switches one credential between NTLM and krb5, and the order is the preference', (t) => {
  const creds = defaultInitiator();
  const negotiated = (mechs: gss.OID[]) => {
    gss.setNegMechsSync(creds, mechs);
    return establishSync({ init: { creds, mech: MechType.spnego } }).accept.mech?.dottedForm;
  };
  t.is(negotiated([ntlm()]), NTLM_OID);
  t.is(negotiated([MechType.kerberos]), MechType.kerberos.dottedForm);
  t.is(negotiated([ntlm(), MechType.kerberos]), NTLM_OID);
  t.is(negotiated([MechType.kerberos, ntlm()]), MechType.kerberos.dottedForm);
});

ntlmTest(
  'an acceptor limited to krb5 refuses an initiator limited to NTLM; limited to NTLM it accepts NTLM',
  async (t) => {
    const acceptor = gss.acquireCredSync({ usage: 'accept' }).creds;
    gss.setNegMechsSync(acceptor, [MechType.kerberos]);
    const initiator = defaultInitiator();
    gss.setNegMechsSync(initiator, [ntlm()]);
    await failsWith(
      t,
      () => establishSync({ init: { creds: initiator, mech: MechType.spnego }, accept: { acceptorCreds: acceptor } }),
      gss.BadMechanismError,
    );

    // An unrestricted initiator offers krb5 first; the NTLM-only acceptor makes SPNEGO pick NTLM.
    const ntlmOnly = gss.acquireCredSync({ usage: 'accept' }).creds;
    gss.setNegMechsSync(ntlmOnly, [ntlm()]);
    const done = establishSync({
      init: { creds: defaultInitiator(), mech: MechType.spnego },
      accept: { acceptorCreds: ntlmOnly },
    });
    t.true(done.init.mech?.equals(ntlm()));
    t.true(done.accept.mech?.equals(ntlm()));
  },
);

ntlmTest(
  'setNegMechs needs a SPNEGO element: NTLM-only credentials raise OperationUnavailableError (MIT)',
  async (t) => {
    await failsWith(t, () => gss.setNegMechsSync(ntlmInitiator(), [ntlm()]), gss.OperationUnavailableError);
    // Credentials acquired for SPNEGO alone do take it.
    const spnego = gss.acquireCredSync({ usage: 'initiate', mechs: [MechType.spnego] }).creds;
    gss.setNegMechsSync(spnego, [ntlm()]);
    t.true(establishSync({ init: { creds: spnego, mech: MechType.spnego } }).accept.mech?.equals(ntlm()));
  },
);

ntlmTest('the NTLM SASL name round trips', async (t) => {
  const names = gss.inquireSaslnameForMechSync(ntlm());
  t.is(names.saslMechName, 'GS2-NTLM');
  t.is(names.mechName, 'NTLM');
  t.true((await gss.inquireMechForSaslname('GS2-NTLM')).equals(ntlm()));
  t.true(gss.inquireAttrsForMechSync(ntlm()).mechAttrs.size > 0);
});

ntlmTest(
  "the NTLM acceptor's initiator name: an NTLM mechanism name without attributes or local mapping",
  async (t) => {
    const done = establishSync({
      init: { creds: ntlmInitiator(), mech: ntlm() },
      accept: { acceptorCreds: ntlmAcceptor() },
    });
    const name = done.accept.initiatorName!;
    const inq = gss.inquireNameSync(name);
    t.true(inq.isMechName);
    t.true(inq.mech?.equals(ntlm()));
    t.deepEqual([...inq.attrNames], []);
    // gss-ntlmssp counts a NUL in its display length; displayNameExt drops it too.
    t.is(gss.displayNameExtSync(name, NameType.user), 'KRBTEST\\user');
    // gss-ntlmssp has no localname mapping.
    await failsWith(t, () => gss.localnameSync(name), gss.OperationUnavailableError);
  },
);

ntlmTest('the target name does not matter to NTLM (no service keys), SPNEGO or raw', (t) => {
  const target = gss.importNameSync('anything@localhost', { nameType: NameType.hostbasedService });
  const creds = defaultInitiator();
  gss.setNegMechsSync(creds, [ntlm()]);
  t.true(establishSync({ target, init: { creds, mech: MechType.spnego } }).accept.mech?.equals(ntlm()));
  t.true(
    establishSync({ target: hostTarget(), init: { creds: ntlmInitiator(), mech: ntlm() } }).accept.mech?.equals(ntlm()),
  );
});
