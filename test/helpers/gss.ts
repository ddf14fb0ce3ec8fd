/**
 * Small helpers shared by the raw-layer suites: target names, an in-process
 * context establishment loop (sync and async), and assertions for argument
 * errors. Everything here makes real GSSAPI calls; nothing is mocked.
 */

import * as gss from '@gssapi/raw';
import type { ExecutionContext } from 'ava';

/** `host@localhost` as a host-based service name (the host principal is in the realm's keytab). */
export function hostTarget(): gss.Name {
  return gss.importNameSync('host@localhost', { nameType: gss.NameType.hostbasedService });
}

/** `HTTP@localhost` as a host-based service name (also in the realm's keytab). */
export function httpTarget(): gss.Name {
  return gss.importNameSync('HTTP@localhost', { nameType: gss.NameType.hostbasedService });
}

/** The flags most message tests want: mutual auth, replay and sequence detection, confidentiality, integrity. */
export const FULL_FLAGS: gss.RequirementFlag[] = [
  gss.RequirementFlag.mutualAuthentication,
  gss.RequirementFlag.replayDetection,
  gss.RequirementFlag.outOfSequenceDetection,
  gss.RequirementFlag.confidentiality,
  gss.RequirementFlag.integrity,
];

/** Options of {@link establishSync} / {@link establish}. */
export interface EstablishOptions {
  target?: gss.Name;
  init?: Omit<gss.InitSecContextOptions, 'context' | 'inputToken'>;
  accept?: Omit<gss.AcceptSecContextOptions, 'context'>;
}

/** One leg of the loop, as seen by a test. */
export interface Leg {
  side: 'init' | 'accept';
  moreSteps: boolean;
  tokenLength: number;
}

/** What an establishment loop produced. */
export interface Established {
  initiator: gss.SecurityContext;
  acceptor: gss.SecurityContext;
  /** The last initiator step result. */
  init: gss.InitSecContextResult;
  /** The last acceptor step result. */
  accept: gss.AcceptSecContextResult;
  /** Each step in order. */
  legs: Leg[];
}

const MAX_STEPS = 10;

/**
 * Runs `init -> accept -> init ...` in this process with the Sync functions
 * until both sides are complete. Loops on `moreSteps`, not on token presence.
 */
export function establishSync(options: EstablishOptions = {}): Established {
  const target = options.target ?? hostTarget();
  const legs: Leg[] = [];
  let init = gss.initSecContextSync(target, { ...options.init });
  legs.push({ side: 'init', moreSteps: init.moreSteps, tokenLength: init.token?.length ?? 0 });
  let accept: gss.AcceptSecContextResult | undefined;
  for (let i = 0; i < MAX_STEPS; i++) {
    if (!init.token) break;
    accept = gss.acceptSecContextSync(init.token, { ...options.accept, context: accept?.context });
    legs.push({ side: 'accept', moreSteps: accept.moreSteps, tokenLength: accept.token?.length ?? 0 });
    if (!init.moreSteps) break;
    if (!accept.token) throw new Error('the initiator needs more steps but the acceptor sent no token');
    init = gss.initSecContextSync(target, { ...options.init, context: init.context, inputToken: accept.token });
    legs.push({ side: 'init', moreSteps: init.moreSteps, tokenLength: init.token?.length ?? 0 });
    if (!init.moreSteps && !accept.moreSteps) break;
  }
  if (!accept) throw new Error('the initiator produced no token');
  if (init.moreSteps || accept.moreSteps) throw new Error('the context did not complete');
  return { initiator: init.context, acceptor: accept.context, init, accept, legs };
}

/** Same loop as {@link establishSync} with the Promise functions. */
export async function establish(options: EstablishOptions = {}): Promise<Established> {
  const target = options.target ?? hostTarget();
  const legs: Leg[] = [];
  let init = await gss.initSecContext(target, { ...options.init });
  legs.push({ side: 'init', moreSteps: init.moreSteps, tokenLength: init.token?.length ?? 0 });
  let accept: gss.AcceptSecContextResult | undefined;
  for (let i = 0; i < MAX_STEPS; i++) {
    if (!init.token) break;
    accept = await gss.acceptSecContext(init.token, { ...options.accept, context: accept?.context });
    legs.push({ side: 'accept', moreSteps: accept.moreSteps, tokenLength: accept.token?.length ?? 0 });
    if (!init.moreSteps) break;
    if (!accept.token) throw new Error('the initiator needs more steps but the acceptor sent no token');
    init = await gss.initSecContext(target, { ...options.init, context: init.context, inputToken: accept.token });
    legs.push({ side: 'init', moreSteps: init.moreSteps, tokenLength: init.token?.length ?? 0 });
    if (!init.moreSteps && !accept.moreSteps) break;
  }
  if (!accept) throw new Error('the initiator produced no token');
  if (init.moreSteps || accept.moreSteps) throw new Error('the context did not complete');
  return { initiator: init.context, acceptor: accept.context, init, accept, legs };
}

/** The display text of a name. */
export function show(name: gss.Name | undefined): string | undefined {
  return name === undefined ? undefined : gss.displayNameSync(name).name;
}

/** A copy of `bytes` with byte `index` (negative: from the end) XORed with `mask`. */
export function flipped(bytes: Uint8Array, index: number, mask = 0x01): Buffer {
  const copy = Buffer.from(bytes);
  const i = index < 0 ? copy.length + index : index;
  copy[i] = (copy[i] as number) ^ mask;
  return copy;
}

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Asserts that `fn` fails with `cls` and a message matching `message`, whether
 * it throws synchronously or returns a rejected promise (argument checks of the
 * Promise functions run before the call, so either is a correct way to fail).
 */
export async function failsWith(
  t: ExecutionContext,
  fn: () => unknown,
  cls: ErrorClass,
  message?: RegExp,
): Promise<Error | undefined> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) {
    t.fail(`expected ${cls.name}, but the call succeeded`);
    return undefined;
  }
  t.true(error instanceof cls, `expected ${cls.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
  if (message) t.regex((error as Error).message, message);
  return error as Error;
}
