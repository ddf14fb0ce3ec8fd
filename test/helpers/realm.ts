/**
 * One throwaway Kerberos realm per test file.
 *
 * libkrb5 reads its configuration (KRB5_CONFIG, KRB5CCNAME, KRB5_KTNAME, ...)
 * and the mechglue reads GSS_MECH_CONFIG from the process environment, so the
 * realm's environment must be in `process.env` before the first GSSAPI call of
 * the process. ava runs each test file in its own child process
 * (`workerThreads: false`), which makes "one realm per file" safe.
 *
 * Usage (at the top level of a test file, before any GSSAPI call):
 *
 * ```ts
 * const fixture = await useRealm(test);
 * test('...', (t) => { fixture.realm.userPrincipal; });
 * ```
 */

import { K5Realm, type RealmOptions } from '@gssapi/k5test';
import type { TestFn } from 'ava';

export type { RealmOptions };

/** What {@link useRealm} hands back: the realm, once `test.before` has started it. */
export interface RealmFixture {
  /** The running realm; throws when read before `test.before` ran (e.g. at module top level). */
  readonly realm: K5Realm;
}

/**
 * Registers a serial `test.before` hook that starts a realm and writes its
 * environment into `process.env`, and a `test.after.always` hook that restores
 * the environment and stops the realm (the KDC is stopped by `realm.stop()`,
 * which kills it by pid).
 *
 * The hooks are registered synchronously, before the returned promise settles,
 * so `await useRealm(test)` at the top level of a test file is safe.
 *
 * @param test - the file's ava `test` function.
 * @param options - passed to `K5Realm.start`.
 * @returns the fixture whose `realm` field is usable inside tests.
 */
// biome-ignore lint/suspicious/noExplicitAny: works with any ava context type
export async function useRealm(test: TestFn<any>, options?: RealmOptions): Promise<RealmFixture> {
  let realm: K5Realm | undefined;
  let restore: (() => void) | undefined;

  // Serial: ava starts concurrent hooks registered later only after this one
  // finished, so no GSSAPI call in another hook can run before applyEnv().
  test.serial.before(async () => {
    realm = await K5Realm.start(options);
    restore = realm.applyEnv();
  });

  test.serial.after.always(async () => {
    try {
      restore?.();
    } finally {
      await realm?.stop();
    }
  });

  return {
    get realm(): K5Realm {
      if (!realm) throw new Error('the realm is not started yet: read fixture.realm inside a test or hook');
      return realm;
    },
  };
}
