/**
 * `npm run bench`: the raw layer against C calling libgssapi directly, side by
 * side in one run, on one throwaway realm. Prints ops/s and MB/s per case and
 * the binding's share of C's speed. BENCH_SECONDS sets the time per case.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { K5Realm } from '@gssapi/k5test';
import * as gss from '@gssapi/raw';

interface Measure {
  case: string;
  ops: number;
  seconds: number;
  bytes: number;
}

const budget = Number(process.env.BENCH_SECONDS ?? '1');
const here = fileURLToPath(new URL('.', import.meta.url));

function buildC(dir: string): string {
  const flags = execFileSync('krb5-config', ['--cflags', '--libs', 'gssapi'], { encoding: 'utf8' }).trim().split(/\s+/);
  const out = join(dir, 'c_bench');
  execFileSync('cc', ['-O2', '-o', out, join(here, 'c_bench.c'), ...flags], { stdio: 'inherit' });
  return out;
}

function timed(name: string, bytes: number, batch: () => void): Measure {
  let ops = 0;
  const start = performance.now();
  let end = start;
  while (end - start < budget * 1000) {
    for (let i = 0; i < 64; i++) batch();
    ops += 64;
    end = performance.now();
  }
  return { case: name, ops, seconds: (end - start) / 1000, bytes };
}

async function timedAsync(name: string, bytes: number, batch: () => Promise<void>): Promise<Measure> {
  let ops = 0;
  const start = performance.now();
  let end = start;
  while (end - start < budget * 1000) {
    for (let i = 0; i < 64; i++) await batch();
    ops += 64;
    end = performance.now();
  }
  return { case: name, ops, seconds: (end - start) / 1000, bytes };
}

function establish(target: gss.Name): { client: gss.SecurityContext; server: gss.SecurityContext } {
  const flags = ['mutualAuthentication', 'outOfSequenceDetection', 'confidentiality', 'integrity'] as const;
  const first = gss.initSecContextSync(target, { mech: gss.MechType.kerberos, flags });
  const accepted = gss.acceptSecContextSync(first.token as Buffer);
  gss.initSecContextSync(target, { context: first.context, inputToken: accepted.token, flags });
  return { client: first.context, server: accepted.context };
}

function nodeCases(target: gss.Name): Measure[] {
  const results: Measure[] = [];
  results.push(
    timed('establish', 0, () => {
      const { client, server } = establish(target);
      client.release();
      server.release();
    }),
  );
  const { client, server } = establish(target);
  for (const [name, size] of [
    ['wrap-unwrap-64', 64],
    ['wrap-unwrap-1k', 1024],
    ['wrap-unwrap-1m', 1 << 20],
  ] as const) {
    const data = Buffer.alloc(size);
    results.push(
      timed(name, size, () => {
        gss.unwrapSync(server, gss.wrapSync(client, data).message);
      }),
    );
  }
  const small = Buffer.alloc(64);
  results.push(
    timed('mic-64', 64, () => {
      gss.verifyMicSync(server, small, gss.getMicSync(client, small));
    }),
  );
  return results;
}

async function asyncCases(target: gss.Name): Promise<Measure[]> {
  const { client, server } = establish(target);
  const data = Buffer.alloc(64);
  const sequential = await timedAsync('async wrap-unwrap-64', 64, async () => {
    await gss.unwrap(server, (await gss.wrap(client, data)).message);
  });
  return [sequential];
}

function row(name: string, c: Measure | undefined, n: Measure): string {
  const rate = (m: Measure) => m.ops / m.seconds;
  const mbs = (m: Measure) => (m.bytes >= 1024 ? `${((rate(m) * m.bytes) / 1e6).toFixed(1)} MB/s` : '');
  const cText = c ? `${Math.round(rate(c)).toLocaleString('en')}/s ${mbs(c)}` : '-';
  const share = c ? `${((100 * rate(n)) / rate(c)).toFixed(0)}%` : '';
  return `${name.padEnd(22)} ${cText.padEnd(26)} ${`${Math.round(rate(n)).toLocaleString('en')}/s ${mbs(n)}`.padEnd(26)} ${share}`;
}

const realm = await K5Realm.start();
const restore = realm.applyEnv();
const work = mkdtempSync(join(tmpdir(), 'gssapi-bench-'));
try {
  const cBench = buildC(work);
  const cOut = execFileSync(cBench, [String(budget)], { encoding: 'utf8', env: process.env });
  const cResults = cOut
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Measure);
  const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
  const nodeResults = [...nodeCases(target), ...(await asyncCases(target))];
  console.log(`krb5 (${gss.libraryInfo().path}), ${budget} s per case, node ${process.version}\n`);
  console.log(`${'case'.padEnd(22)} ${'C (libgssapi)'.padEnd(26)} ${'@gssapi/raw'.padEnd(26)} share`);
  for (const n of nodeResults) {
    console.log(
      row(
        n.case,
        cResults.find((c) => c.case === n.case),
        n,
      ),
    );
  }
  console.log(`\n${64} first-time initiations at once, KDC answering after 100 ms; fs.stat meanwhile:`);
  for (const threads of ['4', '32']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(here, 'kdc_latency.ts')], {
      encoding: 'utf8',
      env: { ...process.env, GSSAPI_NETWORK_THREADS: threads, COUNT: '64', DELAY_MS: '100' },
    });
    const r = JSON.parse(out.trim().split('\n').pop() as string);
    const label = threads === '4' ? "pool of 4 (libuv's size)" : `pool of ${threads} (default)`;
    console.log(`${label.padEnd(24)} all done in ${r.total.toFixed(0)} ms, worst fs.stat ${r.worstStat.toFixed(1)} ms`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
  restore();
  await realm.stop();
}
