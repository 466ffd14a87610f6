import { AppName } from '@envrefresh/config';
import { RPC_SERVICES } from '@envrefresh/contracts';
import { consumerTopology } from '@envrefresh/messaging';
import { sleep } from '../own-services/own-process';
import { OwnPostgresCluster } from '../own-services/own-postgres';
import { OwnRabbitNode } from '../own-services/own-rabbitmq';
import { CountingReceiver } from '../suite/counting-receiver';
import { FaultedSuite } from '../suite/faulted-suite';
import { publishPoison } from './poison-messages';

export interface FaultContext {
  suite: FaultedSuite;
  broker: OwnRabbitNode;
  postgres: OwnPostgresCluster;
  receiver: CountingReceiver;
  /** How long a cut or an outage lasts (10 s in the full profile). */
  holdMs: number;
  /** The harness's own broker account, which may publish anywhere in the vhost. */
  harnessAmqpUrl: string;
  namespace: string;
  /** Event types each consumer's queue is bound for (a poison "unknown version" wears one of them). */
  boundTypes: (consumer: string) => Promise<string[]>;
  /** Poison published so far, by consumer: the checkpoint expects each in its DLQ. */
  recordPoison: (published: Map<string, number>) => void;
  progress: (line: string) => void;
}

/** One fault the harness injects; `inject` resolves once the fault is lifted (the suite may still be recovering). */
export interface Fault {
  name: string;
  /** Faults of one kind are variants; the short profile runs one of each kind. */
  kind: FaultKind;
  /**
   * Whether a webhook may reach the receiver twice: a send whose answer arrived but whose SENT
   * was never committed (the process died, the database went away) is sent again after its lease.
   */
  mayRepeatWebhooks: boolean;
  inject(context: FaultContext): Promise<void>;
}

export const FAULT_KINDS = [
  'broker-cut',
  'broker-restart',
  'database-cut',
  'postgres-restart',
  'kill-replica',
  'poison',
  'webhook-receiver',
  'scheduling-stop',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

const brokerCut: Fault = {
  name: 'cut every broker connection',
  kind: 'broker-cut',
  mayRepeatWebhooks: false,
  async inject({ suite, holdMs }) {
    suite.sever('broker');
    await sleep(holdMs);
    suite.restore('broker');
  },
};

const brokerRestart: Fault = {
  name: 'restart RabbitMQ',
  kind: 'broker-restart',
  mayRepeatWebhooks: false,
  async inject({ broker }) {
    await broker.restart();
  },
};

const databaseCut: Fault = {
  name: 'cut every database connection',
  kind: 'database-cut',
  mayRepeatWebhooks: true,
  async inject({ suite, holdMs }) {
    suite.sever('database');
    await sleep(holdMs);
    suite.restore('database');
  },
};

const postgresRestart: Fault = {
  name: 'restart Postgres',
  kind: 'postgres-restart',
  mayRepeatWebhooks: true,
  async inject({ postgres }) {
    await postgres.restart();
  },
};

function killReplica(services: readonly Exclude<AppName, 'gateway'>[], name: string): Fault {
  return {
    name,
    kind: 'kill-replica',
    mayRepeatWebhooks: services.includes('notifications'),
    async inject({ suite, progress }) {
      for (const service of services) {
        const [victim] = suite.replicas(service);
        progress(`SIGKILL ${victim.label}`);
        await suite.kill(victim);
        await suite.restart(victim);
      }
    },
  };
}

const poison: Fault = {
  name: 'poison messages to every consumer',
  kind: 'poison',
  mayRepeatWebhooks: false,
  async inject({ harnessAmqpUrl, namespace, boundTypes, recordPoison }) {
    const targets = await Promise.all(
      RPC_SERVICES.map(async (consumer) => ({
        consumer,
        queue: consumerTopology(namespace, consumer, []).queue,
        knownType: (await boundTypes(consumer))[0] ?? 'intent.requested',
      })),
    );
    recordPoison(await publishPoison(harnessAmqpUrl, targets));
  },
};

const webhookReceiver: Fault = {
  name: 'webhook receiver fails, hangs, comes back',
  kind: 'webhook-receiver',
  mayRepeatWebhooks: false,
  async inject({ receiver, holdMs }) {
    receiver.mode = 'fail';
    await sleep(holdMs / 2);
    receiver.mode = 'hang';
    await sleep(holdMs / 2);
    receiver.mode = 'ok';
  },
};

/** Long enough that the due intents' reminders, starts and overruns fall due while nobody fires them. */
const SCHEDULING_STOP_FACTOR = 2.5;

const schedulingStop: Fault = {
  name: 'stop scheduling across due times',
  kind: 'scheduling-stop',
  mayRepeatWebhooks: false,
  async inject({ suite, holdMs }) {
    const replicas = suite.replicas('scheduling');
    await Promise.all(replicas.map((replica) => suite.stopProcess(replica)));
    await sleep(holdMs * SCHEDULING_STOP_FACTOR);
    await Promise.all(replicas.map((replica) => suite.restart(replica)));
  },
};

const EVERY_BACKEND = RPC_SERVICES as readonly Exclude<AppName, 'gateway'>[];

/** The full profile: every fault, each replica kill on its own. */
export function fullProfileFaults(): Fault[] {
  return [
    brokerCut,
    brokerRestart,
    databaseCut,
    postgresRestart,
    ...EVERY_BACKEND.map((service) => killReplica([service], `SIGKILL one ${service} replica`)),
    poison,
    webhookReceiver,
    schedulingStop,
  ];
}

/** The short profile: one fault of each kind; the kill takes one replica of each service in turn. */
export function shortProfileFaults(): Fault[] {
  return [
    brokerCut,
    brokerRestart,
    databaseCut,
    postgresRestart,
    killReplica(EVERY_BACKEND, 'SIGKILL a replica of each service'),
    poison,
    webhookReceiver,
    schedulingStop,
  ];
}
