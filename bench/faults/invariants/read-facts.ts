import { Pool, PoolClient } from 'pg';
import { RPC_SERVICES } from '@envrefresh/contracts';
import { consumerTopology } from '@envrefresh/messaging';
import { OwnRabbitNode } from '../own-services/own-rabbitmq';
import {
  CREATED_KINDS,
  ConsumerFacts,
  CreatedKind,
  DeliveryFacts,
  JobFacts,
  OutboxEvent,
  QueueDepth,
} from './facts';

/** Where each kind's marker is found: the owner's table and the column the load wrote it into. */
const MARKER_COLUMNS: Record<CreatedKind, string> = {
  environment: 'SELECT key AS marker, count(*)::int AS rows FROM intents.environments GROUP BY 1',
  intent: 'SELECT external_ref AS marker, count(*)::int AS rows FROM intents.refresh_intents GROUP BY 1',
  booking: 'SELECT purpose AS marker, count(*)::int AS rows FROM conflicts.bookings GROUP BY 1',
  window: 'SELECT name AS marker, count(*)::int AS rows FROM conflicts.windows GROUP BY 1',
  // The load puts the marker last in the target's path.
  subscription: `SELECT substring(target from '[^/]+$') AS marker, count(*)::int AS rows FROM notifications.subscriptions GROUP BY 1`,
};

/** The transitions the load makes, as the intent history names them. */
const TRANSITION_ACTIONS = ['approve', 'start', 'complete'];

export interface Broker {
  node: OwnRabbitNode;
  vhost: string;
  namespace: string;
}

/** Reads the databases' side of the facts, straight from the harness's own cluster (no proxy). */
export class FactReader {
  constructor(
    private readonly pool: Pool | PoolClient,
    private readonly broker: Broker,
  ) {}

