import type { IDeployment } from 'kubernetes-models/apps/v1';
import type { IHorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import type { IPodDisruptionBudget } from 'kubernetes-models/policy/v1';
import type { IContainer, IPodSecurityContext, IService, IVolume } from 'kubernetes-models/v1';
import { appNodeOptions } from '@envrefresh/platform';
import { OPERATIONAL_PATHS } from './operational-paths';
import { DeploymentEnvironment } from './environments';
import {
  CONFIG_MAP,
  DeployedApp,
  IMAGE,
  NAMESPACE,
  NODE_USER_ID,
  SHARED_SECRET,
  appLabels,
  appSelector,
  ownSecrets,
} from './suite';

/** The pod-level hardening every pod of the suite gets, the migration Job's included. */
export const POD_SECURITY: IPodSecurityContext = {
  runAsNonRoot: true,
  runAsUser: NODE_USER_ID,
  runAsGroup: NODE_USER_ID,
  fsGroup: NODE_USER_ID,
  seccompProfile: { type: 'RuntimeDefault' },
};

/** A read-only root filesystem; Node and its libraries may still write temporary files to /tmp. */
export const CONTAINER_SECURITY: IContainer['securityContext'] = {
  allowPrivilegeEscalation: false,
  readOnlyRootFilesystem: true,
  privileged: false,
  capabilities: { drop: ['ALL'] },
};
export const TMP_VOLUME: IVolume = { name: 'tmp', emptyDir: { sizeLimit: '64Mi' } };
export const TMP_MOUNT = { name: 'tmp', mountPath: '/tmp' };

export function imageOf(environment: DeploymentEnvironment): string {
  return `${IMAGE}:${environment.imageTag}`;
}

/** The variables each app's pod gets: the shared ConfigMap and Secret, then its own broker Secret. */
export function appContainer(app: DeployedApp, environment: DeploymentEnvironment): IContainer {
  const { live, ready } = OPERATIONAL_PATHS;
  return {
    name: app.name,
    image: imageOf(environment),
    env: [
      { name: 'APP', value: app.name },
      { name: 'PORT', value: String(app.port) },
      { name: 'NODE_OPTIONS', value: appNodeOptions(app.name) },
    ],
    envFrom: [
      { configMapRef: { name: CONFIG_MAP } },
      { secretRef: { name: SHARED_SECRET } },
      // Its own broker user and keys only (least privilege; docs/operations.md, "Broker accounts").
      ...ownSecrets(app).map((name) => ({ secretRef: { name } })),
    ],
    ports: [{ name: 'http', containerPort: app.port }],
    // Gives the Ingress and kube-proxy time to stop routing here before SIGTERM arrives.
    lifecycle: app.reach.public ? { preStop: { exec: { command: ['sleep', '5'] } } } : undefined,
    startupProbe: { httpGet: { path: live, port: 'http' }, periodSeconds: 2, failureThreshold: 30 },
    readinessProbe: {
      httpGet: { path: ready, port: 'http' },
      periodSeconds: 5,
      timeoutSeconds: 3,
      failureThreshold: 3,
    },
    livenessProbe: {
      httpGet: { path: live, port: 'http' },
      periodSeconds: 10,
      timeoutSeconds: 3,
      failureThreshold: 3,
    },
    resources: environment.sizes[app.name].resources,
    securityContext: CONTAINER_SECURITY,
    volumeMounts: [TMP_MOUNT],
  };
}

export function appDeployment(app: DeployedApp, environment: DeploymentEnvironment): IDeployment {
  const selector = appSelector(app.name);
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace: NAMESPACE, labels: appLabels(app.name) },
    spec: {
      // The autoscaler owns the count from here on; this is the start before it acts.
      replicas: environment.sizes[app.name].minReplicas,
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: { labels: appLabels(app.name) },
        spec: {
          // Apps drain on SIGTERM (stop consuming, finish and ack in-flight work, close); 30 s covers it.
          terminationGracePeriodSeconds: 30,
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: POD_SECURITY,
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector },
            },
            {
              maxSkew: 1,
              topologyKey: 'kubernetes.io/hostname',
              whenUnsatisfiable: 'ScheduleAnyway',
              labelSelector: { matchLabels: selector },
            },
          ],
          containers: [appContainer(app, environment)],
          volumes: [TMP_VOLUME],
        },
      },
    },
  };
}

/** Every app has one: Prometheus finds /metrics through it, and the gateway's carries the API. */
export function appService(app: DeployedApp): IService {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, namespace: NAMESPACE, labels: appLabels(app.name) },
    spec: {
      type: 'ClusterIP',
      selector: appSelector(app.name),
      ports: [{ name: 'http', port: app.reach.public ? 80 : app.port, targetPort: 'http' }],
    },
  };
}

export function appDisruptionBudget(app: DeployedApp): IPodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: app.name, namespace: NAMESPACE, labels: appLabels(app.name) },
    spec: { minAvailable: 1, selector: { matchLabels: appSelector(app.name) } },
  };
}

/** Name of the CPU autoscaler, which the KEDA component replaces for consumers. */
export function cpuAutoscalerName(app: DeployedApp): string {
  return app.name;
}

export function appAutoscaler(
  app: DeployedApp,
  environment: DeploymentEnvironment,
): IHorizontalPodAutoscaler {
  const { minReplicas, maxReplicas } = environment.sizes[app.name];
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: cpuAutoscalerName(app), namespace: NAMESPACE, labels: appLabels(app.name) },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: app.name },
      minReplicas,
      maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: environment.cpuTargetPercent },
          },
        },
      ],
      // Scale down slowly: a consumer that just drained its queue may see the next burst soon.
      behavior: { scaleDown: { stabilizationWindowSeconds: 300 } },
    },
  };
}
