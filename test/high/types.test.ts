/**
 * Type-level tests: compiles test/high/types/public-api.ts (equality checks
 * and @ts-expect-error lines over the public API) with tsc --noEmit, and
 * checks that every documented export exists at run time.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import test from 'ava';
import * as high from '../../packages/high/src/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the public types are what the docs say (tsc --noEmit)', async (t) => {
  const tsc = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));
  try {
    await promisify(execFile)(process.execPath, [tsc, '--noEmit', '-p', 'test/high/tsconfig.json'], { cwd: root });
    t.pass();
  } catch (error) {
    const { stdout, stderr } = error as { stdout: string; stderr: string };
    t.fail(`tsc reported errors:\n${stdout}${stderr}`);
  }
});

test('the runtime exports are there', (t) => {
  for (const name of [
    'Name',
    'NameAttributes',
    'Credentials',
    'SecurityContext',
    'Mechanism',
    'negotiate',
    'lengthPrefixedTransport',
    'gssSampleTransport',
    'memoryTransportPair',
    'GssSampleFlag',
    'DEFAULT_FLAGS',
    'GeneralError',
    'EncryptionNotUsed',
    'UnknownUsageError',
    'MissingFlagsError',
    'ContextStateError',
    'NegotiationIncompleteError',
    'NameType',
    'MechType',
    'RequirementFlag',
    'FlagSet',
    'OID',
    'OIDSet',
    'ChannelBindings',
    'AddressType',
    'GSSError',
    'BadNameError',
    'MissingCredentialsError',
    'ExpiredContextError',
    'DuplicateTokenError',
    'ExtensionUnavailableError',
    'extensions',
  ]) {
    t.truthy((high as Record<string, unknown>)[name], name);
  }
  t.true(new high.EncryptionNotUsed() instanceof high.GeneralError);
  t.true(new high.MissingFlagsError([], 0) instanceof Error);
  t.is(new high.UnknownUsageError('security context').name, 'UnknownUsageError');
});
