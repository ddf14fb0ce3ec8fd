import { K5Realm } from '@gssapi/k5test';
import { load } from '@gssapi/native';
import * as gss from '@gssapi/raw';

const realm = await K5Realm.start();
const restore = realm.applyEnv();
const t = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
const f = ['mutualAuthentication', 'outOfSequenceDetection', 'confidentiality', 'integrity'] as const;
const a = gss.initSecContextSync(t, { flags: f });
const b = gss.acceptSecContextSync(a.token!);
gss.initSecContextSync(t, { context: a.context, inputToken: b.token, flags: f });
const data = Buffer.alloc(64);
const { binding } = load();
const cn = (a.context as any)[Object.getOwnPropertySymbols(a.context)[0]!];
const N = Number(process.env.N);
const op = process.env.OP;
const fns: Record<string, () => void> = {
  ct: () => binding.contextTimeSync(cn),
  wrap: () => binding.wrapSync(cn, data, true, 0),
  rawwrap: () => gss.wrapSync(a.context, data),
};
const fn = fns[op!]!;
for (let i = 0; i < N; i++) fn();
restore();
await realm.stop();
