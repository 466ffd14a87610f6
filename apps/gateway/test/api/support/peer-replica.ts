import { eventually } from '@envrefresh/testing';
import { RunningApp } from '../../support/app-processes';
import { ApiClient } from './api-client';
import { ApiSuite } from './api-suite';

/** One sample of a metric on a replica's /metrics, 0 when absent. */
export async function metric(
  app: RunningApp,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${app.baseUrl}/metrics`)).text();
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/([a-z_]+)="([^"]*)"/g)].map((pair) => [pair[1], pair[2]]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return 0;
}

/** The suite's own gateway, replica A. */
export function firstGateway(suite: ApiSuite): RunningApp {
  return suite.apps.find((app) => app.name === 'gateway')!;
}

/**
 * A second gateway replica (ADR 0031), returned once it serves from memory and each replica waits
 * for the other on its writes: a replica serves once it hears its own heartbeat, and waits for a
 * peer once it heard the peer's.
 */
export async function startPeerReplica(suite: ApiSuite): Promise<{ app: RunningApp; api: ApiClient }> {
  const app = await suite.startGateway();
  await eventually(async () => {
    expect(await metric(app, 'gateway_views_serving')).toBe(1);
    expect(await metric(app, 'gateway_views_peers')).toBe(1);
    expect(await metric(firstGateway(suite), 'gateway_views_peers')).toBe(1);
  });
  return { app, api: new ApiClient(app.baseUrl) };
}
