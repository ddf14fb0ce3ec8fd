/**
 * An async call must not read the caller's memory after returning: a caller
 * may transfer (detach) the ArrayBuffer while the call runs on a pool thread.
 */

import * as gss from '@gssapi/raw';
import test from 'ava';
import { establishSync } from '../helpers/gss.js';
import { useRealm } from '../helpers/realm.js';

await useRealm(test);

test('transferring the input buffer during async calls neither crashes nor changes the result', async (t) => {
  const { initiator, acceptor } = establishSync();
  const pending: Promise<gss.WrapResult>[] = [];
  const expected: Buffer[] = [];
  for (let i = 0; i < 32; i++) {
    const message = new Uint8Array(64 * 1024).fill(i);
    expected.push(Buffer.from(message));
    pending.push(gss.wrap(initiator, message));
    structuredClone(message.buffer, { transfer: [message.buffer] }); // detaches `message`
    t.is(message.byteLength, 0);
  }
  const wrapped = await Promise.all(pending);
  wrapped.forEach((w, i) => {
    t.true(gss.unwrapSync(acceptor, w.message).message.equals(expected[i] as Buffer));
  });
});
