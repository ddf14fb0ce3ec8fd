/**
 * `@gssapi/k5test`: a throwaway MIT Kerberos realm for tests, examples and your own test suites.
 *
 * A realm is a private directory (mode 0700) holding the KDC database, both profiles, a keytab with
 * `host/localhost` and `HTTP/localhost`, a client keytab and a ticket cache for `user`, plus a KDC
 * listening on free ports of 127.0.0.1. {@link K5Realm.env} is everything libkrb5 and libgssapi need
 * to use it.
 *
 * @example
 * ```ts
 * import { K5Realm } from '@gssapi/k5test';
 *
 * await using realm = await K5Realm.start();
 * const restore = realm.applyEnv(); // this process now talks to the throwaway KDC
 * // ... acquire credentials, establish contexts ...
 * restore();
 * ```
 *
 * @packageDocumentation
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { registerCleanup } from './cleanup.js';
import { kdcConf, krb5Conf, ntlmMechConf } from './config.js';
import { boundSocketCount, freePort } from './ports.js';
import { findBinary, run } from './process.js';

export { freePort } from './ports.js';

/**
 * How to build a realm. Every field is optional.
 *
 * @example
 * ```ts
 * const options: RealmOptions = { realm: 'EXAMPLE.TEST', ntlm: true, tracing: true };
 * const realm = await K5Realm.start(options);
 * ```
 */
export interface RealmOptions {
  /** Realm name (letters, digits, `.`, `_`, `-`). Default `'KRBTEST.COM'`. */
  realm?: string;
  /**
   * Enable gss-ntlmssp. Default `false`: GSS_MECH_CONFIG names a file that does not exist, so only the
   * built-in mechanisms (krb5, IAKERB, SPNEGO) load. `true`: GSS_MECH_CONFIG is a file naming
   * gss-ntlmssp and NTLM_USER_FILE holds `DOMAIN:user:password` for the user principal, where DOMAIN is
   * the realm's first label (`KRBTEST`).
   */
  ntlm?: boolean;
  /** Get a forwardable TGT for the user principal into the ticket cache. Default `true`. */
  kinit?: boolean;
  /** Extra krb5kdc arguments, e.g. `['-T', '-3600']` to run the KDC's clock an hour behind. */
  kdcArgs?: string[];
  /** Maximum ticket life (kdc.conf `max_life`), in krb5 duration syntax. Default `'1d'`. */
  maxLife?: string;
  /** Ticket life requested by the initial kinit (`kinit -l`) and by default (krb5.conf `ticket_lifetime`). */
  ticketLifetime?: string;
  /** Set KRB5_TRACE to `<dir>/trace.log` in {@link K5Realm.env}. Default `false`. */
  tracing?: boolean;
  /** Parent directory of the realm directory. Default `os.tmpdir()`. */
  tmpDir?: string;
}

/**
 * Options of {@link K5Realm.addPrincipal}.
 *
 * @example
 * ```ts
 * const opts: AddPrincipalOptions = { keytab: true, flags: ['+ok_to_auth_as_delegate'] };
 * await realm.addPrincipal('svc/localhost', opts);
 * ```
 */
export interface AddPrincipalOptions {
  /** Password to set; without it the principal gets random keys (`-randkey`). */
  password?: string;
  /** Also write its keys to a keytab: `true` for the realm keytab ({@link K5Realm.keytab}), or a path. */
  keytab?: string | boolean;
  /** Extra `addprinc` options, e.g. `['+ok_to_auth_as_delegate']` or `['-requires_preauth']`. */
  flags?: string[];
}

/**
 * Options of {@link K5Realm.kinit}.
 *
 * @example
 * ```ts
 * const opts: KinitOptions = { keytab: true, ccache: path.join(realm.dir, 'svc.ccache') };
 * await realm.kinit(realm.hostPrincipal, opts);
 * ```
 */
