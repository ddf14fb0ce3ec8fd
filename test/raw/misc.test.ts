/**
 * @gssapi/raw mechanism queries, status text, the loaded library, the OID
 * constants, the error class chosen for real failures, and NODE_DEBUG tracing.
 * The realm is started without NTLM: its GSS_MECH_CONFIG names a file that does
 * not exist, so only MIT's built-in mechanisms load.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { runNode } from '../helpers/child.js';
import { establishSync, failsWith, flipped } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test, { ntlm: false });

const { MechType, NameType, GSS_S } = gss;
const NTLM = gss.OID.fromIntSeq('1.3.6.1.4.1.311.2.2.10');
const REPO = fileURLToPath(new URL('../..', import.meta.url));
/** MIT's com_err base of the krb5 error table (ERROR_TABLE_BASE_krb5), as an unsigned minor status. */
const KRB5_ERROR_BASE = 0x96c73a00;
/** KRB5KRB_AP_ERR_REPEAT, the krb5 error "Request is a replay". */
const KRB5KRB_AP_ERR_REPEAT = (KRB5_ERROR_BASE + 34) >>> 0;

test('indicateMechs has krb5 and SPNEGO, and no NTLM when GSS_MECH_CONFIG names a missing file', async (t) => {
  const mechConfig = process.env.GSS_MECH_CONFIG;
  t.is(mechConfig, fixture.realm.env.GSS_MECH_CONFIG);
  t.truthy(mechConfig);
  t.false(existsSync(mechConfig as string), 'the mech file must not exist for this test');

  const mechs = await gss.indicateMechs();
  t.true(mechs.has(MechType.kerberos));
  t.true(mechs.has(MechType.spnego));
  t.false(mechs.has(NTLM));
  t.is(MechType.ntlm, undefined);
  const sync = gss.indicateMechsSync();
  t.deepEqual(
    sync
      .toArray()
      .map((m) => m.dottedForm)
      .sort(),
    mechs
      .toArray()
      .map((m) => m.dottedForm)
      .sort(),
  );
});

test('MechType values have their RFC dotted forms', (t) => {
  t.is(MechType.kerberos.dottedForm, '1.2.840.113554.1.2.2');
  t.is(MechType.spnego.dottedForm, '1.3.6.1.5.5.2');
  // MIT 1.20 builds in IAKERB and lists it in indicate_mechs.
  t.is(MechType.iakerb?.dottedForm, '1.3.6.1.5.2.5');
  t.true(gss.indicateMechsSync().has(MechType.iakerb as gss.OID));
  t.is(MechType.kerberos.bytes.toString('hex'), '2a864886f712010202');
});

test('NameType values have their RFC dotted forms', (t) => {
  t.is(NameType.hostbasedService.dottedForm, '1.2.840.113554.1.2.1.4');
  t.is(NameType.user.dottedForm, '1.2.840.113554.1.2.1.1');
  t.is(NameType.machineUid.dottedForm, '1.2.840.113554.1.2.1.2');
  t.is(NameType.stringUid.dottedForm, '1.2.840.113554.1.2.1.3');
  t.is(NameType.anonymous.dottedForm, '1.3.6.1.5.6.3');
  t.is(NameType.export.dottedForm, '1.3.6.1.5.6.4');
  t.is(NameType.kerberosPrincipal.dottedForm, '1.2.840.113554.1.2.2.1');
  // MIT exports GSS_C_NT_COMPOSITE_EXPORT (RFC 6680).
  t.is(NameType.compositeExport?.dottedForm, '1.3.6.1.5.6.6');
  t.true(Object.isFrozen(NameType));
  t.true(Object.isFrozen(MechType));
});

test('the name type constants agree with what the library reports for krb5', (t) => {
  const krb5Types = gss.inquireNamesForMechSync(MechType.kerberos);
  for (const nt of [NameType.hostbasedService, NameType.user, NameType.kerberosPrincipal, NameType.export]) {
    t.true(krb5Types.has(nt), nt.dottedForm);
  }
});

test('inquireNamesForMech for SPNEGO and for an unknown mechanism', async (t) => {
  const spnego = await gss.inquireNamesForMech(MechType.spnego);
  t.true(spnego.has(NameType.hostbasedService));
  const err = (await failsWith(
    t,
    () => gss.inquireNamesForMechSync(gss.OID.fromIntSeq('1.2.3.4')),
    gss.GSSError,
  )) as gss.GSSError;
  t.true(err instanceof gss.BadMechanismError, `${err.name} ${err.code}`);
});

test('displayStatus of a major code (0x60000)', async (t) => {
  const result = await gss.displayStatus(0x60000, true);
  t.is(result.message, 'A token had an invalid Message Integrity Check (MIC)');
  t.is(result.messageContext, 0);
  t.false(result.moreMessages);
  t.true(Object.isFrozen(result));
  t.deepEqual(gss.displayStatusSync(GSS_S.BAD_MIC, true), result);
});

