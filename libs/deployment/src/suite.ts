import { AppName, DEFAULT_PORTS } from '@envrefresh/config';

/** The namespace, image and labels every object of the suite shares. */
export const NAMESPACE = 'envrefresh';
export const IMAGE = 'envrefresh';
export const PART_OF = { 'app.kubernetes.io/part-of': 'envrefresh' } as const;
/** The image's user is "node"; a numeric id lets the kubelet verify it is not root. */
export const NODE_USER_ID = 1000;

/** Who may reach an app from outside the namespace, and whom it reaches; see network-policies.ts. */
export interface AppReach {
  /** Served to the ingress controller (the public API). */
  public: boolean;
  /** Reads and writes its own Postgres schema. */
  database: boolean;
  /** Verifies callers' JWTs, so it fetches the identity provider's JWKS. */
  verifiesTokens: boolean;
  /** Calls destinations outside the cluster (webhooks, Slack, Teams, SMTP). */
  outside: boolean;
  /** Consumes events from its own queue, so KEDA may scale it on that queue's depth. */
  consumesEvents: boolean;
}

/** One app as it is deployed; everything else of its manifests follows from these and the environment. */
export interface DeployedApp {
  name: AppName;
  /** The first line of its manifest file. */
  role: string;
  port: number;
  reach: AppReach;
}

const backend = (outside = false): AppReach => ({
  public: false,
  database: true,
  verifiesTokens: false,
  outside,
  consumesEvents: true,
});

/** The five apps: adding an app is one entry here (and its sizes in environments.ts). */
export const DEPLOYED_APPS: readonly DeployedApp[] = [
  {
    name: 'gateway',
    role: 'the only public HTTP surface (REST /api/v1, JWT, RBAC, OpenAPI); calls the services over RabbitMQ RPC',
    port: DEFAULT_PORTS.gateway,
    reach: { public: true, database: false, verifiesTokens: true, outside: false, consumesEvents: false },
  },
  {
    name: 'intents',
    role: 'the intent aggregate, its state machine and audit history (schema intents)',
    port: DEFAULT_PORTS.intents,
    reach: backend(),
  },
  {
    name: 'conflicts',
    role: 'conflict rules, dry-run checks and the slot finder (schema conflicts)',
    port: DEFAULT_PORTS.conflicts,
    reach: backend(),
  },
  {
    name: 'scheduling',
    role: 'reminders, start signals and overrun alarms as durable jobs; the calendar (schema scheduling)',
    port: DEFAULT_PORTS.scheduling,
    reach: backend(),
  },
  {
    name: 'notifications',
    role: 'subscriptions and deliveries over webhook, Slack, Teams and e-mail (schema notifications)',
    port: DEFAULT_PORTS.notifications,
    reach: backend(true),
  },
];

export function appLabels(app: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app, ...PART_OF };
}

export function appSelector(app: string): Record<string, string> {
  return { 'app.kubernetes.io/name': app };
}

/** The Secret holding an app's own broker URL (k8s/secret.example.yaml). */
export function amqpSecretName(app: AppName): string {
  return `envrefresh-${app}-amqp`;
}

/** The Secret of the user-assertion private key, which only the gateway mounts (ADR 0017). */
export const GATEWAY_KEYS_SECRET = 'envrefresh-gateway-keys';

/** The Secrets an app mounts beside the shared one: its broker URL, and the gateway its signing key. */
export function ownSecrets(app: DeployedApp): string[] {
  return [amqpSecretName(app.name), ...(app.reach.public ? [GATEWAY_KEYS_SECRET] : [])];
}

export const CONFIG_MAP = 'envrefresh-config';
export const SHARED_SECRET = 'envrefresh-secrets';

/** The name and label of the migration Job, which runs before every rollout. */
export const MIGRATE = 'migrate';
