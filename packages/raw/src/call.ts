/**
 * Calling the addon: one place that runs an operation inline or on the pool,
 * turns a failed status into the typed GSSError, and traces calls for
 * `NODE_DEBUG=gssapi` (function, status, duration; never token or key bytes).
 */
import { debuglog } from 'node:util';
import type { NativeArgs, NativeResults, NativeStatus, OperationName } from '@gssapi/native';
import { createGSSError } from './errors.js';
import { native } from './library.js';
import { oidFromBinding } from './oids.js';
import { GSS_S } from './status.js';

const trace = debuglog('gssapi');

// The addon's functions by operation, looked up once (not on every call).
const syncFunctions: Partial<Record<OperationName, unknown>> = {};
const asyncFunctions: Partial<Record<OperationName, unknown>> = {};

/**
 * Runs `op` inline and returns `finish(result)`; throws the matching GSSError
 * when the call failed (`allowContinue`: GSS_S_CONTINUE_NEEDED is not a failure).
 */
export function callSync<K extends OperationName, T>(
  op: K,
  args: NativeArgs[K],
  finish: (result: NativeResults[K]) => T,
  allowContinue = false,
): T {
  const started = trace.enabled ? process.hrtime.bigint() : 0n;
  syncFunctions[op] ??= native()[`${op}Sync`];
  const fn = syncFunctions[op] as (...a: NativeArgs[K]) => NativeResults[K];
  const result = fn(...args);
  if (trace.enabled) traceCall(op, 'sync', result, started);
  check(op, result, allowContinue);
  return finish(result);
}

/**
 * Runs `op` on a worker thread; resolves with `finish(result)` or rejects with
 * the matching GSSError.
 */
export async function callAsync<K extends OperationName, T>(
  op: K,
  args: NativeArgs[K],
  finish: (result: NativeResults[K]) => T,
  allowContinue = false,
): Promise<T> {
  const started = trace.enabled ? process.hrtime.bigint() : 0n;
  asyncFunctions[op] ??= native()[op];
  const fn = asyncFunctions[op] as (...a: NativeArgs[K]) => Promise<NativeResults[K]>;
  const result = await fn(...args);
  if (trace.enabled) traceCall(op, 'async', result, started);
  check(op, result, allowContinue);
  return finish(result);
}

const CONTINUE_NEEDED = GSS_S.CONTINUE_NEEDED;

function check(op: string, result: NativeStatus & { token?: Buffer; mech?: Buffer }, allowContinue: boolean): void {
  const major = result.major ?? 0;
  if (major === 0 || (allowContinue && major === CONTINUE_NEEDED)) return;
  throw createGSSError({
    major,
    minor: result.minor ?? 0,
    majorMessages: result.majorText ?? [],
    minorMessages: result.minorText ?? [],
    mech: result.mech ? oidFromBinding(result.mech) : undefined,
    token: result.token && result.token.length > 0 ? result.token : undefined,
    operation: op,
  });
}

function traceCall(op: string, mode: string, result: NativeStatus, started: bigint): void {
  const micros = Number(process.hrtime.bigint() - started) / 1000;
  const major = result.major ?? 0;
  const status = major === 0 ? 'ok' : `major 0x${(major >>> 0).toString(16)} minor ${result.minor ?? 0}`;
  trace('%s (%s): %s in %s us', op, mode, status, micros.toFixed(1));
}
