/**
 * The examples/high-*.ts programs: each type-checks against the built
 * @gssapi/high and runs to completion with its own throwaway realm.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../..', import.meta.url));

test('examples type-check (tsc --noEmit)', async (t) => {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    await run(process.execPath, [tsc, '--noEmit', '-p', 'test/high/tsconfig.examples.json'], { cwd: root });
    t.pass();
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    t.fail(`tsc reported errors:\n${stdout}${stderr}`);
  }
});

test('examples/high-tcp.ts negotiates over TCP and exchanges protected messages', async (t) => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'examples/high-tcp.ts'], {
    cwd: root,
    timeout: 60_000,
  });
  t.regex(stdout, /server {2}established: user@KRBTEST\.COM via krb5/);
  t.regex(stdout, /client {2}established with host\/localhost@KRBTEST\.COM/);
  t.regex(stdout, /server {2}request "GET \/secret"/);
  t.regex(stdout, /client {2}reply "here it is" \(signature verified\)/);
});
