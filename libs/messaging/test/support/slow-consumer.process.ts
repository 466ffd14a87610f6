import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import { eventually } from '@envrefresh/testing';

const MAIN = path.resolve(__dirname, '../../../../dist/libs/testing/src/fixtures/slow-consumer.main.js');

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** The built slow-consumer fixture as a real process, with what it printed so far. */
export class SlowConsumerProcess {
  /** Ids of the events whose handler this process started. */
  readonly started = new Set<string>();
  readonly exited: Promise<ProcessExit>;
  private ready = false;
  private stdout = '';
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    let pending = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) this.read(line);
    });
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // 'close' comes after the last stdout chunk, so `started` is complete once this resolves.
    this.exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  }

  /** Resolves once the fixture consumes its queue. */
  static async start(env: Record<string, string>): Promise<SlowConsumerProcess> {
    const consumer = new SlowConsumerProcess(
      spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: 'pipe' }),
    );
    let exit: ProcessExit | undefined;
    void consumer.exited.then((result) => (exit = result));
    await eventually(
      () => {
        if (exit)
          throw new Error(
            `slow consumer exited (${exit.signal ?? exit.code}) before it was ready:\n${consumer.stdout}${consumer.stderr}`,
          );
        expect(consumer.ready).toBe(true);
      },
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    return consumer;
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** What the process wrote to stderr: Nest's logger sends errors there. */
  get errors(): string {
    return this.stderr;
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private read(line: string): void {
    if (line === 'ready') this.ready = true;
    const started = /^started (\S+)$/.exec(line);
    if (started) this.started.add(started[1]);
    if (!started) this.stdout += `${line}\n`;
  }
}
