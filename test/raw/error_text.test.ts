/**
 * MIT keeps the detailed minor-status text in thread-local storage: only the
 * thread that made the failing call can format it. Async calls run on the libuv
 * pool, so the addon must format the text there; formatted later on the main
 * thread it would be only the generic table text ("Server not found in
 * Kerberos database", without the principal).
 */

import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

const unknownService = (host: string) =>
  gss.importNameSync(`host@${host}`, { nameType: gss.NameType.hostbasedService });

for (const mode of ['sync', 'async'] as const) {
  test(`${mode}: a context to a service the KDC does not know names it in the minor text`, async (t) => {
    const target = unknownService('nosuch');
    const error =
      mode === 'sync'
        ? t.throws(() => gss.initSecContextSync(target, { mech: gss.MechType.kerberos }), { instanceOf: gss.GSSError })
        : await t.throwsAsync(gss.initSecContext(target, { mech: gss.MechType.kerberos }), {
            instanceOf: gss.GSSError,
          });
    t.is(error?.code, 'GSS_S_FAILURE');
    t.not(error?.minor, 0);
    const text = error?.minorMessages.join(' ') ?? '';
    t.regex(text, /host\/nosuch@KRBTEST\.COM/, text);
    t.true(error?.message.includes(text), 'the message carries the minor text');
    t.is(error?.mech?.dottedForm, gss.MechType.kerberos.dottedForm);
  });
}

test('async: each of many concurrent failures on the pool threads keeps its own detailed text', async (t) => {
  const errors = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      gss.initSecContext(unknownService(`nosuch${i}`)).then(
        () => undefined,
        (error: gss.GSSError) => error,
      ),
    ),
  );
  errors.forEach((error, i) => {
    t.truthy(error, `call ${i} failed`);
    t.regex(error?.minorMessages.join(' ') ?? '', new RegExp(`host/nosuch${i}@`), `call ${i}`);
  });
});
