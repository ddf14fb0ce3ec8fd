/**
 * Helpers for the @gssapi/high suites: target names and in-process
 * establishment loops written with the high-level API (sync and async).
 * Everything makes real GSSAPI calls against the realm of the test file.
 */
import type { ExecutionContext } from 'ava';
import { Name, NameType, SecurityContext, type SecurityContextOptions } from '../../packages/high/src/index.js';

/** `host@localhost` as a host-based service (its key is in the realm keytab). */
export function hostName(): Name {
  return new Name('host@localhost', NameType.hostbasedService);
}

/** `HTTP@localhost` as a host-based service (also in the keytab). */
export function httpName(): Name {
  return new Name('HTTP@localhost', NameType.hostbasedService);
}

/** The tokens of one establishment, in order, with who sent them. */
export type Legs = { from: 'client' | 'server'; length: number }[];

const MAX_LEGS = 10;

/** The DESIGN.md loop with the Sync methods; returns the legs. */
export function establishSync(client: SecurityContext, server: SecurityContext): Legs {
  const legs: Legs = [];
  let token = client.stepSync();
  for (let i = 0; token && i < MAX_LEGS; i++) {
    legs.push({ from: 'client', length: token.length });
    const reply = server.stepSync(token);
    if (reply) legs.push({ from: 'server', length: reply.length });
    token = reply && !client.complete ? client.stepSync(reply) : undefined;
  }
  return legs;
}

/** The DESIGN.md loop with the Promise methods; returns the legs. */
export async function establish(client: SecurityContext, server: SecurityContext): Promise<Legs> {
  const legs: Legs = [];
  let token = await client.step();
  for (let i = 0; token && i < MAX_LEGS; i++) {
    legs.push({ from: 'client', length: token.length });
    const reply = await server.step(token);
    if (reply) legs.push({ from: 'server', length: reply.length });
    token = reply && !client.complete ? await client.step(reply) : undefined;
  }
  return legs;
}

/** A client (to host@localhost unless `init.name` says otherwise) and an acceptor, established (sync). */
export function pairSync(
  init: Partial<SecurityContextOptions> = {},
  accept: Partial<SecurityContextOptions> = {},
): { client: SecurityContext; server: SecurityContext; legs: Legs } {
  const client = new SecurityContext({ name: hostName(), ...init });
  const server = new SecurityContext({ usage: 'accept', ...accept });
  const legs = establishSync(client, server);
  return { client, server, legs };
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Asserts `fn` throws or rejects with `cls` (and a message matching `message`); returns the error. */
export async function failsWith<E extends Error>(
  t: ExecutionContext,
  fn: () => unknown,
  cls: ErrorClass & (abstract new (...args: never[]) => E),
  message?: RegExp,
): Promise<E> {
  let error: unknown;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  t.truthy(error, `expected ${cls.name}, but the call succeeded`);
  t.true(error instanceof cls, `expected ${cls.name}, got ${(error as Error)?.name}: ${(error as Error)?.message}`);
  if (message) t.regex((error as Error).message, message);
  return error as E;
}