export interface KinitOptions {
  /** Password; default the one this realm set for the principal. Ignored when `keytab` is given. */
  password?: string;
  /**
   * Authenticate with a keytab (`kinit -k -t`): `true` for the keytab this realm last wrote the principal
   * into (the client keytab for the user, else the realm keytab), or a path.
   */
  keytab?: string | boolean;
  /** Ticket cache to fill (`kinit -c`). Default {@link K5Realm.ccache}. */
  ccache?: string;
  /** Extra kinit options, e.g. `['-f']`, `['-l', '10m']`, `['-r', '2d']`. */
  flags?: string[];
}

/**
 * A Kerberos command (kadmin.local, kinit, klist, ...) that failed. The message includes its stderr.
 *
 * @example
 * ```ts
 * try {
 *   await realm.kadmin('getprinc nobody');
 * } catch (error) {
 *   if (error instanceof CommandError) console.log(error.stderr);
 * }
 * ```
 */
export class CommandError extends Error {
  override readonly name = 'CommandError';
  /**
   * @param command the command line, for the message
   * @param code exit code, or `null` when the command died from a signal
   * @param stdout what it printed on stdout
   * @param stderr what it printed on stderr
   */
  constructor(
    readonly command: string,
    readonly code: number | null,
    readonly stdout: string,
    readonly stderr: string,
  ) {
    super(`k5test: \`${command}\` failed (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  }
}

/** krb5kdc prints this once its sockets are set up. */
const KDC_READY = 'starting...';
const KDC_READY_TIMEOUT_MS = 10_000;
/** How many ports to try when the KDC cannot have its port to itself. */
const KDC_START_ATTEMPTS = 3;
const KDC_STOP_GRACE_MS = 2_000;
/** Sockets one KDC owns on its port: one UDP, one TCP listener. */
const KDC_SOCKETS = 2;
const REALM_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const PRINCIPAL_NAME = /^[^\s"\\@]+(@[^\s"\\@]+)?$/;

/** Internal: the KDC died before it was ready, or shares its port; retrying on new ports may help. */
class KdcPortError extends Error {}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

/** Double-quotes a kadmin argument; kadmin's parser has no escapes, so `"` and `\` are refused. */
function quote(value: string, what: string): string {
  if (/["\\\r\n]/.test(value)) throw new RangeError(`k5test: ${what} must not contain '"', '\\' or newlines`);
  return `"${value}"`;
}

function readOr(file: string, fallback: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return fallback;
  }
}

function unrefStream(stream: unknown): void {
  (stream as { unref?: () => void } | null)?.unref?.();
}

/**
 * A running throwaway MIT realm. Create one with {@link K5Realm.start} (or {@link startRealm}); end it
 * with {@link K5Realm.stop} or `await using`.
 *
 * Invariants: while the realm is live its KDC runs and {@link K5Realm.dir} exists; after `stop()` neither
 * does. If the process exits first (even by an uncaught exception or SIGINT/SIGTERM), a synchronous
 * handler kills the KDC by pid and deletes the directory.
 *
 * @example
 * ```ts
 * const realm = await K5Realm.start({ realm: 'KRBTEST.COM' });
 * try {
 *   console.log(await realm.klist()); // user@KRBTEST.COM's TGT
 * } finally {
 *   await realm.stop();
 * }
 * ```
 */
export class K5Realm implements AsyncDisposable {
  /**
   * The realm name.
   * @example
   * ```ts
   * realm.realm; // 'KRBTEST.COM'
   * ```
   */
  readonly realm: string;
  /**
   * The realm directory (mode 0700), holding every file of the realm; removed by `stop()`.
   * @example
   * ```ts
   * fs.readFileSync(path.join(realm.dir, 'kdc.log'), 'utf8');
   * ```
   */
  readonly dir: string;
  /**
   * Environment pointing libkrb5/libgssapi at this realm: KRB5_CONFIG, KRB5_KDC_PROFILE, KRB5CCNAME
   * (`FILE:`), KRB5_KTNAME (`FILE:`), KRB5_CLIENT_KTNAME (`FILE:`), KRB5RCACHEDIR, GSS_MECH_CONFIG,
   * plus NTLM_USER_FILE with `ntlm` and KRB5_TRACE with `tracing`. Frozen.
   * @example
   * ```ts
   * execFileSync('kvno', [realm.hostPrincipal], { env: { ...realm.env, PATH: process.env.PATH } });
   * ```
   */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The user principal, created with a password, with a TGT in the cache (unless `kinit: false`) and
   * keys in the client keytab.
   * @example
   * ```ts
   * realm.userPrincipal; // 'user@KRBTEST.COM'
   * ```
   */
  readonly userPrincipal: string;
  /**
   * The user principal's password (random per realm).
   * @example
   * ```ts
   * await realm.kinit(realm.userPrincipal, { password: realm.userPassword });
   * ```
   */
  readonly userPassword: string;
  /**
   * `host/localhost@REALM`, random keys, in the realm keytab, flagged `ok_to_auth_as_delegate` (S4U2Self).
   * @example
   * ```ts
   * realm.hostPrincipal; // 'host/localhost@KRBTEST.COM'
   * ```
   */
  readonly hostPrincipal: string;
  /**
   * `HTTP/localhost@REALM`, random keys, in the realm keytab, flagged `ok_to_auth_as_delegate` (S4U2Self).
   * @example
   * ```ts
   * realm.httpPrincipal; // 'HTTP/localhost@KRBTEST.COM'
   * ```
   */
  readonly httpPrincipal: string;
  /**
   * Path of the acceptor keytab (KRB5_KTNAME without its `FILE:` prefix).
   * @example
   * ```ts
   * await realm.addPrincipal('svc/localhost', { keytab: realm.keytab });
   * ```
   */
  readonly keytab: string;
  /**
   * Path of the client keytab (KRB5_CLIENT_KTNAME without `FILE:`), holding the user principal's keys.
   * @example
   * ```ts
   * await realm.kinit(realm.userPrincipal, { keytab: realm.clientKeytab });
   * ```
   */
  readonly clientKeytab: string;
  /**
   * Path of the default ticket cache (KRB5CCNAME without `FILE:`).
   * @example
   * ```ts
   * await realm.klist(realm.ccache);
   * ```
   */
  readonly ccache: string;
  /**
   * Path of the client profile (KRB5_CONFIG).
   * @example
   * ```ts
   * fs.readFileSync(realm.krb5Conf, 'utf8');
   * ```
   */
  readonly krb5Conf: string;
  /**
   * Path of the KDC profile (KRB5_KDC_PROFILE).
   * @example
   * ```ts
   * fs.readFileSync(realm.kdcConf, 'utf8');
   * ```
   */
  readonly kdcConf: string;

  readonly #options: RealmOptions;
  readonly #masterPassword = randomBytes(16).toString('hex');
  /** Full principal name -> the password this realm set for it. */
  readonly #passwords = new Map<string, string>();
  /** Full principal name -> the keytab this realm last wrote its keys to. */
  readonly #keytabs = new Map<string, string>();
  #kdc: ChildProcess | undefined;
  #kdcPid = 0;
  #kdcPort = 0;
  #stopping: Promise<void> | undefined;
  readonly #unregister: () => void;

  private constructor(realm: string, dir: string, options: RealmOptions) {
    this.realm = realm;
    this.dir = dir;
    this.#options = options;
    const file = (name: string) => path.join(dir, name);
    this.krb5Conf = file('krb5.conf');
    this.kdcConf = file('kdc.conf');
    this.keytab = file('keytab');
    this.clientKeytab = file('client.keytab');
    this.ccache = file('ccache');
    this.userPrincipal = `user@${realm}`;
    this.userPassword = randomBytes(16).toString('hex');
    this.hostPrincipal = `host/localhost@${realm}`;
    this.httpPrincipal = `HTTP/localhost@${realm}`;
    const env: Record<string, string> = {
      KRB5_CONFIG: this.krb5Conf,
      KRB5_KDC_PROFILE: this.kdcConf,
      KRB5CCNAME: `FILE:${this.ccache}`,
      KRB5_KTNAME: `FILE:${this.keytab}`,
      KRB5_CLIENT_KTNAME: `FILE:${this.clientKeytab}`,
      KRB5RCACHEDIR: dir,
      // Without NTLM this file is never written: a missing GSS_MECH_CONFIG file means no loadable mechs.
      GSS_MECH_CONFIG: file('mech.conf'),
    };
    if (options.ntlm) env.NTLM_USER_FILE = file('ntlm_users');
    if (options.tracing) env.KRB5_TRACE = file('trace.log');
    this.env = Object.freeze(env);
    this.#unregister = registerCleanup(() => {
      // Synchronous last resort at process exit: cannot wait for SIGTERM to work, so SIGKILL.
      if (this.#kdc && isRunning(this.#kdc)) {
        try {
          process.kill(this.#kdcPid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    });
  }

  /**
   * Creates the realm directory, database, principals and keytabs, starts the KDC on free ports and
   * (by default) gets the user a forwardable TGT. On any failure everything created is removed and the
   * promise rejects.
   *
   * @example
   * ```ts
   * const realm = await K5Realm.start({ ntlm: true });
   * ```
   */
  static async start(options: RealmOptions = {}): Promise<K5Realm> {
    const name = options.realm ?? 'KRBTEST.COM';
    if (!REALM_NAME.test(name)) throw new RangeError(`k5test: invalid realm name ${JSON.stringify(name)}`);
    // Fail on a missing binary before touching the disk.
    for (const binary of ['kdb5_util', 'kadmin.local', 'krb5kdc', 'kinit']) findBinary(binary);
    const dir = await mkdtemp(path.join(options.tmpDir ?? os.tmpdir(), 'k5test-'));
    await chmod(dir, 0o700);
    const realm = new K5Realm(name, dir, options);
    try {
      await realm.#create();
    } catch (error) {
      await realm.stop();
      throw error;
    }
    return realm;
  }

  /**
   * The UDP and TCP port of the KDC on 127.0.0.1.
   * @example
   * ```ts
   * console.log(`KDC at 127.0.0.1:${realm.kdcPort}`);
   * ```
   */
  get kdcPort(): number {
    return this.#kdcPort;
  }

  /**
   * Process id of krb5kdc (still readable after `stop()`).
   * @example
   * ```ts
   * process.kill(realm.kdcPid, 0); // throws ESRCH once the realm is stopped
   * ```
   */
  get kdcPid(): number {
    return this.#kdcPid;
  }

  async #create(): Promise<void> {
    const domain = this.realm.split('.')[0] ?? this.realm;
    await writeFile(path.join(this.dir, 'kadm5.acl'), `*/admin@${this.realm} *\n`, { mode: 0o600 });
    if (this.#options.ntlm) {
      await writeFile(this.env.GSS_MECH_CONFIG as string, ntlmMechConf());
      await writeFile(this.env.NTLM_USER_FILE as string, `${domain}:user:${this.userPassword}\n`, { mode: 0o600 });
    }
    await this.#writeProfiles();
    await this.#check(
      'kdb5_util',
      ['create', '-s', '-P', this.#masterPassword, '-r', this.realm],
      `kdb5_util create -s -r ${this.realm}`,
    );
    await this.addPrincipal(this.userPrincipal, { password: this.userPassword, keytab: this.clientKeytab });
    // S4U2Self needs the services to be trusted for protocol transition; the user has no flags.
    for (const service of [this.hostPrincipal, this.httpPrincipal]) {
      await this.addPrincipal(service, { keytab: true, flags: ['+ok_to_auth_as_delegate'] });
    }
    await this.#startKdc();
    if (this.#options.kinit ?? true) {
      const lifetime = this.#options.ticketLifetime;
      await this.kinit(this.userPrincipal, { flags: ['-f', ...(lifetime ? ['-l', lifetime] : [])] });
    }
  }

  /** Picks fresh ports and (re)writes both profiles; the KDC reads them when it starts. */
  async #writeProfiles(): Promise<void> {
    this.#kdcPort = await freePort();
    const params = {
      realm: this.realm,
      dir: this.dir,
      kdcPort: this.#kdcPort,
      kadmindPort: await freePort(new Set([this.#kdcPort])),
      maxLife: this.#options.maxLife ?? '1d',
      ticketLifetime: this.#options.ticketLifetime ?? this.#options.maxLife ?? '1d',
    };
    await writeFile(this.krb5Conf, krb5Conf(params));
    await writeFile(this.kdcConf, kdcConf(params));
  }

  /** Starts krb5kdc, moving to new ports when it cannot have its port to itself (a race with another process). */
  async #startKdc(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#spawnKdc();
      } catch (error) {
        if (!(error instanceof KdcPortError) || attempt >= KDC_START_ATTEMPTS) throw error;
        await this.#writeProfiles();
      }
    }
  }

  async #spawnKdc(): Promise<void> {
    const args = ['-n', '-P', path.join(this.dir, 'kdc.pid'), ...(this.#options.kdcArgs ?? [])];
    const kdc = spawn(findBinary('krb5kdc'), args, { env: this.#childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    this.#kdc = kdc;
    this.#kdcPid = kdc.pid ?? 0;
    const log = () => readOr(path.join(this.dir, 'kdc.log'), '(no kdc.log)');
    await new Promise<void>((resolve, reject) => {
      let output = '';
      const onData = (chunk: string) => {
        output += chunk;
        if (output.includes(KDC_READY)) finish();
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) =>
        finish(new KdcPortError(`k5test: krb5kdc exited (${signal ?? code}) before starting:\n${output}\n${log()}`));
      const timer = setTimeout(() => {
        kdc.kill('SIGKILL');
        finish(new Error(`k5test: krb5kdc did not report '${KDC_READY}' within 10 s:\n${output}\n${log()}`));
      }, KDC_READY_TIMEOUT_MS);
      const finish = (error?: Error) => {
        clearTimeout(timer);
        kdc.stdout?.off('data', onData);
        kdc.stderr?.off('data', onData);
        kdc.off('exit', onExit);
        kdc.off('error', finish);
        if (error) reject(error);
        else resolve();
      };
      kdc.stdout?.setEncoding('utf8').on('data', onData);
      kdc.stderr?.setEncoding('utf8').on('data', onData);
      kdc.once('exit', onExit);
      kdc.once('error', finish);
    }).catch(async (error: unknown) => {
      await this.#killKdc();
      throw error;
    });
    // Ready. Keep draining its output so it can never block on a full pipe, and let the process exit
    // without waiting for the KDC (the exit handler kills it).
    for (const stream of [kdc.stdout, kdc.stderr]) {
      stream?.resume();
      unrefStream(stream);
    }
    kdc.unref();
    // krb5kdc binds with SO_REUSEPORT: a KDC started on a taken port does not fail, it shares the port.
    if ((boundSocketCount(this.#kdcPort) ?? KDC_SOCKETS) > KDC_SOCKETS) {
      await this.#killKdc();
      throw new KdcPortError(`k5test: another process also listens on port ${this.#kdcPort}`);
    }
  }

  /** Stops the KDC: SIGTERM, SIGKILL after the grace period, then waits for it to exit. */
  async #killKdc(): Promise<void> {
    const kdc = this.#kdc;
    if (!kdc) return;
    if (isRunning(kdc)) {
      kdc.ref(); // keep the process alive until the KDC has exited
      const exited = once(kdc, 'exit');
      kdc.kill('SIGTERM');
      const timer = setTimeout(() => kdc.kill('SIGKILL'), KDC_STOP_GRACE_MS);
      try {
        await exited;
      } finally {
        clearTimeout(timer);
      }
    }
    this.#kdc = undefined;
  }

  /** The environment of every child process: the realm's variables, PATH and LANG=C, nothing else. */
  #childEnv(): Record<string, string> {
    return { ...this.env, PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C' };
  }

  /** Runs a command and rejects with a {@link CommandError} on a non-zero exit. */
  async #check(binary: string, args: string[], display: string, input?: string): Promise<string> {
    this.#assertLive();
    const options = input === undefined ? { env: this.#childEnv() } : { env: this.#childEnv(), input };
    const { code, stdout, stderr } = await run(binary, args, options);
    if (code !== 0) throw new CommandError(display, code, stdout, stderr);
    return stdout;
  }

  #assertLive(): void {
    if (this.#stopping) throw new Error(`k5test: realm ${this.realm} in ${this.dir} is stopped`);
  }

  #qualify(name: string): string {
    if (!PRINCIPAL_NAME.test(name)) throw new RangeError(`k5test: invalid principal name ${JSON.stringify(name)}`);
    return name.includes('@') ? name : `${name}@${this.realm}`;
  }

  /**
   * Runs one `kadmin.local -q` query against the realm database and returns its stdout.
   * kadmin.local exits 0 even when the query fails, so a failure is also recognised by a
   * `command: message` line on stderr; it rejects with a {@link CommandError} carrying stderr.
   *
   * @example
   * ```ts
   * const text = await realm.kadmin(`getprinc ${realm.hostPrincipal}`);
   * await realm.kadmin('modprinc -maxlife 1h user');
   * ```
   */
  async kadmin(query: string): Promise<string> {
    this.#assertLive();
    const { code, stdout, stderr } = await run('kadmin.local', ['-r', this.realm, '-q', query], {
      env: this.#childEnv(),
    });
    // Benign notes ("No policy specified for ...") have no 'word: ' prefix; errors do
    // ("add_principal: Principal or policy already exists ...", "kadmin.local: Command not found ...").
    if (code !== 0 || stderr.split('\n').some((line) => /^[\w./-]+: /.test(line))) {
      throw new CommandError(`kadmin.local -q ${JSON.stringify(query)}`, code, stdout, stderr);
    }
    return stdout;
  }

  /**
   * Creates a principal (random keys unless a password is given), optionally writes its keys to a
   * keytab (`ktadd -norandkey`), and returns the full principal name.
   *
   * @param name a principal, qualified (`svc/localhost@KRBTEST.COM`) or not (`svc/localhost`)
   * @example
   * ```ts
   * const alice = await realm.addPrincipal('alice', { password: 'secret' });
   * const svc = await realm.addPrincipal('svc/localhost', { keytab: true, flags: ['+ok_to_auth_as_delegate'] });
   * ```
   */
  async addPrincipal(name: string, options: AddPrincipalOptions = {}): Promise<string> {
    const principal = this.#qualify(name);
    const key = options.password === undefined ? '-randkey' : `-pw ${quote(options.password, 'password')}`;
    await this.kadmin(['addprinc', ...(options.flags ?? []), key, principal].join(' '));
    if (options.password !== undefined) this.#passwords.set(principal, options.password);
    const keytab = options.keytab === true ? this.keytab : options.keytab || undefined;
    if (keytab) {
      await this.kadmin(`ktadd -k ${quote(keytab, 'keytab path')} -norandkey ${principal}`);
      this.#keytabs.set(principal, keytab);
    }
    return principal;
  }

  /**
   * Gets initial tickets for a principal into a cache: with a keytab when `keytab` is given, else with
   * its password (the one this realm set, unless `password` is given) written to kinit's stdin.
   *
   * @example
   * ```ts
   * await realm.kinit('alice', { ccache: path.join(realm.dir, 'alice.ccache') });
   * await realm.kinit(realm.userPrincipal, { keytab: true, flags: ['-f'] });
   * ```
   */
  async kinit(principal: string, options: KinitOptions = {}): Promise<void> {
    const name = this.#qualify(principal);
    const args = [...(options.flags ?? []), '-c', options.ccache ?? this.ccache];
    const keytab = options.keytab === true ? (this.#keytabs.get(name) ?? this.keytab) : options.keytab || undefined;
    let input: string | undefined;
    if (keytab) {
      args.push('-k', '-t', keytab);
    } else {
      const password = options.password ?? this.#passwords.get(name);
      if (password === undefined) throw new Error(`k5test: no password known for ${name}; pass password or keytab`);
      input = `${password}\n`;
    }
    args.push(name);
    await this.#check('kinit', args, `kinit ${args.join(' ')}`, input);
  }

  /**
   * Lists a ticket cache with its ticket flags (`klist -f`); default the realm's cache.
   *
   * @example
   * ```ts
   * const text = await realm.klist();
   * text.includes(`Default principal: ${realm.userPrincipal}`); // true
   * ```
   */
  async klist(ccache: string = this.ccache): Promise<string> {
    return this.#check('klist', ['-f', ccache], `klist -f ${ccache}`);
  }

  /**
   * The password this realm set for a principal it created with one (the user, or `addPrincipal` with
   * `password`).
   *
   * @throws Error when the realm knows no password for it (e.g. a `-randkey` principal)
   * @example
   * ```ts
   * realm.password('user'); // same as realm.userPassword
   * ```
   */
  password(principal: string): string {
    const name = this.#qualify(principal);
    const password = this.#passwords.get(name);
    if (password === undefined) throw new Error(`k5test: no password known for ${name}`);
    return password;
  }

  /**
   * Writes {@link K5Realm.env} into `process.env` so that libraries in this process (the GSSAPI addon)
   * use the realm. NTLM_USER_FILE is removed when the realm has no NTLM, so a caller's file cannot leak
   * in; a caller's KRB5_TRACE is kept when the realm does not trace.
   *
   * @returns a function restoring the previous values (deleting variables that were unset)
   * @example
   * ```ts
   * const restore = realm.applyEnv();
   * try {
   *   // ... GSSAPI calls ...
   * } finally {
   *   restore();
   * }
   * ```
   */
  applyEnv(): () => void {
    const keys = [...new Set([...Object.keys(this.env), 'NTLM_USER_FILE'])];
    const saved = keys.map((key) => [key, process.env[key]] as const);
    for (const key of keys) {
      const value = this.env[key];
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    return () => {
      for (const [key, value] of saved) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
  }

  /**
   * Stops the KDC (SIGTERM to its pid, SIGKILL after 2 s), waits for it to exit and deletes the realm
   * directory. Idempotent: later calls return the same promise.
   *
   * @example
   * ```ts
   * await realm.stop();
   * await realm.stop(); // fine
   * ```
   */
  stop(): Promise<void> {
    this.#stopping ??= (async () => {
      await this.#killKdc();
      await rm(this.dir, { recursive: true, force: true });
      this.#unregister();
    })();
    return this.#stopping;
  }

  /**
   * Same as {@link K5Realm.stop}, for `await using`.
   *
   * @example
   * ```ts
   * {
   *   await using realm = await K5Realm.start();
   * } // stopped here
   * ```
   */
  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

/**
 * Starts a throwaway realm; the same as {@link K5Realm.start}.
 *
 * @example
 * ```ts
 * import { startRealm } from '@gssapi/k5test';
 *
 * const realm = await startRealm({ kinit: false });
 * await realm.kinit(realm.userPrincipal);
 * await realm.stop();
 * ```
 */
export function startRealm(options?: RealmOptions): Promise<K5Realm> {
  return K5Realm.start(options);
}