test('displayStatus messageContext loop walks every part of a major status', (t) => {
  const major = GSS_S.CALL_INACCESSIBLE_READ | GSS_S.DEFECTIVE_TOKEN | GSS_S.DUPLICATE_TOKEN | GSS_S.UNSEQ_TOKEN;
  const messages: string[] = [];
  let messageContext = 0;
  for (let round = 0; round < 10; round++) {
    const r = gss.displayStatusSync(major, true, { messageContext });
    messages.push(r.message);
    t.is(r.moreMessages, r.messageContext !== 0);
    messageContext = r.messageContext;
    if (!r.moreMessages) break;
  }
  t.is(messageContext, 0, 'the loop ends');
  t.deepEqual(messages, [
    'A required input parameter could not be read',
    'Invalid token was supplied',
    'The token was a duplicate of an earlier token',
    'A later token has already been processed',
  ]);
});

test('a GSSError carries the same major texts as the displayStatus loop', async (t) => {
  const err = (await failsWith(
    t,
    () => gss.importSecContextSync(Buffer.from('not a context')),
    gss.GSSError,
  )) as gss.GSSError;
  const loop: string[] = [];
  let messageContext = 0;
  do {
    const r = gss.displayStatusSync(err.major, true, { messageContext });
    loop.push(r.message);
    messageContext = r.messageContext;
  } while (messageContext !== 0);
  t.deepEqual([...err.majorMessages], loop);
});

// Serial (ava runs serial tests before the concurrent ones): it needs a process
// in which MIT has not produced this minor code yet.
test.serial('displayStatus of a krb5 minor code works once MIT has reported it', async (t) => {
  // MIT's mechglue keeps a map of the mechanism minor codes it has returned and
  // only displays those: an unseen code is GSS_S_BAD_STATUS, with or without
  // the mechanism (checked: same result from C).
  const unseen = (await failsWith(
    t,
    () => gss.displayStatusSync(KRB5KRB_AP_ERR_REPEAT, false, { mech: MechType.kerberos }),
    gss.BadStatusError,
  )) as gss.GSSError;
  t.is(unseen.code, 'GSS_S_BAD_STATUS');

  // Make MIT return KRB5KRB_AP_ERR_REPEAT: accept one AP-REQ twice.
  const first = gss.initSecContextSync(gss.importNameSync('host@localhost', { nameType: NameType.hostbasedService }), {
    flags: 0,
  });
  gss.acceptSecContextSync(first.token as Buffer);
  const replay = (await failsWith(
    t,
    () => gss.acceptSecContextSync(first.token as Buffer),
    gss.GSSError,
  )) as gss.GSSError;
  t.is(replay.minor, KRB5KRB_AP_ERR_REPEAT);

  const withMech = await gss.displayStatus(KRB5KRB_AP_ERR_REPEAT, false, { mech: MechType.kerberos });
  t.is(withMech.message, 'Request is a replay');
  t.false(withMech.moreMessages);
  t.is(gss.displayStatusSync(KRB5KRB_AP_ERR_REPEAT, false).message, 'Request is a replay');
});

test('displayStatus of an undefined major code', (t) => {
  // MIT does not fail here: gss_display_status returns GSS_S_COMPLETE with this
  // text (checked with a C program), so there is no BadStatusError to expect.
  t.is(gss.displayStatusSync(0x7f000000, true).message, 'An invalid status code was supplied');
});

test('displayStatus arguments are validated', async (t) => {
  t.throws(() => gss.displayStatusSync(0x60000, 'yes' as never), { instanceOf: TypeError, message: /isMajor/ });
  t.throws(() => gss.displayStatusSync(-1, true), { instanceOf: RangeError, message: /^code/ });
  t.throws(() => gss.displayStatusSync(2 ** 32, true), { instanceOf: RangeError, message: /^code/ });
  t.throws(() => gss.displayStatusSync('0x60000' as never, true), { instanceOf: TypeError, message: /^code/ });
  t.throws(() => gss.displayStatusSync(0x60000, true, { messageContext: 1.5 }), {
    instanceOf: RangeError,
    message: /options\.messageContext/,
  });
  t.throws(() => gss.displayStatusSync(0x60000, false, { mech: 'krb5' as never }), {
    instanceOf: RangeError,
    message: /options\.mech/,
  });
  await failsWith(t, () => gss.displayStatus(0x60000, 1 as never), TypeError, /isMajor/);
});

