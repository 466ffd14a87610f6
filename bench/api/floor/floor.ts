import { ChildApp, startChildApp } from '../support/child-app';
import { freePort } from '@envrefresh/testing';
import { waitUntilAnswering } from '../support/wait-until-answering';

export interface FloorSettings {
  databaseUrl: string;
  amqpUrl: string;
  /** The RPC queue's name, in the run's namespace so the bench deletes it with the rest. */
  queue: string;
  jwtSecret: string;
  /** An intent that exists, read by the readiness probe. */
  intentId: string;
}

export interface RunningFloor {
  /** `GET <baseUrl>/floor/intents/{id}` with the requester's token is the floor's request. */
  baseUrl: string;
  apps: ChildApp[];
}

/** Starts the floor's two processes (bench/api/floor) and waits for a whole round trip to answer. */
export async function startFloor(
  settings: FloorSettings,
  onStarted: (app: ChildApp) => void,
): Promise<RunningFloor> {
  const common = { AMQP_URL: settings.amqpUrl, FLOOR_QUEUE: settings.queue };
  const service = startChildApp('floor-service', 'dist/bench/api/floor/floor-service.server.js', {
    ...common,
    DATABASE_URL: settings.databaseUrl,
  });
  onStarted(service);
  const port = await freePort();
  const gateway = startChildApp('floor-gateway', 'dist/bench/api/floor/floor-gateway.server.js', {
    ...common,
    JWT_SECRET: settings.jwtSecret,
    PORT: String(port),
  });
  onStarted(gateway);
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(gateway, `${baseUrl}/ready/${settings.intentId}`);
  return { baseUrl, apps: [gateway, service] };
}
