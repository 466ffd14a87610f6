import { AppName } from '@envrefresh/config';
import { RPC_SERVICES } from '@envrefresh/contracts';
import { freePort } from '@envrefresh/testing';
import { NodeProcess, runNodeToExit, startNode } from './node-process';

export interface RunningApp {
  name: AppName;
  baseUrl: string;
  process: NodeProcess;
}

/** Applies every backend's migrations with its own CLI, as `npm run migrate` does. */
export async function migrateSchemas(env: Record<string, string>): Promise<void> {
  const runs = await Promise.all(
    RPC_SERVICES.map(async (app) => ({
      app,
      ...(await runNodeToExit(`dist/apps/${app}/src/migrate.js`, env, 30_000)),
    })),
  );
  const failed = runs.filter((run) => run.code !== 0);
  if (failed.length > 0) {
    throw new Error(
      failed
        .map((run) => `migrating ${run.app} exited ${run.code ?? run.signal}: ${run.stderr.trim()}`)
        .join('\n'),
    );
  }
}

export async function startApp(name: AppName, env: Record<string, string>): Promise<RunningApp> {
  const port = await freePort();
  return {
    name,
    baseUrl: `http://127.0.0.1:${port}`,
    process: startNode(`dist/apps/${name}/src/main.js`, { ...env, PORT: String(port) }),
  };
}

/**
 * Polls GET /health/ready until it answers 200. An app that exits meanwhile fails at once with
 * what it printed, rather than after the whole timeout.
 */
export async function waitUntilReady(app: RunningApp, timeoutMs = 40_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: unknown;
  void app.process.exited.then((result) => (exit = result));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exit)
      throw new Error(`${app.name} exited ${JSON.stringify(exit)} before it was ready:\n${output(app)}`);
    try {
      const response = await fetch(`${app.baseUrl}/health/ready`, { signal: AbortSignal.timeout(3_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${app.name} was not ready within ${timeoutMs} ms (last: ${last}):\n${output(app)}`);
}

function output(app: RunningApp): string {
  return `${app.process.stderr()}${app.process.stdout()}`.trim().split('\n').slice(-20).join('\n');
}
