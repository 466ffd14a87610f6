import { testServiceEnv } from '@envrefresh/testing';
import { RunningApp, startApp } from '../../support/app-processes';

/** A gateway process on its own; the services behind it may be absent, so it waits for liveness only. */
export async function startGateway(
  amqpUrl: string,
  namespace: string,
  extra: Record<string, string> = {},
): Promise<RunningApp> {
  const gateway = await startApp('gateway', testServiceEnv({ amqpUrl, namespace, extra }));
  await waitUntilLive(gateway);
  return gateway;
}

export async function waitUntilLive(app: RunningApp, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exit: unknown;
  void app.process.exited.then((result) => (exit = result));
  while (Date.now() < deadline) {
    if (exit) throw new Error(`${app.name} exited ${JSON.stringify(exit)}:\n${app.process.stderr()}`);
    const live = await fetch(`${app.baseUrl}/health/live`).then(
      (response) => response.ok,
      () => false,
    );
    if (live) return;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`${app.name} never became live:\n${app.process.stderr()}${app.process.stdout()}`);
}

/** Reads a problem+json answer, failing the spec with the body when it is not one. */
export async function problemOf(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  if (!(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) {
    throw new Error(
      `expected application/problem+json, got ${response.headers.get('content-type')}: ${text}`,
    );
  }
  return JSON.parse(text) as Record<string, unknown>;
}
