// A worker_thread that starts context initiations (which wait on the KDC, held
// by the test's proxy) and reports when they are in flight.
import { parentPort, workerData } from 'node:worker_threads';
import * as gss from '@gssapi/raw';

const pending = [];
for (let i = 0; i < workerData.count; i++) {
  const target = gss.importNameSync(`svc${workerData.first + i}@localhost`, {
    nameType: gss.NameType.hostbasedService,
  });
  pending.push(gss.initSecContext(target).catch(() => undefined));
}
parentPort.postMessage('started');
await Promise.all(pending);
parentPort.postMessage('finished');
