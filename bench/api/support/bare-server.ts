import { ChildApp, startChildApp } from './child-app';
import { freePort } from '@envrefresh/testing';
import { waitUntilAnswering } from './wait-until-answering';

export interface BareServer {
  url: string;
  app: ChildApp;
}

/** Starts bench/api/bare-fastify.server in its own process and waits until it answers. */
export async function startBareServer(onStarted: (app: ChildApp) => void): Promise<BareServer> {
  const port = await freePort();
  const app = startChildApp('bare-fastify', 'dist/bench/api/bare-fastify.server.js', { PORT: String(port) });
  onStarted(app);
  const url = `http://127.0.0.1:${port}/bare`;
  await waitUntilAnswering(app, url);
  return { url, app };
}
