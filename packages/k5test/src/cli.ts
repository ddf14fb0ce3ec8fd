#!/usr/bin/env node
/**
 * `k5test [--realm NAME] [--ntlm]`: starts a throwaway realm, prints its environment as `export` lines
 * (and the user password as a comment), then runs until SIGINT or SIGTERM and stops the realm.
 *
 * @example
 * ```sh
 * npx k5test --ntlm > /tmp/realm.env &
 * sleep 1; . /tmp/realm.env; klist
 * kill %1
 * ```
 *
 * @packageDocumentation
 */
import { parseArgs } from 'node:util';
import { K5Realm } from './index.js';

/** Single-quotes a value for POSIX shells. */
function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      realm: { type: 'string' },
      ntlm: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write('usage: k5test [--realm NAME] [--ntlm]\n');
    return;
  }
  const realm = await K5Realm.start({ ntlm: values.ntlm, ...(values.realm ? { realm: values.realm } : {}) });
  const lines = [
    `# k5test realm ${realm.realm}: KDC pid ${realm.kdcPid} on 127.0.0.1:${realm.kdcPort}, dir ${realm.dir}`,
    ...Object.entries(realm.env).map(([key, value]) => `export ${key}=${shellQuote(value)}`),
    `# ${realm.userPrincipal} password: ${realm.userPassword}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  // Signal listeners do not keep Node alive: a timer does, until a signal arrives.
  const keepAlive = setInterval(() => {}, 1 << 30);
  await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  clearInterval(keepAlive);
  await realm.stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
