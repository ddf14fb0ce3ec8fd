// Runs in a child process whose GSSAPI_LIBRARY names another implementation:
// reports what the raw layer sees there, and establishes a krb5 context
// against the parent's realm (its environment is inherited), as JSON.
import * as gss from '@gssapi/raw';

const report = { path: gss.libraryInfo().path, extensions: [...gss.extensions] };
report.mechs = gss.indicateMechsSync().toArray().map(String);
try {
  gss.acquireCredFromSync({ store: { ccache: 'MEMORY:x' } });
  report.credStore = 'available';
} catch (error) {
  report.credStore = `${error.name}: ${error.message}`;
}
const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
const client = gss.initSecContextSync(target, { mech: gss.MechType.kerberos });
const server = gss.acceptSecContextSync(client.token);
const last = gss.initSecContextSync(target, { context: client.context, inputToken: server.token });
report.moreSteps = last.moreSteps;
report.initiator = gss.displayNameSync(server.initiatorName).name;
const sealed = gss.wrapSync(client.context, 'over heimdal');
report.unwrapped = gss.unwrapSync(server.context, sealed.message).message.toString();
console.log(JSON.stringify(report));
