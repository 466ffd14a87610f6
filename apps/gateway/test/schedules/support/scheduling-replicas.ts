import { testServiceEnv } from '@envrefresh/testing';
import { ApiSuite } from '../../api/support/api-suite';
import { RunningApp, startApp, waitUntilReady } from '../../support/app-processes';

/** One more scheduling process on the suite's database and broker namespace, stopped with the suite. */
export async function startSchedulingReplica(suite: ApiSuite): Promise<RunningApp> {
  const app = await startApp(
    'scheduling',
    testServiceEnv({ databaseUrl: suite.database.url, amqpUrl: suite.amqpUrl, namespace: suite.namespace }),
  );
  suite.apps.push(app);
  await waitUntilReady(app);
  return app;
}

/** Every scheduling process of the suite that is still running, stopped (as an operator would, SIGTERM). */
export async function stopScheduling(suite: ApiSuite): Promise<void> {
  const running = suite.apps.filter((app) => app.name === 'scheduling');
  await Promise.all(running.map((app) => app.process.stop()));
}
