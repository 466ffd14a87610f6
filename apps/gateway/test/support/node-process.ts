import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../../..');

/** Only what Node itself needs from the caller's environment, so no stray app variable leaks in. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'SYSTEMROOT'];

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface NodeProcess {
  readonly child: ChildProcess;
  /** Everything written to stdout and stderr so far, for assertions and failure messages. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
  /** Sends SIGTERM and waits for the exit; SIGKILL after `graceMs` so a hung child never outlives the spec. */
  stop(graceMs?: number): Promise<Exit>;
}

/** Runs a built entry point, e.g. `dist/apps/intents/src/main.js`, as a real process with exactly `env`. */
export function startNode(script: string, env: Record<string, string>): NodeProcess {
  const inherited = Object.fromEntries(
    INHERITED.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])),
  );
  const child = spawn(process.execPath, [path.join(ROOT, script)], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    async stop(graceMs = 10_000) {
      if (alive()) child.kill('SIGTERM');
      const timer = setTimeout(() => alive() && child.kill('SIGKILL'), graceMs);
      try {
        return await exited;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Runs a script that is expected to end by itself; gives up (and kills it) after `timeoutMs`. */
export async function runNodeToExit(
  script: string,
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<Exit & { stdout: string; stderr: string; elapsedMs: number }> {
  const started = Date.now();
  const run = startNode(script, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  try {
    const exit = await run.exited;
    return { ...exit, stdout: run.stdout(), stderr: run.stderr(), elapsedMs: Date.now() - started };
  } finally {
    clearTimeout(timer);
  }
}
