/**
 * Last-resort cleanup of live realms when the process ends without calling `stop()`.
 *
 * Invariant: while at least one cleanup is registered, one 'exit' listener and one listener per
 * {@link SIGNALS} entry are installed; when the last cleanup is unregistered, all of them are removed.
 *
 * @packageDocumentation
 */

/** Signals whose default action would end the process without an 'exit' event. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

const cleanups = new Set<() => void>();

function runAll(): void {
  for (const cleanup of cleanups) {
    try {
      cleanup();
    } catch {
      // best effort: keep cleaning the others
    }
  }
  cleanups.clear();
}

function onExit(): void {
  runAll();
}

function onSignal(signal: NodeJS.Signals): void {
  // Someone else handles this signal: they own shutdown (and our 'exit' listener still runs).
  if (process.listenerCount(signal) > 1) return;
  runAll();
  uninstall();
  process.kill(process.pid, signal); // no listener left: die the default way, with the same signal
}

function install(): void {
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
}

function uninstall(): void {
  process.off('exit', onExit);
  for (const signal of SIGNALS) process.off(signal, onSignal);
}

/**
 * Registers a synchronous cleanup to run if the process exits (normally, by an uncaught exception, or
 * by SIGINT/SIGTERM/SIGHUP with no other handler) before it is unregistered.
 *
 * @returns a function unregistering it (idempotent)
 * @example
 * ```ts
 * const unregister = registerCleanup(() => rmSync(dir, { recursive: true, force: true }));
 * // ... later, after an orderly shutdown:
 * unregister();
 * ```
 */
export function registerCleanup(cleanup: () => void): () => void {
  const entry = () => cleanup();
  if (cleanups.size === 0) install();
  cleanups.add(entry);
  return () => {
    if (cleanups.delete(entry) && cleanups.size === 0) uninstall();
  };
}
