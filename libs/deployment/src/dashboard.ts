/** One panel of the Grafana dashboard: a title, a unit and the queries it plots. */
interface PanelDefinition {
  title: string;
  unit: string;
  queries: { expr: string; legend: string }[];
}

interface Row {
  title: string;
  panels: PanelDefinition[];
}

const q = (expr: string, legend: string) => ({ expr, legend });

/** What the dashboard shows: the business first, then what the alerts watch. */
export const DASHBOARD_ROWS: readonly Row[] = [
  {
    title: 'Refreshes',
    panels: [
      {
        title: 'Intents by status',
        unit: 'short',
        queries: [q('max by (status) (sum by (status, pod) (refresh_intents))', '{{status}}')],
      },
      {
        title: 'Intents by refresh type (not finished)',
        unit: 'short',
        queries: [
          q(
            'max by (refresh_type) (sum by (refresh_type, pod) (refresh_intents{status=~"DRAFT|REQUESTED|APPROVED|SCHEDULED|IN_PROGRESS"}))',
            '{{refresh_type}}',
          ),
        ],
      },
      {
        title: 'Pending approvals and the oldest one',
        unit: 'short',
        queries: [
          q('max(refresh_intents_pending_approval)', 'waiting'),
          q('max(refresh_intents_pending_approval_oldest_age_seconds) / 3600', 'oldest (hours)'),
        ],
      },
      {
        title: 'Refresh duration p50 / p90 by type and outcome',
        unit: 's',
        queries: [
          q(
            'histogram_quantile(0.5, sum by (le, refresh_type, outcome) (rate(refresh_duration_seconds_bucket[1d])))',
            'p50 {{refresh_type}} {{outcome}}',
          ),
          q(
            'histogram_quantile(0.9, sum by (le, refresh_type, outcome) (rate(refresh_duration_seconds_bucket[1d])))',
            'p90 {{refresh_type}} {{outcome}}',
          ),
        ],
      },
      {
        title: 'Open conflicts by rule and severity',
        unit: 'short',
        queries: [q('max by (rule, severity) (conflicts_open)', '{{rule}} {{severity}}')],
      },
      {
        title: 'Deliveries by channel and outcome',
        unit: 'ops',
        queries: [
          q(
            'sum by (channel, outcome) (rate(notification_delivery_attempts_total[5m]))',
            '{{channel}} {{outcome}}',
          ),
        ],
      },
      {
        title: 'Late scheduled jobs and firing lag p99',
        unit: 'short',
        queries: [
          q('max(scheduling_jobs_late)', 'late jobs'),
          q(
            'histogram_quantile(0.99, sum by (le) (rate(scheduling_job_firing_lag_seconds_bucket[5m])))',
            'lag p99 (s)',
          ),
        ],
      },
    ],
  },
  {
    title: 'Messaging',
    panels: [
      {
        title: 'Queue depth',
        unit: 'short',
        queries: [q('max by (queue) (messaging_queue_messages{kind="events"})', '{{queue}}')],
      },
      {
        title: 'Dead-letter queues',
        unit: 'short',
        queries: [q('max by (queue) (messaging_queue_messages{kind="dead_letter"})', '{{queue}}')],
      },
      {
        title: 'Oldest unpublished event',
        unit: 's',
        queries: [q('max by (service) (messaging_outbox_oldest_age_seconds)', '{{service}}')],
      },
      {
        title: 'Published, consumed, retried, dead-lettered',
        unit: 'ops',
        queries: [
          q('sum(rate(messaging_published_total[5m]))', 'published'),
          q('sum(rate(messaging_consumed_total[5m]))', 'consumed'),
          q('sum(rate(messaging_retried_total[5m]))', 'retried'),
          q('sum(rate(messaging_dead_lettered_total[5m]))', 'dead-lettered'),
        ],
      },
    ],
  },
  {
    title: 'Service health',
    panels: [
      {
        title: '5xx ratio by app',
        unit: 'percentunit',
        queries: [
          q(
            'sum by (job) (rate(http_requests_total{status_code=~"5.."}[5m])) / sum by (job) (rate(http_requests_total[5m]))',
            '{{job}}',
          ),
        ],
      },
      {
        title: 'Request latency p99 by app',
        unit: 's',
        queries: [
          q(
            'histogram_quantile(0.99, sum by (le, job) (rate(http_request_duration_seconds_bucket[5m])))',
            '{{job}}',
          ),
        ],
      },
      {
        title: 'Circuit breakers (2 = open)',
        unit: 'short',
        queries: [
          q('max by (target) (rpc_circuit_breaker_state)', 'rpc {{target}}'),
          q('max by (host) (notifications_channel_breaker_state)', 'destination {{host}}'),
        ],
      },
      {
        title: 'Database pool in use / max',
        unit: 'percentunit',
        queries: [
          q(
            '(max by (service, pod) (db_pool_connections{state="open"}) - max by (service, pod) (db_pool_connections{state="idle"})) / max by (service, pod) (db_pool_max_connections)',
            '{{service}} {{pod}}',
          ),
        ],
      },
      {
        title: 'Readiness changes (15 min)',
        unit: 'short',
        queries: [q('increase(app_readiness_changes_total[15m])', '{{pod}}')],
      },
      {
        title: 'Event loop lag p99',
        unit: 's',
        queries: [q('max by (job) (nodejs_eventloop_lag_p99_seconds)', '{{job}}')],
      },
    ],
  },
];

const PANEL_WIDTH = 8;
const PANEL_HEIGHT = 8;

/** The Grafana dashboard (schema 39), laid out three panels a row. */
export function grafanaDashboard(): Record<string, unknown> {
  const panels: Record<string, unknown>[] = [];
  let id = 1;
  let y = 0;
  for (const row of DASHBOARD_ROWS) {
    panels.push({
      id: id++,
      type: 'row',
      title: row.title,
      collapsed: false,
      gridPos: { x: 0, y, w: 24, h: 1 },
    });
    y += 1;
    row.panels.forEach((panel, index) => {
      panels.push({
        id: id++,
        type: 'timeseries',
        title: panel.title,
        datasource: { type: 'prometheus', uid: '${datasource}' },
        fieldConfig: { defaults: { unit: panel.unit }, overrides: [] },
        gridPos: {
          x: (index % 3) * PANEL_WIDTH,
          y: y + Math.floor(index / 3) * PANEL_HEIGHT,
          w: PANEL_WIDTH,
          h: PANEL_HEIGHT,
        },
        targets: panel.queries.map((query, refIndex) => ({
          refId: String.fromCharCode(65 + refIndex),
          datasource: { type: 'prometheus', uid: '${datasource}' },
          expr: query.expr,
          legendFormat: query.legend,
        })),
      });
    });
    y += Math.ceil(row.panels.length / 3) * PANEL_HEIGHT;
  }
  return {
    uid: 'envrefresh',
    title: 'envrefresh',
    tags: ['envrefresh'],
    timezone: 'browser',
    schemaVersion: 39,
    version: 1,
    refresh: '30s',
    time: { from: 'now-6h', to: 'now' },
    templating: {
      list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Prometheus' }],
    },
    panels,
  };
}

/** Every query of the dashboard, for the spec that checks their metric names. */
export function dashboardExpressions(): string[] {
  return DASHBOARD_ROWS.flatMap((row) =>
    row.panels.flatMap((panel) => panel.queries.map((query) => query.expr)),
  );
}
