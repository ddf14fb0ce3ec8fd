/**
 * The demo of `npm run demo`: a throwaway Kerberos realm, then a client and a
 * server in one process establishing a krb5 context through @gssapi/raw and
 * exchanging wrapped messages. Prints each step.
 */
import { K5Realm } from '@gssapi/k5test';
import * as gss from '@gssapi/raw';

const realm = await K5Realm.start();
const restoreEnv = realm.applyEnv();
try {
  console.log(`realm ${realm.realm}: KDC pid ${realm.kdcPid} on 127.0.0.1:${realm.kdcPort}, files in ${realm.dir}`);
  console.log(`client ticket for ${realm.userPrincipal}; service key for ${realm.hostPrincipal} in the keytab\n`);

  const target = await gss.importName('host@localhost', { nameType: gss.NameType.hostbasedService });
  const { creds: serverCreds } = await gss.acquireCred({ usage: 'accept' });
  const flags = [
    gss.RequirementFlag.mutualAuthentication,
    gss.RequirementFlag.confidentiality,
    gss.RequirementFlag.integrity,
    gss.RequirementFlag.outOfSequenceDetection,
  ];

  let client = await gss.initSecContext(target, { mech: gss.MechType.kerberos, flags });
  console.log(`client  initSecContext   -> ${client.token?.length ?? 0} byte token, more steps: ${client.moreSteps}`);
  const server = await gss.acceptSecContext(client.token as Buffer, { acceptorCreds: serverCreds });
  console.log(`server  acceptSecContext -> ${server.token?.length ?? 0} byte token, more steps: ${server.moreSteps}`);
  client = await gss.initSecContext(target, { context: client.context, inputToken: server.token, flags });
  console.log(`client  initSecContext   -> ${client.token?.length ?? 0} byte token, more steps: ${client.moreSteps}\n`);

  const info = await gss.inquireContext(client.context);
  const initiator = (await gss.displayName(server.initiatorName as gss.Name)).name;
  const acceptor = (await gss.displayName(info.targetName as gss.Name)).name;
  console.log(`established: ${initiator} -> ${acceptor}`);
  console.log(`mech ${info.mech?.dottedForm} (Kerberos V5), flags ${client.flags.names().join(', ')}`);
  console.log(`lifetime ${info.lifetime} s\n`);

  const request = 'GET /secret';
  const sealed = await gss.wrap(client.context, request);
  const opened = await gss.unwrap(server.context, sealed.message);
  console.log(`client wrap "${request}" -> ${sealed.message.length} bytes, encrypted: ${sealed.encrypted}`);
  console.log(`server unwrap -> "${opened.message.toString()}", encrypted: ${opened.encrypted}`);
  const reply = await gss.wrap(server.context, 'here it is');
  console.log(`server wrap reply -> client unwrap "${(await gss.unwrap(client.context, reply.message)).message}"`);

  const mic = await gss.getMic(client.context, request);
  await gss.verifyMic(server.context, request, mic);
  console.log(`client MIC (${mic.length} bytes) verified by the server`);
  try {
    await gss.verifyMic(server.context, `${request}!`, mic);
  } catch (error) {
    console.log(`a tampered message is refused: ${(error as Error).name}: ${(error as Error).message}`);
  }
} finally {
  restoreEnv();
  await realm.stop();
  console.log('\nrealm stopped');
}
