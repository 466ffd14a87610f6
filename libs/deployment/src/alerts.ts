/**
 * The alerts of the suite, each with what it means and what to do in docs/operations.md under
 * the heading "Alert: <name>". Every expression reads metrics the apps export themselves (no
 * RabbitMQ or Postgres exporter needed); a spec checks each name against a running suite.
 */
export interface AlertDefinition {
  alert: string;
  expr: string;
  for: string;
  severity: 'critical' | 'warning' | 'info';
  summary: string;
}

export const ALERTS: readonly AlertDefinition[] = [
  {
    alert: 'EnvrefreshQueueBacklog',
    expr: 'max by (queue) (messaging_queue_messages{kind="events"}) > 1000',
    for: '10m',
    severity: 'warning',
    summary: 'Queue {{ $labels.queue }} holds {{ $value }} ready events: its consumers fall behind',
  },
  {
    alert: 'EnvrefreshDeadLetters',
    expr: 'max by (queue) (messaging_queue_messages{kind="dead_letter"}) > 0',
    for: '1m',
    severity: 'warning',
    summary: 'Dead-letter queue {{ $labels.queue }} holds {{ $value }} messages',
  },
  {
    alert: 'EnvrefreshOutboxStuck',
    expr: 'max by (service) (messaging_outbox_oldest_age_seconds) > 60',
    for: '5m',
    severity: 'critical',
    summary: 'The oldest unpublished event of {{ $labels.service }} is {{ $value }} s old',
  },
  {
    alert: 'EnvrefreshDeliveryFailureRate',
    expr:
      'sum by (channel) (rate(notification_delivery_attempts_total{outcome!="SENT"}[15m]))' +
      ' / sum by (channel) (rate(notification_delivery_attempts_total[15m])) > 0.2',
    for: '15m',
    severity: 'warning',
    summary: 'More than 20 % of {{ $labels.channel }} delivery attempts fail',
  },
  {
    alert: 'EnvrefreshRpcCircuitOpen',
    expr: 'max by (target) (rpc_circuit_breaker_state) == 2',
    for: '2m',
    severity: 'critical',
    summary: 'Calls to {{ $labels.target }} are refused: its circuit breaker is open',
  },
  {
    alert: 'EnvrefreshDestinationCircuitOpen',
    expr: 'max by (host) (notifications_channel_breaker_state) == 2',
    for: '15m',
    severity: 'warning',
    summary: 'Deliveries to {{ $labels.host }} are held back: its circuit breaker is open',
  },
  {
    alert: 'EnvrefreshPoolNearExhaustion',
    expr:
      '(max by (service, pod) (db_pool_connections{state="open"}) - max by (service, pod) (db_pool_connections{state="idle"}))' +
      ' / max by (service, pod) (db_pool_max_connections) > 0.9' +
      ' or max by (service, pod) (db_pool_connections{state="waiting"}) > 0',
    for: '5m',
    severity: 'warning',
    summary: 'The database pool of {{ $labels.service }} in {{ $labels.pod }} is nearly used up',
  },
  {
    alert: 'EnvrefreshReadinessFlapping',
    expr: 'increase(app_readiness_changes_total[15m]) > 4',
    for: '0m',
    severity: 'warning',
    summary: '{{ $labels.pod }} turned ready and not ready {{ $value }} times in 15 minutes',
  },
  {
    alert: 'EnvrefreshJobsLate',
    expr: 'max(scheduling_jobs_late) > 0',
    for: '5m',
    severity: 'warning',
    summary: '{{ $value }} scheduled jobs (reminders, start signals, overrun alarms) are late',
  },
  {
    alert: 'EnvrefreshHttp5xxRate',
    expr:
      'sum by (job) (rate(http_requests_total{status_code=~"5.."}[5m]))' +
      ' / sum by (job) (rate(http_requests_total[5m])) > 0.05',
    for: '10m',
    severity: 'critical',
    summary: 'More than 5 % of the requests {{ $labels.job }} answers are 5xx',
  },
  {
    alert: 'EnvrefreshApprovalsWaiting',
    expr: 'max(refresh_intents_pending_approval_oldest_age_seconds) > 86400',
    for: '1h',
    severity: 'info',
    summary: 'An intent has waited for an approval for more than a day',
  },
];

/** Where an alert's meaning and remedy are written, linked from every alert. */
export function runbookAnchor(alert: string): string {
  return `alert-${alert.toLowerCase()}`;
}
