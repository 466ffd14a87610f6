import { RPC_SERVICES } from '@envrefresh/contracts';
import type { IJob } from 'kubernetes-models/batch/v1';
import type { IIngress } from 'kubernetes-models/networking.k8s.io/v1';
import type { IConfigMap, INamespace } from 'kubernetes-models/v1';
import { DeploymentEnvironment } from './environments';
import { CONFIG_MAP, DEPLOYED_APPS, MIGRATE, NAMESPACE, PART_OF, SHARED_SECRET, appLabels } from './suite';
import { CONTAINER_SECURITY, POD_SECURITY, TMP_MOUNT, TMP_VOLUME, imageOf } from './workloads';

export function namespace(): INamespace {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      name: NAMESPACE,
      labels: { ...PART_OF, 'pod-security.kubernetes.io/enforce': 'restricted' },
    },
  };
}

/**
 * Non-secret settings shared by every app; every other variable keeps the default the README's
 * "Configuration" table gives. Connection strings and keys live in Secrets (secret.example.yaml).
 */
export function sharedConfig(environment: DeploymentEnvironment): IConfigMap {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: CONFIG_MAP, namespace: NAMESPACE, labels: { ...PART_OF } },
    data: {
      AMQP_NAMESPACE: NAMESPACE,
      EVENTS_EXCHANGE: `${NAMESPACE}.events`,
      PUBLIC_URL: `https://${environment.host}`,
      ...environment.config,
    },
  };
}

/** Only the gateway is public, and only its API: probes and /metrics stay inside the cluster. */
export function ingress(environment: DeploymentEnvironment): IIngress {
  const gateway = DEPLOYED_APPS.find((app) => app.reach.public);
  if (!gateway) throw new Error('no app is public');
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name: gateway.name, namespace: NAMESPACE, labels: appLabels(gateway.name) },
    spec: {
      ingressClassName: environment.ingressClassName,
      tls: [{ hosts: [environment.host], secretName: 'envrefresh-tls' }],
      rules: [
        {
          host: environment.host,
          http: {
            paths: [
              {
                path: '/api',
                pathType: 'Prefix',
                backend: { service: { name: gateway.name, port: { name: 'http' } } },
              },
            ],
          },
        },
      ],
    },
  };
}

/**
 * Applies every service's migrations, each under its own Postgres advisory lock, so two runs never
 * interleave. Not in the kustomization, which would start it alongside the rollout instead of
 * before it; the hook annotations make it run first under Helm or Argo CD.
 */
export function migrationJob(environment: DeploymentEnvironment): IJob {
  const services = RPC_SERVICES.join(' ');
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: 'envrefresh-migrate',
      namespace: NAMESPACE,
      labels: appLabels(MIGRATE),
      annotations: {
        'helm.sh/hook': 'pre-install,pre-upgrade',
        'helm.sh/hook-weight': '-5',
        'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
        'argocd.argoproj.io/hook': 'PreSync',
        'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      },
    },
    spec: {
      backoffLimit: 3,
      activeDeadlineSeconds: 600,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels: appLabels(MIGRATE) },
        spec: {
          restartPolicy: 'Never',
          automountServiceAccountToken: false,
          securityContext: POD_SECURITY,
          containers: [
            {
              name: MIGRATE,
              image: imageOf(environment),
              command: [
                'sh',
                '-c',
                `for a in ${services}; do node dist/apps/$a/src/migrate.js || exit 1; done`,
              ],
              envFrom: [{ configMapRef: { name: CONFIG_MAP } }, { secretRef: { name: SHARED_SECRET } }],
              resources: {
                requests: { cpu: '100m', memory: '128Mi' },
                limits: { cpu: '1', memory: '384Mi' },
              },
              securityContext: CONTAINER_SECURITY,
              volumeMounts: [TMP_MOUNT],
            },
          ],
          volumes: [TMP_VOLUME],
        },
      },
    },
  };
}