test('libraryInfo describes the loaded MIT library', (t) => {
  const info = gss.libraryInfo();
  t.is(info.path, process.env.GSSAPI_LIBRARY ?? 'libgssapi_krb5.so.2');
  t.true(Object.isFrozen(info));
  t.true(Object.values(info.functions).every((v) => typeof v === 'boolean'));
  t.true(Object.keys(info.functions).length > 0);
  // The OID constants are read from the library itself.
  t.is(info.oids.GSS_C_NT_HOSTBASED_SERVICE, '1.2.840.113554.1.2.1.4');
  t.is(info.oids.gss_mech_krb5, MechType.kerberos.dottedForm);
  // Loading again with the same (or no) library name returns the same library.
  t.is(gss.loadLibrary().path, info.path);
  t.throws(() => gss.loadLibrary({ library: 'libgssapi.so.3' }), { message: /already loaded/ });
});

test('real failures get the class of python-gssapi precedence (calling > routine > supplementary)', async (t) => {
  // Calling error with a routine error that has no combined class: the calling class wins.
  const malformed = (await failsWith(
    t,
    () => gss.importSecContextSync(Buffer.from('garbage')),
    gss.MalformedParameterError,
  )) as gss.GSSError;
  t.is(malformed.code, 'GSS_S_CALL_BAD_STRUCTURE|GSS_S_DEFECTIVE_TOKEN');
  t.false(malformed instanceof gss.InvalidTokenError);

  // Calling READ + NO_CONTEXT: the combined class, which is both a read error and a missing context.
  const pair = establishSync({ init: { flags: 0 } });
  gss.exportSecContextSync(pair.acceptor);
  const noContext = (await failsWith(
    t,
    () => gss.getMicSync(pair.acceptor, 'x'),
    gss.ContextReadError,
  )) as gss.GSSError;
  t.is(noContext.name, 'ContextReadError');
  t.true(noContext instanceof gss.ParameterReadError);
  t.true(noContext instanceof gss.MissingContextError);
  t.is(noContext.callingCode, GSS_S.CALL_INACCESSIBLE_READ);
  t.is(noContext.routineCode, GSS_S.NO_CONTEXT);

  // Routine error only.
  const other = establishSync({ init: { flags: 0 } });
  const badMic = (await failsWith(
    t,
    () => gss.verifyMicSync(other.acceptor, 'x', flipped(gss.getMicSync(other.initiator, 'x'), -1)),
    gss.BadMICError,
  )) as gss.GSSError;
  t.is(badMic.code, 'GSS_S_BAD_MIC');
  t.is(badMic.callingCode, 0);

  // GSS_S_FAILURE: plain GSSError.
  const nosuch = gss.importNameSync('nosuch@localhost', { nameType: NameType.hostbasedService });
  const failure = (await t.throwsAsync(gss.initSecContext(nosuch), { instanceOf: gss.GSSError })) as gss.GSSError;
  t.is(failure.name, 'GSSError');
  t.is(Object.getPrototypeOf(failure), gss.GSSError.prototype);

  // Supplementary only.
  const strict = establishSync({
    init: { flags: [gss.RequirementFlag.replayDetection, gss.RequirementFlag.outOfSequenceDetection] },
  });
  const token = gss.wrapSync(strict.initiator, 'once').message;
  gss.unwrapSync(strict.acceptor, token);
  const dup = (await failsWith(
    t,
    () => gss.unwrapSync(strict.acceptor, token),
    gss.DuplicateTokenError,
  )) as gss.GSSError;
  t.is(dup.name, 'DuplicateTokenError');
  t.is(dup.callingCode, 0);
  t.is(dup.routineCode, 0);

  for (const err of [malformed, noContext, failure, dup]) {
    t.true(err instanceof Error);
    t.true(err instanceof gss.GSSError);
    t.is(typeof err.stack, 'string');
    t.true(err.major > 0 && Number.isInteger(err.major));
  }
});

test('NODE_DEBUG=gssapi traces calls without token bytes', async (t) => {
  const script = [
    "import * as gss from '@gssapi/raw';",
    "const n = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });",
    'const first = gss.initSecContextSync(n, { flags: 0 });',
    "process.stdout.write(first.token.toString('hex'));",
    'await gss.displayName(n);',
  ].join('\n');
  const child = await runNode(['--input-type=module', '-e', script], { cwd: REPO, env: { NODE_DEBUG: 'gssapi' } });
  t.is(child.status, 0, child.stderr);
  const tokenHex = child.stdout.trim();
  t.true(tokenHex.length > 100);
  t.regex(child.stderr, /GSSAPI \d+: importName \(sync\): ok/);
  t.regex(child.stderr, /GSSAPI \d+: initSecContext \(sync\): ok/);
  t.regex(child.stderr, /GSSAPI \d+: displayName \(async\): ok/);
  t.false(child.stderr.includes(tokenHex.slice(40, 80)), 'no token bytes in the trace');
});
