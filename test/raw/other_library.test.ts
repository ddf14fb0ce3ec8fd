/**
 * One build of the addon serves another GSSAPI implementation: with
 * GSSAPI_LIBRARY=libgssapi.so.3 (Heimdal, beside MIT) a child process reports
 * Heimdal's own extension set, refuses what Heimdal lacks with
 * ExtensionUnavailableError, and still establishes a Kerberos context
 * against this file's MIT KDC and protects a message with it.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const heimdal = ['/usr/lib/x86_64-linux-gnu/libgssapi.so.3', '/usr/lib/aarch64-linux-gnu/libgssapi.so.3'].some(
  existsSync,
);
const child = fileURLToPath(new URL('../helpers/library-child.mjs', import.meta.url));

interface Report {
  path: string;
  extensions: string[];
  mechs: string[];
  credStore: string;
  moreSteps: boolean;
  initiator: string;
  unwrapped: string;
}

(heimdal ? test : test.skip)('Heimdal libgssapi.so.3 through the same addon build', async (t) => {
  const { stdout } = await promisify(execFile)(process.execPath, [child], {
    env: { ...process.env, ...fixture.realm.env, GSSAPI_LIBRARY: 'libgssapi.so.3' },
  });
  const report = JSON.parse(stdout) as Report;
  t.is(report.path, 'libgssapi.so.3');
  // Extensions are found at run time: Heimdal's set is not MIT's.
  t.true(report.extensions.includes('rfc6680'));
  t.false(report.extensions.includes('credStore'));
  t.notDeepEqual(report.extensions.sort(), [...gss.extensions].sort());
  t.regex(report.credStore, /^ExtensionUnavailableError: gss_acquire_cred_from .*'credStore'/);
  t.true(report.mechs.includes(gss.MechType.kerberos.dottedForm));
  // And the core calls work against the MIT KDC of this realm.
  t.false(report.moreSteps);
  t.is(report.initiator, fixture.realm.userPrincipal);
  t.is(report.unwrapped, 'over heimdal');
});

test('loading a library that does not exist fails with installation help', async (t) => {
  const error = await t.throwsAsync(
    promisify(execFile)(process.execPath, [child], {
      env: { ...process.env, ...fixture.realm.env, GSSAPI_LIBRARY: 'libgssapi-does-not-exist.so' },
    }),
  );
  const stderr = (error as unknown as { stderr: string }).stderr;
  t.regex(stderr, /cannot load the GSSAPI library libgssapi-does-not-exist\.so/);
  t.regex(stderr, /apt-get install libgssapi-krb5-2|GSSAPI_LIBRARY/);
});

test('a library without the RFC 2744 functions is refused, naming what it lacks', async (t) => {
  const error = await t.throwsAsync(
    promisify(execFile)(process.execPath, [child], {
      env: { ...process.env, ...fixture.realm.env, GSSAPI_LIBRARY: 'libz.so.1' },
    }),
  );
  const stderr = (error as unknown as { stderr: string }).stderr;
  t.regex(stderr, /libz\.so\.1 is not a complete GSSAPI library; missing: gss_import_name/);
});
