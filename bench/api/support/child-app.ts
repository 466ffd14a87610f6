import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { appNodeOptions } from '@envrefresh/platform';

const ROOT = path.resolve(__dirname, '../../../..');

/** Only what Node itself needs from the bench's environment, so no stray app variable leaks in. */
const INHERITED = ['PATH', 'HOME', 'TMPDIR', 'LANG'];

/** Enough of what a child printed to explain why it died, without holding a run's access log in memory. */
const KEPT_OUTPUT_CHARS = 16_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface MemoryUse {
  /** Resident set size now (VmRSS). */
  rssMb: number;
  /** The highest resident set size since the process started (VmHWM). */
  peakRssMb: number;
}

export interface ChildApp {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<Exit>;
  /** The tail of what it wrote to stdout and stderr. */
  output(): string;
  /** Throws, with the tail of its output, when the process has ended. */
  memory(): MemoryUse;
  /** SIGTERM, then SIGKILL after `graceMs`: a hung app never outlives the bench. */
  stop(graceMs?: number): Promise<Exit>;
}

/** Runs a built entry point such as `dist/apps/intents/src/main.js` with exactly `env`. */
export function startChildApp(name: string, script: string, env: Record<string, string>): ChildApp {
  const inherited = Object.fromEntries(
    INHERITED.flatMap((variable) => (process.env[variable] ? [[variable, process.env[variable]]] : [])),
  );
  const profiling = profilingFlags(name);
  const child = spawn(process.execPath, [...profiling, path.join(ROOT, script)], {
    cwd: ROOT,
    // The heap limits the image and `npm start` run the apps with.
    env: { NODE_OPTIONS: appNodeOptions(name), ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let tail = '';
  const keep = (chunk: string) => (tail = (tail + chunk).slice(-KEPT_OUTPUT_CHARS));
  child.stdout?.setEncoding('utf8').on('data', keep);
  child.stderr?.setEncoding('utf8').on('data', keep);
  const exited = new Promise<Exit>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  return {
    name,
    child,
    exited,
    output: () => tail,
    memory: () => {
      if (!alive())
        throw new Error(
          `${name} is no longer running (exit ${child.exitCode ?? child.signalCode}):\n${tail.trim()}`,
        );
      return memoryOf(child.pid);
    },
    // A profiled app writes its profile as it exits: give it the time a hanging call may hold it.
    async stop(graceMs = profiling.length > 0 ? 30_000 : 10_000) {
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

/**
 * `BENCH_CPU_PROFILE=notifications,intents` (or `all`) runs those apps under `--cpu-prof`; each
 * writes a `.cpuprofile` into `BENCH_CPU_PROFILE_DIR` (default `bench-profiles/<app>`) when it
 * exits, which it does on the bench's SIGTERM unless the stop grace runs out first.
 */
function profilingFlags(name: string): string[] {
  const wanted = (process.env.BENCH_CPU_PROFILE ?? '').split(',').map((entry) => entry.trim());
  if (!wanted.includes(name) && !wanted.includes('all')) return [];
  const directory = path.join(process.env.BENCH_CPU_PROFILE_DIR ?? path.join(ROOT, 'bench-profiles'), name);
  return ['--cpu-prof', `--cpu-prof-dir=${directory}`];
}

/** Runs a script that ends by itself (a migration) and fails with its output unless it exits 0. */
export async function runChildToExit(
  name: string,
  script: string,
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<void> {
  const run = startChildApp(name, script, env);
  const timer = setTimeout(() => run.child.kill('SIGKILL'), timeoutMs);
  try {
    const exit = await run.exited;
    if (exit.code !== 0)
      throw new Error(`${name} exited ${exit.code ?? exit.signal}:\n${run.output().trim()}`);
  } finally {
    clearTimeout(timer);
  }
}

function memoryOf(pid: number | undefined): MemoryUse {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMb: kilobytes('VmRSS') / 1024, peakRssMb: kilobytes('VmHWM') / 1024 };
}
