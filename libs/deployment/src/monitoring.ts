import type {
  IPrometheusRule,
  IServiceMonitor,
} from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
import type { IConfigMap } from 'kubernetes-models/v1';
import { ALERTS, runbookAnchor } from './alerts';
import { grafanaDashboard } from './dashboard';
import { DeploymentEnvironment } from './environments';
import { OPERATIONAL_PATHS } from './operational-paths';
import { NAMESPACE, PART_OF } from './suite';

export const RUNBOOK_URL = 'https://github.com/envrefresh/envrefresh/blob/main/docs/operations.md';
export const DASHBOARD_FILE = 'envrefresh.json';

/** Scrapes every app's Service on its `http` port; `job` is the Service's name, i.e. the app. */
export function serviceMonitor(environment: DeploymentEnvironment): IServiceMonitor {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    metadata: {
      name: 'envrefresh',
      namespace: NAMESPACE,
      labels: { ...PART_OF, ...environment.prometheusSelectorLabels },
    },
    spec: {
      selector: { matchLabels: { ...PART_OF } },
      namespaceSelector: { matchNames: [NAMESPACE] },
      endpoints: [{ port: 'http', path: OPERATIONAL_PATHS.metrics, interval: '30s', scrapeTimeout: '10s' }],
    },
  };
}

export function prometheusRule(environment: DeploymentEnvironment): IPrometheusRule {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: {
      name: 'envrefresh',
      namespace: NAMESPACE,
      labels: { ...PART_OF, ...environment.prometheusSelectorLabels },
    },
    spec: {
      groups: [
        {
          name: 'envrefresh',
          rules: ALERTS.map((alert) => ({
            alert: alert.alert,
            expr: alert.expr,
            for: alert.for,
            labels: { severity: alert.severity },
            annotations: {
              summary: alert.summary,
              runbook_url: `${RUNBOOK_URL}#${runbookAnchor(alert.alert)}`,
            },
          })),
        },
      ],
    },
  };
}

/** The dashboard as Grafana's sidecar loads it (kube-prometheus-stack: label grafana_dashboard). */
export function dashboardConfigMap(): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'envrefresh-dashboard',
      namespace: NAMESPACE,
      labels: { ...PART_OF, grafana_dashboard: '1' },
    },
    data: { [DASHBOARD_FILE]: renderDashboard() },
  };
}

export function renderDashboard(): string {
  return `${JSON.stringify(grafanaDashboard(), null, 2)}\n`;
}
