/**
 * python-gssapi (Debian's python3-gssapi, an independent binding over the same
 * C library) as the peer of @gssapi/raw, in both roles. Messages go as lines
 * on the child's stdin/stdout (see test/helpers/python_peer.py).
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import * as gss from '@gssapi/raw';
import test from 'ava';
import { useRealm } from '../helpers/realm.js';

const fixture = await useRealm(test);
const PYTHON = '/usr/bin/python3';
const script = fileURLToPath(new URL('../helpers/python_peer.py', import.meta.url));
const available = existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/gssapi/__init__.py');
const pyTest = available ? test.serial : test.skip;

class Peer {
  readonly child: ChildProcessWithoutNullStreams;
  readonly #lines: AsyncIterator<string>;
  stderr = '';
  constructor(role: 'initiate' | 'accept') {
    this.child = spawn(PYTHON, [script, role], { env: { ...process.env, ...fixture.realm.env } });
    this.child.stderr.setEncoding('utf8').on('data', (d: string) => (this.stderr += d));
    this.#lines = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }
  async receive(kind: string): Promise<string | undefined> {
    const { value, done } = await this.#lines.next();
    if (done) throw new Error(`python peer ended: ${this.stderr}`);
    const line = value as string;
    const space = line.indexOf(' ');
    const got = line.slice(0, space);
    const data = line.slice(space + 1);
    if (got !== kind) throw new Error(`expected ${kind}, got ${line}`);
    return data === '-' ? undefined : data;
  }
  async receiveBytes(kind: string): Promise<Buffer | undefined> {
    const data = await this.receive(kind);
    return data === undefined ? undefined : Buffer.from(data, 'base64');
  }
  send(kind: string, data: Buffer | undefined): void {
    this.child.stdin.write(`${kind} ${data ? data.toString('base64') : '-'}\n`);
  }
}

pyTest('python-gssapi initiates, @gssapi/raw accepts', async (t) => {
  const peer = new Peer('initiate');
  let context: gss.SecurityContext | undefined;
  let result: gss.AcceptSecContextResult;
  do {
    result = await gss.acceptSecContext((await peer.receiveBytes('TOKEN')) as Buffer, { context });
    context = result.context;
    if (result.token || result.moreSteps) peer.send('TOKEN', result.token);
  } while (result.moreSteps);
  t.is(gss.displayNameSync(result.initiatorName as gss.Name).name, fixture.realm.userPrincipal);
  const fromPython = await gss.unwrap(result.context, (await peer.receiveBytes('WRAP')) as Buffer);
  t.is(fromPython.message.toString(), 'hello from python (initiate)');
  t.true(fromPython.encrypted);
  peer.send('WRAP', (await gss.wrap(result.context, 'hello from node')).message);
  t.is(await peer.receive('GOT'), 'hello from node');
  t.is(peer.stderr, '');
});

pyTest('@gssapi/raw initiates, python-gssapi accepts', async (t) => {
  const peer = new Peer('accept');
  const target = gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
  let step = await gss.initSecContext(target, { mech: gss.MechType.kerberos });
  peer.send('TOKEN', step.token);
  while (step.moreSteps) {
    step = await gss.initSecContext(target, {
      context: step.context,
      inputToken: await peer.receiveBytes('TOKEN'),
    });
  }
  // The acceptor answers every token it gets (mutual auth: the AP-REP came above).
  t.is(await peer.receive('NAME'), fixture.realm.userPrincipal);
  const fromPython = await gss.unwrap(step.context, (await peer.receiveBytes('WRAP')) as Buffer);
  t.is(fromPython.message.toString(), 'hello from python (accept)');
  peer.send('WRAP', (await gss.wrap(step.context, 'hello from node')).message);
  t.is(await peer.receive('GOT'), 'hello from node');
});
