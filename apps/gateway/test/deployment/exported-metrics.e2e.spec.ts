import { RPC_SERVICES } from '@envrefresh/contracts';
import { ALERTS, dashboardExpressions, exportedSeriesNames, metricNamesIn } from '@envrefresh/deployment';
import {
  TestDatabase,
  createTestDatabase,
  createTestNamespace,
  deleteAmqpNamespace,
  namespaceNames,
  testAmqpUrl,
  testServiceEnv,
} from '@envrefresh/testing';
import { RunningApp, migrateSchemas, startApp, waitUntilReady } from '../support/app-processes';

/**
 * The alerts and the dashboard read only names the five apps really export: the suite runs as
 * the e2e specs run it, and each app's /metrics is scraped as Prometheus would.
 */
describe('the alerts and the dashboard against a running suite', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  const apps: RunningApp[] = [];
  let database: TestDatabase;
  const exported = new Map<string, Set<string>>();
  const expositions = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase();
    const backendEnv = testServiceEnv({ databaseUrl: database.url, amqpUrl, namespace });
    await migrateSchemas(backendEnv);
    for (const service of RPC_SERVICES) apps.push(await startApp(service, backendEnv));
    apps.push(await startApp('gateway', testServiceEnv({ amqpUrl, namespace })));
    await Promise.all(apps.map((app) => waitUntilReady(app)));
    for (const app of apps) {
      const response = await fetch(`${app.baseUrl}/metrics`);
      expect(response.status).toBe(200);
      const text = await response.text();
      expositions.set(app.name, text);
      exported.set(app.name, exportedSeriesNames(text));
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.process.stop()));
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
    await database?.drop();
  });

  const exporters = (name: string) =>
    [...exported].filter(([, names]) => names.has(name)).map(([app]) => app);
  const unexported = (expressions: string[]) =>
    [...new Set(expressions.flatMap(metricNamesIn))].filter((name) => exporters(name).length === 0);

  it('every alert expression names exported metrics', () => {
    expect(unexported(ALERTS.map((alert) => alert.expr))).toEqual([]);
  });

  it('every dashboard query names exported metrics', () => {
    expect(unexported(dashboardExpressions())).toEqual([]);
  });

  it('the business metrics come from the apps that own them', () => {
    expect(exporters('refresh_intents')).toEqual(['intents']);
    expect(exporters('refresh_intents_pending_approval_oldest_age_seconds')).toEqual(['intents']);
    expect(exporters('refresh_duration_seconds_bucket')).toEqual(['intents']);
    expect(exporters('conflicts_open')).toEqual(['conflicts']);
    expect(exporters('notification_delivery_attempts_total')).toEqual(['notifications']);
    expect(exporters('scheduling_jobs_late')).toEqual(['scheduling']);
    // Every consumer reports its own queue and DLQ, read from the broker at scrape time.
    for (const service of RPC_SERVICES)
      for (const kind of ['events', 'dead_letter'])
        expect(expositions.get(service)).toMatch(
          new RegExp(
            `^messaging_queue_messages\\{consumer="${service}",queue="[^"]+",kind="${kind}"\\} 0$`,
            'm',
          ),
        );
    expect(exporters('app_readiness_changes_total').length).toBe(apps.length);
  });
});