  /** Runs `read` on one REPEATABLE READ snapshot, so facts from different tables agree with each other. */
  async snapshot<T>(read: (reader: FactReader) => Promise<T>): Promise<T> {
    if (!(this.pool instanceof Pool)) return read(this);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const result = await read(new FactReader(client, this.broker));
      await client.query('COMMIT');
      return result;
    } finally {
      client.release();
    }
  }

  async rowsByMarker(): Promise<Map<CreatedKind, Map<string, number>>> {
    const byKind = new Map<CreatedKind, Map<string, number>>();
    for (const kind of CREATED_KINDS) {
      const { rows } = await this.pool.query<{ marker: string; rows: number }>(MARKER_COLUMNS[kind]);
      byKind.set(kind, new Map(rows.map((row) => [row.marker, row.rows])));
    }
    return byKind;
  }

  async historyCounts(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ intent_id: string; action: string; count: number }>(
      `SELECT intent_id, action, count(*)::int AS count FROM intents.intent_history
        WHERE action = ANY($1) GROUP BY 1, 2`,
      [TRANSITION_ACTIONS],
    );
    return new Map(rows.map((row) => [`${row.intent_id} ${row.action}`, row.count]));
  }

  /** Every event a service committed that the broker could route (an unroutable one had no queue to reach). */
  async outbox(): Promise<OutboxEvent[]> {
    const union = RPC_SERVICES.map(
      (schema) => `SELECT id::text, type FROM ${schema}.outbox WHERE NOT unroutable`,
    ).join(' UNION ALL ');
    return (await this.pool.query<OutboxEvent>(union)).rows;
  }

  async consumers(): Promise<ConsumerFacts[]> {
    const bindings = await this.broker.node.bindings(this.broker.vhost);
    const exchange = `${this.broker.namespace}.events`;
    const consumers: ConsumerFacts[] = [];
    for (const service of RPC_SERVICES) {
      const queue = consumerTopology(this.broker.namespace, service, []).queue;
      const boundTypes = bindings
        .filter((binding) => binding.source_name === exchange && binding.destination_name === queue)
        .map((binding) => binding.routing_key);
      const { rows } = await this.pool.query<{ message_id: string }>(
        `SELECT message_id FROM ${service}.inbox WHERE consumer = $1`,
        [service],
      );
      consumers.push({ consumer: service, boundTypes, inboxIds: new Set(rows.map((row) => row.message_id)) });
    }
    return consumers;
  }

  async jobs(): Promise<JobFacts[]> {
    const { rows } = await this.pool.query<{
      id: string;
      status: JobFacts['status'];
      due_ms: string;
      schedule_status: JobFacts['scheduleStatus'];
    }>(
      `SELECT j.id, j.status, (extract(epoch FROM j.due_at) * 1000)::bigint AS due_ms, s.status AS schedule_status
         FROM scheduling.jobs j JOIN scheduling.schedules s ON s.id = j.schedule_id`,
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      dueAtMs: Number(row.due_ms),
      scheduleStatus: row.schedule_status,
    }));
  }

  async jobEvents(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ job_id: string; count: number }>(
      `SELECT payload->'data'->>'jobId' AS job_id, count(*)::int AS count FROM scheduling.outbox
        WHERE payload->'data' ? 'jobId' GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.job_id, row.count]));
  }

  async deliveries(): Promise<DeliveryFacts[]> {
    const { rows } = await this.pool.query<{
      id: string;
      status: DeliveryFacts['status'];
      event_id: string;
      subscription_id: string | null;
      last_error: string | null;
      replay_of: string | null;
      created_ms: string;
    }>(
      `SELECT id, status, event_id, subscription_id, last_error, replay_of,
              (extract(epoch FROM created_at) * 1000)::bigint AS created_ms
         FROM notifications.deliveries`,
    );
    return rows.map((row) => ({
      id: row.id,
      status: row.status,
      eventId: row.event_id,
      subscriptionId: row.subscription_id,
      lastError: row.last_error,
      replayOf: row.replay_of,
      createdAtMs: Number(row.created_ms),
    }));
  }

  /** Main and retry queues of every consumer, and the dead-letter queues apart. */
  async queueDepths(): Promise<{ flowing: QueueDepth[]; deadLetters: Map<string, number> }> {
    const queues = await this.broker.node.queues(this.broker.vhost);
    const depth = new Map(queues.map((queue) => [queue.name, Number(queue.messages)]));
    const flowing: QueueDepth[] = [];
    const deadLetters = new Map<string, number>();
    for (const service of RPC_SERVICES) {
      const topology = consumerTopology(this.broker.namespace, service, []);
      const own = queues.filter(
        (queue) => queue.name === topology.queue || queue.name.startsWith(`${topology.queue}.retry.`),
      );
      own.forEach((queue) => flowing.push({ queue: queue.name, messages: Number(queue.messages) }));
      deadLetters.set(service, depth.get(topology.deadLetterQueue) ?? 0);
    }
    return { flowing, deadLetters };
  }

  /** What is still moving: outbox rows unpublished, open deliveries, overdue jobs; empty when settled. */
  async stillMoving(jobGraceMs: number): Promise<string[]> {
    const moving: string[] = [];
    for (const schema of RPC_SERVICES) {
      const { rows } = await this.pool.query<{ count: number }>(
        `SELECT count(*)::int AS count FROM ${schema}.outbox WHERE published_at IS NULL AND NOT unroutable`,
      );
      if (rows[0].count > 0) moving.push(`${rows[0].count} unpublished events in ${schema}.outbox`);
    }
    const open = await this.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM notifications.deliveries WHERE status IN ('PENDING', 'RETRYING')`,
    );
    if (open.rows[0].count > 0) moving.push(`${open.rows[0].count} deliveries PENDING or RETRYING`);
    const overdue = await this.pool.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM scheduling.jobs j JOIN scheduling.schedules s ON s.id = j.schedule_id
        WHERE j.status = 'PENDING' AND s.status = 'ACTIVE' AND j.due_at < now() - make_interval(secs => $1)`,
      [jobGraceMs / 1000],
    );
    if (overdue.rows[0].count > 0) moving.push(`${overdue.rows[0].count} overdue jobs PENDING`);
    const { flowing } = await this.queueDepths();
    for (const queue of flowing)
      if (queue.messages > 0) moving.push(`${queue.messages} messages in ${queue.queue}`);
    return moving;
  }

  /** Connections per application, as the DB pool watch samples them. */
  async connectionsByApplication(): Promise<Map<string, number>> {
    const { rows } = await this.pool.query<{ application_name: string; count: number }>(
      `SELECT application_name, count(*)::int AS count FROM pg_stat_activity
        WHERE datname = current_database() AND application_name LIKE 'envrefresh-%' GROUP BY 1`,
    );
    return new Map(rows.map((row) => [row.application_name, row.count]));
  }
}
