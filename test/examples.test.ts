/**
 * The demo of `npm run demo` runs to completion with its own throwaway realm
 * and shows a real krb5 negotiation through @gssapi/raw.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const root = fileURLToPath(new URL('..', import.meta.url));

test('examples/demo.ts negotiates krb5, wraps, unwraps and refuses a tampered MIC', async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'examples/demo.ts'], {
    cwd: root,
    timeout: 60_000,
  });
  t.regex(stdout, /client {2}initSecContext {3}-> \d+ byte token, more steps: true/);
  t.regex(stdout, /server {2}acceptSecContext -> \d+ byte token, more steps: false/);
  t.regex(stdout, /established: user@KRBTEST\.COM -> host\/localhost@KRBTEST\.COM/);
  t.regex(stdout, /mech 1\.2\.840\.113554\.1\.2\.2 \(Kerberos V5\), flags mutualAuthentication/);
  t.regex(stdout, /server unwrap -> "GET \/secret", encrypted: true/);
  t.regex(stdout, /a tampered message is refused: BadMICError/);
  t.regex(stdout, /realm stopped/);
});
