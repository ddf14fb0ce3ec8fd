/**
 * Finding MIT Kerberos binaries and running them with a controlled environment.
 *
 * @packageDocumentation
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Directories searched after PATH: the admin tools live in sbin, which a non-root PATH often lacks. */
const EXTRA_DIRS = ['/usr/sbin', '/usr/bin', '/sbin'];

const INSTALL_HINT =
  'install MIT Kerberos: apt-get install krb5-kdc krb5-admin-server krb5-user ' +
  '(or run `bash scripts/setup-system.sh` in the gssapi repository)';

const found = new Map<string, string>();

/**
 * Returns the absolute path of an executable, searching PATH then /usr/sbin, /usr/bin and /sbin.
 * Results are cached per process.
 *
 * @throws Error naming the binary and the Debian packages to install when it is not found
 * @example
 * ```ts
 * const krb5kdc = findBinary('krb5kdc'); // '/usr/sbin/krb5kdc'
 * ```
 */
export function findBinary(name: string): string {
  const cached = found.get(name);
  if (cached) return cached;
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...EXTRA_DIRS];
  for (const dir of new Set(dirs)) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      if (!statSync(candidate).isFile()) continue;
    } catch {
      continue;
    }
    found.set(name, candidate);
    return candidate;
  }
  throw new Error(`k5test: cannot find \`${name}\` in PATH, ${EXTRA_DIRS.join(', ')}; ${INSTALL_HINT}`);
}

/** What a finished child process produced. */
export interface RunResult {
  /** Exit code, or `null` when it died from a signal. */
  code: number | null;
  /** Everything written to stdout, as UTF-8. */
  stdout: string;
  /** Everything written to stderr, as UTF-8. */
  stderr: string;
}

/**
 * Runs a binary found by {@link findBinary} with exactly `env` as its environment, writes `input`
 * (if any) to its stdin, and resolves when it exits. Never rejects for a non-zero exit: callers decide.
 *
 * @example
 * ```ts
 * const { code, stdout } = await run('klist', ['-k'], { env: { PATH: '/usr/bin', LANG: 'C' } });
 * ```
 */
export function run(
  name: string,
  args: readonly string[],
  options: { env: Record<string, string>; input?: string },
): Promise<RunResult> {
  let file: string;
  try {
    file = findBinary(name);
  } catch (error) {
    return Promise.reject(error);
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // the child may exit before reading its input (EPIPE)
    child.stdin.end(options.input ?? '');
  });
}
