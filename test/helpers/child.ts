/**
 * Runs a Node.js child process without blocking the test file's event loop
 * (spawnSync would stall every concurrent test in the file).
 */
import { spawn } from 'node:child_process';

/** How a child process ended and what it printed. */
export interface ChildResult {
  /** The exit code, or null when it died from a signal. */
  status: number | null;
  /** The signal that killed it, if any (e.g. 'SIGABRT' for a C++ std::terminate). */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` with this process's environment (so it sees the realm)
 * plus `env`, killing it after `timeoutMs`.
 */
export function runNode(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
