import { execFile, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { CommandError, K5Realm, startRealm } from '@gssapi/k5test';
import test from 'ava';

const execFileAsync = promisify(execFile);

/** Runs a Kerberos tool against a realm: only the realm env plus PATH, like the library's own children. */
async function krb(realm: K5Realm, file: string, args: string[]): Promise<string> {
  const env = { ...realm.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/usr/bin:/sbin`, LANG: 'C' };
  const { stdout } = await execFileAsync(file, args, { env });
  return stdout;
}

/** A process is gone when it no longer exists or is a zombie nobody has reaped yet. */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
  try {
    return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

async function waitGone(pid: number, ms = 3000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    if (gone(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return gone(pid);
}

const ENV_KEYS = [
  'GSS_MECH_CONFIG',
  'KRB5CCNAME',
  'KRB5RCACHEDIR',
  'KRB5_CLIENT_KTNAME',
  'KRB5_CONFIG',
  'KRB5_KDC_PROFILE',
  'KRB5_KTNAME',
];

let shared: K5Realm;
let startMs = 0;

test.before(async () => {
  const t0 = performance.now();
  shared = await K5Realm.start();
  startMs = performance.now() - t0;
});

test.after.always(async () => {
  await shared?.stop();
});

test.serial('a realm starts in under 5 s', (t) => {
  t.log(`realm start: ${startMs.toFixed(1)} ms, KDC pid ${shared.kdcPid} on 127.0.0.1:${shared.kdcPort}`);
  t.true(startMs < 5000);
  t.true(shared.kdcPort > 0 && shared.kdcPort < 65536);
  t.true(shared.kdcPid > 0);
  t.is(shared.realm, 'KRBTEST.COM');
  t.is(shared.userPrincipal, 'user@KRBTEST.COM');
  t.is(shared.hostPrincipal, 'host/localhost@KRBTEST.COM');
  t.is(shared.httpPrincipal, 'HTTP/localhost@KRBTEST.COM');
});

test.serial('env has every variable, pointing into the realm dir', (t) => {
  const { env, dir } = shared;
  t.deepEqual(Object.keys(env).sort(), ENV_KEYS);
  t.true(Object.isFrozen(env));
  t.is(env.KRB5_CONFIG, shared.krb5Conf);
  t.is(env.KRB5_KDC_PROFILE, shared.kdcConf);
  t.is(env.KRB5CCNAME, `FILE:${shared.ccache}`);
  t.is(env.KRB5_KTNAME, `FILE:${shared.keytab}`);
  t.is(env.KRB5_CLIENT_KTNAME, `FILE:${shared.clientKeytab}`);
  t.is(env.KRB5RCACHEDIR, dir);
  for (const value of Object.values(env)) t.true(value.replace(/^FILE:/, '').startsWith(dir));
  // Without NTLM the mech file is absent, which disables every loadable mechanism.
  t.false(existsSync(env.GSS_MECH_CONFIG as string));
  const krb5Conf = readFileSync(shared.krb5Conf, 'utf8');
  t.regex(krb5Conf, new RegExp(`kdc = 127\\.0\\.0\\.1:${shared.kdcPort}`));
  t.regex(krb5Conf, /rdns = false/);
  t.regex(readFileSync(shared.kdcConf, 'utf8'), new RegExp(`kdc_tcp_listen = 127\\.0\\.0\\.1:${shared.kdcPort}`));
});

test.serial('the realm dir has mode 0700', (t) => {
  t.is(statSync(shared.dir).mode & 0o777, 0o700);
});

test.serial('the cache holds a forwardable TGT for the user', async (t) => {
  const list = await shared.klist();
  t.regex(list, /Default principal: user@KRBTEST\.COM/);
  t.regex(list, /krbtgt\/KRBTEST\.COM@KRBTEST\.COM/);
  t.regex(list, /Flags: \w*F/);
  t.is(await krb(shared, 'klist', ['-f']), list); // the same cache through KRB5CCNAME
});

test.serial('the keytab holds host/localhost and HTTP/localhost; the client keytab holds user', async (t) => {
  const keytab = await krb(shared, 'klist', ['-k', shared.keytab]);
  t.regex(keytab, /host\/localhost@KRBTEST\.COM/);
  t.regex(keytab, /HTTP\/localhost@KRBTEST\.COM/);
  const client = await krb(shared, 'klist', ['-k', shared.clientKeytab]);
  t.regex(client, /user@KRBTEST\.COM/);
});

test.serial('kvno host/localhost succeeds with the realm env', async (t) => {
  const out = await krb(shared, 'kvno', [shared.hostPrincipal]);
  t.regex(out, /host\/localhost@KRBTEST\.COM: kvno = \d+/);
  t.regex(await shared.klist(), /host\/localhost@KRBTEST\.COM/);
});

test.serial('services may do S4U2Self; the user has no special flags', async (t) => {
  t.regex(await shared.kadmin(`getprinc ${shared.httpPrincipal}`), /Attributes:.*OK_TO_AUTH_AS_DELEGATE/);
  t.regex(await shared.kadmin(`getprinc ${shared.hostPrincipal}`), /Attributes:.*OK_TO_AUTH_AS_DELEGATE/);
  t.regex(await shared.kadmin('getprinc user'), /Attributes:\s*\n/);
});

test.serial('addPrincipal with a password, then kinit with it', async (t) => {
  const alice = await shared.addPrincipal('alice', { password: 'alice secret' });
  t.is(alice, 'alice@KRBTEST.COM');
  t.is(shared.password('alice'), 'alice secret');
  t.is(shared.password(shared.userPrincipal), shared.userPassword);
  const ccache = path.join(shared.dir, 'alice.ccache');
  await shared.kinit(alice, { ccache });
  t.regex(await shared.klist(ccache), /Default principal: alice@KRBTEST\.COM/);
  await t.throwsAsync(shared.kinit(alice, { ccache, password: 'wrong' }), { instanceOf: CommandError });
});

test.serial('addPrincipal with random keys into the keytab, then kinit from the keytab', async (t) => {
  const svc = await shared.addPrincipal('svc/localhost', { keytab: true, flags: ['+ok_to_auth_as_delegate'] });
  t.is(svc, 'svc/localhost@KRBTEST.COM');
  t.regex(await krb(shared, 'klist', ['-k', shared.keytab]), /svc\/localhost@KRBTEST\.COM/);
  t.throws(() => shared.password(svc), { message: /no password known/ });
  const ccache = path.join(shared.dir, 'svc.ccache');
  await shared.kinit(svc, { keytab: true, ccache });
  t.regex(await shared.klist(ccache), /Default principal: svc\/localhost@KRBTEST\.COM/);
  await shared.kinit(shared.userPrincipal, { keytab: true, ccache });
  t.regex(await shared.klist(ccache), /Default principal: user@KRBTEST\.COM/);
});

test.serial('kadmin rejects with stderr when a query fails', async (t) => {
  const error = await t.throwsAsync(shared.kadmin('getprinc nobody'), { instanceOf: CommandError });
  t.regex(error?.stderr ?? '', /Principal does not exist/);
  await t.throwsAsync(shared.addPrincipal('alice'), { message: /already exists/ });
  t.throws(() => shared.password('bad name'), { instanceOf: RangeError });
});

test.serial('applyEnv writes the env and restores the previous values', (t) => {
  const before = { ...process.env };
  process.env.NTLM_USER_FILE = '/elsewhere';
  const restore = shared.applyEnv();
  for (const [key, value] of Object.entries(shared.env)) t.is(process.env[key], value);
  t.is(process.env.NTLM_USER_FILE, undefined);
  restore();
  t.is(process.env.NTLM_USER_FILE, '/elsewhere');
  delete process.env.NTLM_USER_FILE;
  t.deepEqual({ ...process.env }, before);
});

test('ntlm: GSS_MECH_CONFIG names gssntlmssp and NTLM_USER_FILE holds the user', async (t) => {
  await using realm = await startRealm({ ntlm: true, kinit: false });
  t.deepEqual(Object.keys(realm.env).sort(), [...ENV_KEYS, 'NTLM_USER_FILE'].sort());
  const mech = readFileSync(realm.env.GSS_MECH_CONFIG as string, 'utf8');
  const line = mech.split('\n').find((l) => l && !l.startsWith('#')) ?? '';
  const [name, oid, library] = line.split(/\s+/);
  t.regex(name ?? '', /ntlmssp/);
  t.is(oid, '1.3.6.1.4.1.311.2.2.10');
  t.regex(library ?? '', /gssntlmssp\.so$/);
  t.true(existsSync(library ?? ''));
  t.is(readFileSync(realm.env.NTLM_USER_FILE as string, 'utf8'), `KRBTEST:user:${realm.userPassword}\n`);
  await t.throwsAsync(realm.klist()); // kinit: false leaves the cache empty
});

test('two realms run at once on different ports', async (t) => {
  const [a, b] = await Promise.all([startRealm(), startRealm({ realm: 'OTHER.TEST', tracing: true })]);
  try {
    t.not(a.kdcPort, b.kdcPort);
    t.not(a.dir, b.dir);
    t.not(a.userPassword, b.userPassword);
    t.is(b.userPrincipal, 'user@OTHER.TEST');
    t.regex(await krb(a, 'kvno', [a.httpPrincipal]), /HTTP\/localhost@KRBTEST\.COM/);
    t.regex(await krb(b, 'kvno', [b.hostPrincipal]), /host\/localhost@OTHER\.TEST/);
    t.is(b.env.KRB5_TRACE, path.join(b.dir, 'trace.log'));
    t.true(existsSync(b.env.KRB5_TRACE as string));
  } finally {
    await Promise.all([a.stop(), b.stop()]);
  }
});

test('stop kills the KDC, removes the dir, and may be called twice', async (t) => {
  const realm = await startRealm({ kinit: false, kdcArgs: ['-T', '-3600'], maxLife: '2h' });
  const { kdcPid, dir } = realm;
  t.notThrows(() => process.kill(kdcPid, 0));
  await realm.stop();
  t.throws(() => process.kill(kdcPid, 0), { code: 'ESRCH' });
  t.false(existsSync(dir));
  await t.notThrowsAsync(realm.stop());
  await t.throwsAsync(realm.kadmin('listprincs'), { message: /stopped/ });
});

/** Starts a realm in a child Node process, which then ends the way `ending` says. */
async function realmInChild(ending: 'throw' | 'sigterm'): Promise<{ pid: number; dir: string; status: string }> {
  const script = `
    const { K5Realm } = await import(process.env.K5TEST_URL);
    const realm = await K5Realm.start({ kinit: false });
    process.stdout.write(JSON.stringify({ pid: realm.kdcPid, dir: realm.dir }) + '\\n');
    if (process.env.ENDING === 'throw') setTimeout(() => { throw new Error('test crash'); }, 10);
    else setInterval(() => {}, 1000);
  `;
  const env = { ...process.env, K5TEST_URL: import.meta.resolve('@gssapi/k5test'), ENDING: ending };
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const info = await new Promise<{ pid: number; dir: string }>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(JSON.parse(out));
    });
    child.once('exit', () => reject(new Error(`child exited early: ${out}`)));
  });
  if (ending === 'sigterm') child.kill('SIGTERM');
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve([child.exitCode, child.signalCode]);
    else child.once('exit', (c, s) => resolve([c, s]));
  });
  return { ...info, status: String(signal ?? code) };
}

test('a crashing process leaves no KDC or dir behind', async (t) => {
  const { pid, dir, status } = await realmInChild('throw');
  t.is(status, '1');
  t.true(await waitGone(pid));
  t.false(existsSync(dir));
});

test('SIGTERM to the process leaves no KDC or dir behind, and still ends it by SIGTERM', async (t) => {
  const { pid, dir, status } = await realmInChild('sigterm');
  t.is(status, 'SIGTERM');
  t.true(await waitGone(pid));
  t.false(existsSync(dir));
});
