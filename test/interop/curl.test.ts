/**
 * curl's HTTP Negotiate (RFC 4559) against examples/http-negotiate.ts, with
 * Kerberos under SPNEGO, with delegation, and with SPNEGO/NTLM (two legs on
 * one keep-alive connection). curl is a real, independent client.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import test from 'ava';
import { negotiateServer } from '../../examples/http-negotiate.js';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test, { ntlm: true });

async function withServer(run: (url: string) => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const server = negotiateServer((who, res) => {
    seen.push(`${who.user} ${who.mech} delegated=${who.delegated}`);
    res.writeHead(200).end(`hello ${who.user}\n`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  try {
    await run(`http://localhost:${(server.address() as AddressInfo).port}/`);
  } finally {
    server.close();
  }
  return seen;
}

function curl(url: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return promisify(execFile)('curl', ['-s', '-S', '--negotiate', '-u', ':', ...args, url], {
    env: { ...process.env, ...fixture.realm.env, ...env },
    timeout: 30_000,
  });
}

test.serial('curl --negotiate authenticates with Kerberos (SPNEGO)', async (t) => {
  const seen = await withServer(async (url) => {
    const { stdout } = await curl(url, ['-w', ' %{http_code}']);
    t.is(stdout, `hello ${fixture.realm.userPrincipal}\n 200`);
  });
  t.deepEqual(seen, [`${fixture.realm.userPrincipal} 1.2.840.113554.1.2.2 delegated=false`]);
});

test.serial('curl --delegation always delivers the user credentials to the server', async (t) => {
  const seen = await withServer(async (url) => {
    await curl(url, ['--delegation', 'always']);
  });
  t.deepEqual(seen, [`${fixture.realm.userPrincipal} 1.2.840.113554.1.2.2 delegated=true`]);
});

test.serial('curl --negotiate with SPNEGO/NTLM takes two legs on one keep-alive connection', async (t) => {
  const seen = await withServer(async (url) => {
    // No Kerberos ticket nor client keytab: SPNEGO falls back to NTLM (the realm's NTLM_USER_FILE).
    const { stdout, stderr } = await curl(url, ['-w', ' %{http_code} %{num_connects}'], {
      KRB5CCNAME: `FILE:${fixture.realm.dir}/no-such-ccache`,
      KRB5_CLIENT_KTNAME: `FILE:${fixture.realm.dir}/no-such-keytab`,
    });
    t.regex(stdout, / 200 1$/, stderr);
  });
  t.is(seen.length, 1);
  t.regex(seen[0] as string, /^KRBTEST\\user 1\.3\.6\.1\.4\.1\.311\.2\.2\.10 delegated=false$/);
});

test.serial('an unauthenticated request gets 401 with a bare Negotiate challenge', async (t) => {
  await withServer(async (url) => {
    const { stdout } = await promisify(execFile)('curl', ['-s', '-D', '-', '-o', '/dev/null', url]);
    t.regex(stdout, /^HTTP\/1\.1 401/);
    t.regex(stdout, /WWW-Authenticate: Negotiate\r\n/i);
  });
});
