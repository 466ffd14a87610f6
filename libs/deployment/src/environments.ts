import { AppName } from '@envrefresh/config';
import type { INetworkPolicyPeer } from 'kubernetes-models/networking.k8s.io/v1';
import type { IResourceRequirements } from 'kubernetes-models/v1';

/** How big one app runs, and how far the autoscaler may take it. */
export interface AppSize {
  resources: IResourceRequirements;
  minReplicas: number;
  maxReplicas: number;
}

/** A dependency outside the suite's pods that a NetworkPolicy lets an app reach. */
export interface Endpoint {
  peers: INetworkPolicyPeer[];
  ports: number[];
}

/** Everything that differs between installations; the manifests are the same function of it. */
export interface DeploymentEnvironment {
  /** Directory under k8s/rendered/. */
  name: string;
  imageTag: string;
  host: string;
  ingressClassName: string;
  /** Where the ingress controller's pods run (the only ones that may reach the gateway). */
  ingressControllerNamespace: string;
  /** Where Prometheus runs (it scrapes every app's /metrics). */
  monitoringNamespace: string;
  /** The label the Prometheus of the cluster selects ServiceMonitors and PrometheusRules by. */
  prometheusSelectorLabels: Record<string, string>;
  /** CPU use, in percent of the request, the autoscaler keeps each app near. */
  cpuTargetPercent: number;
  /** Ready messages per replica at which KEDA adds a consumer replica (k8s/rendered/keda). */
  queueLengthPerReplica: number;
  sizes: Record<AppName, AppSize>;
  postgres: Endpoint;
  rabbitmq: Endpoint;
  /** The identity provider's JWKS, which the gateway fetches when JWT_JWKS_URL is set. */
  identityProvider: Endpoint;
  /** What notifications may call: the internet's https and SMTP, not the cluster's private ranges. */
  outside: Endpoint;
  /** Settings of the shared ConfigMap beyond the suite's own names. */
  config: Record<string, string>;
}

/** Private and link-local ranges: the cluster and its neighbours, which the outside rule excludes. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'];
const INTERNET: INetworkPolicyPeer[] = [
  { ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } },
  { ipBlock: { cidr: '::/0', except: ['fc00::/7', 'fe80::/10'] } },
];

const size = (
  cpu: string,
  memory: string,
  cpuLimit: string,
  memoryLimit: string,
  min: number,
  max: number,
): AppSize => ({
  resources: { requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } },
  minReplicas: min,
  maxReplicas: max,
});

/** What `kubectl apply -k k8s` deploys: a small installation, two replicas of each app. */
export const BASE: DeploymentEnvironment = {
  name: 'base',
  imageTag: '0.1.0',
  host: 'envrefresh.example.com',
  ingressClassName: 'nginx',
  ingressControllerNamespace: 'ingress-nginx',
  monitoringNamespace: 'monitoring',
  prometheusSelectorLabels: { release: 'kube-prometheus-stack' },
  cpuTargetPercent: 70,
  queueLengthPerReplica: 200,
  sizes: {
    gateway: size('200m', '192Mi', '1', '512Mi', 2, 6),
    intents: size('100m', '192Mi', '1', '512Mi', 2, 4),
    conflicts: size('200m', '256Mi', '1', '768Mi', 2, 4),
    scheduling: size('100m', '192Mi', '1', '512Mi', 2, 4),
    notifications: size('100m', '192Mi', '1', '512Mi', 2, 4),
  },
  // Postgres outside the cluster (a managed database), RabbitMQ from the Cluster Operator in the namespace.
  postgres: { peers: [{ ipBlock: { cidr: '10.0.0.0/8' } }], ports: [5432] },
  rabbitmq: {
    peers: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'rabbitmq' } } }],
    ports: [5671, 5672],
  },
  identityProvider: { peers: INTERNET, ports: [443] },
  outside: { peers: INTERNET, ports: [443, 25, 465, 587] },
  config: {
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    JWT_ISSUER: 'envrefresh',
    JWT_AUDIENCE: 'envrefresh-api',
    // The gateway sits behind the Ingress: take the client address from X-Forwarded-For.
    TRUST_PROXY: 'true',
  },
};

/** `kubectl apply -k k8s/rendered/production`: more replicas, more headroom, spread wider. */
export const PRODUCTION: DeploymentEnvironment = {
  ...BASE,
  name: 'production',
  sizes: {
    gateway: size('500m', '256Mi', '2', '768Mi', 3, 12),
    intents: size('300m', '256Mi', '2', '768Mi', 3, 8),
    conflicts: size('500m', '384Mi', '2', '1Gi', 3, 8),
    scheduling: size('200m', '256Mi', '1', '512Mi', 3, 6),
    notifications: size('300m', '256Mi', '2', '768Mi', 3, 10),
  },
  // Three replicas of four services share the server's max_connections: keep each pool modest.
  config: { ...BASE.config, DATABASE_POOL_SIZE: '10' },
};

export const ENVIRONMENTS: readonly DeploymentEnvironment[] = [BASE, PRODUCTION];
