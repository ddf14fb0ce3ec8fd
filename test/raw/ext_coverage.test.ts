/**
 * Every extension the loaded library reports in `raw.extensions` has its
 * functions exported and called by at least one test file.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as gss from '@gssapi/raw';
import test from 'ava';

const FUNCTIONS: Readonly<Record<string, readonly string[]>> = {
  rfc4178: ['setNegMechs'],
  rfc4178Get: ['getNegMechs'],
  rfc5587: ['indicateMechsByAttrs', 'inquireAttrsForMech', 'displayMechAttr'],
  rfc5588: ['storeCred'],
  rfc5801: ['inquireSaslnameForMech', 'inquireMechForSaslname'],
  rfc6680: [
    'displayNameExt',
    'inquireName',
    'getNameAttribute',
    'setNameAttribute',
    'deleteNameAttribute',
    'exportNameComposite',
  ],
  rfc6680CompOid: [],
  credStore: ['acquireCredFrom', 'addCredFrom', 'storeCredInto'],
  credImpExp: ['exportCred', 'importCred'],
  s4u: ['acquireCredImpersonateName', 'addCredImpersonateName'],
  password: ['acquireCredWithPassword'],
  passwordAdd: ['addCredWithPassword'],
  dce: ['wrapIov', 'unwrapIov', 'wrapIovLength'],
  dceAead: ['wrapAead', 'unwrapAead'],
  iovMic: ['getMicIov', 'getMicIovLength', 'verifyMicIov'],
  ggf: ['inquireCredByOid', 'inquireSecContextByOid', 'setSecContextOption'],
  setCredOpt: ['setCredOption'],
  krb5: [
    'krb5CcacheName',
    'krb5ExportLucidSecContext',
    'krb5ExtractAuthtimeFromSecContext',
    'krb5ExtractAuthzDataFromSecContext',
    'krb5ImportCred',
    'krb5GetTktFlags',
    'krb5SetAllowableEnctypes',
  ],
  localname: ['localname'],
  userok: ['userok'],
  authorizeLocalname: ['authorizeLocalname'],
  pnameToUid: ['pnameToUid'],
  prf: ['pseudoRandom'],
  oidStr: ['strToOid', 'oidToStr'],
  completeAuthToken: ['completeAuthToken'],
};

const here = fileURLToPath(new URL('.', import.meta.url));
const sources = readdirSync(here)
  .filter((file) => file.endsWith('.test.ts') && file !== 'ext_coverage.test.ts')
  .map((file) => readFileSync(here + file, 'utf8'))
  .join('\n');

test('the table names every extension raw knows', (t) => {
  t.deepEqual(Object.keys(FUNCTIONS).sort(), Object.keys(gss.EXTENSION_SYMBOLS).sort());
});

const mit = gss.libraryInfo().path === 'libgssapi_krb5.so.2';
(mit ? test : test.skip)('MIT krb5 (the default library) reports every extension but gss_get_neg_mechs', (t) => {
  const missing = Object.keys(gss.EXTENSION_SYMBOLS).filter((name) => !gss.extensions.has(name));
  t.deepEqual(missing, ['rfc4178Get'], 'MIT has every extension but gss_get_neg_mechs');
});

for (const [extension, functions] of Object.entries(FUNCTIONS)) {
  test(`${extension}: its functions exist in both forms and tests call them`, (t) => {
    if (extension === 'rfc6680CompOid') {
      t.is(gss.extensions.has(extension), gss.NameType.compositeExport !== undefined);
      t.regex(sources, /NameType\.compositeExport/);
      return;
    }
    for (const fn of functions) {
      const api = gss as unknown as Record<string, unknown>;
      t.is(typeof api[fn], 'function', `${fn} is exported`);
      t.is(typeof api[`${fn}Sync`], 'function', `${fn}Sync is exported`);
      t.regex(sources, new RegExp(`\\b${fn}(Sync)?\\(`), `a test calls ${fn}`);
    }
  });
}
