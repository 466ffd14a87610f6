import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { SqlWrite } from '@envrefresh/persistence';
import { DeliveryAttemptView, DeliveryView, EventEnvelope } from '@envrefresh/contracts';
import { canSeeIntentSql } from '@envrefresh/kernel';
import { displayTarget } from '../../subscriptions/domain/index';
import {
  DeliveryListQuery,
  DeliveryProgress,
  DeliveryRepository,
  NewDeliveries,
} from '../application/delivery.repository.port';

interface DeliveryRow {
  id: string;
  event_id: string;
  event_type: string;
  intent_id: string | null;
  subscription_id: string | null;
  channel: DeliveryView['channel'];
  target: string;
  reasons: string[];
  status: DeliveryView['status'];
  due_at: Date;
  last_error: string | null;
  delivered_at: Date | null;
  created_at: Date;
  attempt_list: Array<{
    attempt: number;
    at: string;
    outcome: DeliveryAttemptView['outcome'];
    status_code: number | null;
    error: string | null;
    duration_ms: number;
  }> | null;
}

const SELECT_VIEW = `SELECT d.id, d.event_id, d.event_type, d.intent_id, d.subscription_id, d.channel, d.target,
    d.reasons, d.status, d.due_at, d.last_error, d.delivered_at, d.created_at,
    (SELECT json_agg(json_build_object('attempt', a.attempt, 'at', a.at, 'outcome', a.outcome,
        'status_code', a.status_code, 'error', a.error, 'duration_ms', a.duration_ms) ORDER BY a.attempt)
       FROM notifications.delivery_attempts a WHERE a.delivery_id = d.id) AS attempt_list
  FROM notifications.deliveries d`;

/** The most attempts one delivery shows; a delivery retried by hand many times keeps its newest. */
const MAX_ATTEMPTS_SHOWN = 50;

@Injectable()
export class SqlDeliveryRepository implements DeliveryRepository {
  async insertPending(manager: EntityManager, batch: NewDeliveries): Promise<string[]> {
    if (batch.destinations.length === 0) return [];
    const column = <T>(of: (destination: NewDeliveries['destinations'][number]) => T): T[] =>
      batch.destinations.map(of);
    // One statement for every destination of the event: a fan-out to a thousand is one round trip,
    // and the envelope is written once beside them (a redelivered event finds it there).
    // A destination's reasons travel as one JSON array each (unnest cannot take an array of arrays
    // of different lengths).
    const rows: Array<{ id: string }> = await manager.query(
      `WITH envelope AS (
         INSERT INTO notifications.delivery_events (event_id, event) VALUES ($1, $3)
         ON CONFLICT (event_id) DO NOTHING
       )
       INSERT INTO notifications.deliveries (id, event_id, event_type, intent_id, environment_id,
         subscription_id, destination, channel, target, reasons, status, due_at, created_at)
       SELECT d.id, $1, $2, $4, $5, d.subscription_id, d.destination, d.channel, d.target,
              ARRAY(SELECT jsonb_array_elements_text(d.reasons)), 'PENDING', $6, $6
         FROM unnest($7::uuid[], $8::uuid[], $9::text[], $10::text[], $11::text[], $12::jsonb[])
           AS d (id, subscription_id, destination, channel, target, reasons)
       ON CONFLICT (event_id, destination) WHERE replay_of IS NULL DO NOTHING
       RETURNING id`,
      [
        batch.event.id,
        batch.event.type,
        JSON.stringify(batch.event),
        batch.intentId,
        batch.environmentId,
        batch.dueAt.toISOString(),
        column(() => randomUUID()),
        column((destination) => destination.subscriptionId),
        column((destination) => destination.key),
        column((destination) => destination.channel),
        column((destination) => destination.target),
        column((destination) => JSON.stringify(destination.reasons)),
      ],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).map((row) => (row as { id: string }).id);
  }

  progressWrite(progress: readonly DeliveryProgress[], at: Date): SqlWrite {
    if (progress.length === 0) throw new Error('progress is written for at least one delivery');
    const column = <T>(of: (item: DeliveryProgress) => T): T[] => progress.map(of);
    // The attempts and the next steps in one statement (one round trip per settle, not two).
    return {
      sql: `WITH p (id, attempt, at, outcome, status_code, error, duration_ms, status, step_added, due_at,
               last_error, delivered_at) AS (
         SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[], $5::int[], $6::text[],
                              $7::int[], $8::text[], $9::int[], $10::timestamptz[], $11::text[], $12::timestamptz[])
       ), recorded AS (
         INSERT INTO notifications.delivery_attempts (delivery_id, attempt, at, outcome, status_code, error, duration_ms)
         SELECT id, attempt, at, outcome, status_code, error, duration_ms FROM p
       )
       UPDATE notifications.deliveries d SET status = p.status, attempts = d.attempts + 1,
         schedule_step = d.schedule_step + p.step_added, due_at = p.due_at, last_error = p.last_error,
         delivered_at = p.delivered_at
         FROM p WHERE d.id = p.id`,
      values: [
        column(({ delivery }) => delivery.id),
        column(({ delivery }) => delivery.attempts + 1),
        column(({ attempt }) => attempt.at.toISOString()),
        column(({ attempt }) => attempt.result.kind),
        column(({ attempt }) => attempt.result.statusCode),
        column(({ attempt }) => attempt.result.error),
        column(({ attempt }) => Math.max(0, Math.round(attempt.result.durationMs))),
        column(({ step }) => step.status),
        column(({ step }) => (step.status === 'RETRYING' ? 1 : 0)),
        column(({ step }) =>
          (step.status === 'RETRYING' ? new Date(at.getTime() + step.delayMs) : at).toISOString(),
        ),
        column(({ step }) => (step.status === 'SENT' ? null : step.error)),
        column(({ step }) => (step.status === 'SENT' ? at.toISOString() : null)),
      ],
    };
  }

  async events(manager: EntityManager, eventIds: readonly string[]): Promise<Map<string, EventEnvelope>> {
    if (eventIds.length === 0) return new Map();
    const rows: Array<{ event_id: string; event: EventEnvelope }> = await manager.query(
      `SELECT event_id, event FROM notifications.delivery_events WHERE event_id = ANY ($1::uuid[])`,
      [eventIds],
    );
    return new Map(rows.map((row) => [row.event_id, row.event]));
  }

  async view(manager: EntityManager, id: string, withTarget: boolean): Promise<DeliveryView | null> {
    const rows: DeliveryRow[] = await manager.query(`${SELECT_VIEW} WHERE d.id = $1`, [id]);
    return rows[0] ? toView(rows[0], withTarget) : null;
  }

  async list(manager: EntityManager, query: DeliveryListQuery): Promise<DeliveryView[]> {
    const params: unknown[] = [query.limit + 1];
    const where: string[] = [];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (query.intentId) where.push(`d.intent_id = ${bind(query.intentId)}`);
    if (query.subscriptionId) where.push(`d.subscription_id = ${bind(query.subscriptionId)}`);
    if (query.status) where.push(`d.status = ${bind(query.status)}`);
    if (query.after)
      where.push(
        `(d.created_at, d.id) < (${bind(query.after.createdAt)}::timestamptz, ${bind(query.after.id)}::uuid)`,
      );
    if (query.viewer) {
      const sub = bind(query.viewer.sub);
      const groups = bind(query.viewer.groups);
      where.push(`EXISTS (SELECT 1 FROM notifications.intent_audiences ia
          LEFT JOIN notifications.environments e ON e.id::text = ia.environment_id
         WHERE ia.intent_id = d.intent_id AND ${canSeeIntentSql(
           {
             requestedBySub: `ia.requested_by->>'sub'`,
             notificationGroups: 'ia.notification_groups',
             environmentOwnerGroup: 'e.owner_group',
           },
           { sub, groups },
         )})`);
    }
    const rows: DeliveryRow[] = await manager.query(
      `${SELECT_VIEW} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY d.created_at DESC, d.id DESC LIMIT $1`,
      params,
    );
    return rows.map((row) => toView(row, query.withTargets));
  }

  async requeueDead(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `UPDATE notifications.deliveries SET status = 'PENDING', schedule_step = 0, due_at = $2
        WHERE id = $1 AND status = 'DEAD' RETURNING id`,
      [id, at.toISOString()],
    );
    return (Array.isArray(rows[0]) ? rows[0] : rows).length > 0;
  }

  async replay(
    manager: EntityManager,
    request: { subscriptionId: string; since: Date; until: Date; at: Date; limit: number },
  ): Promise<string[] | 'too-many'> {
    const range = [request.subscriptionId, request.since.toISOString(), request.until.toISOString()];
    const [{ count }]: Array<{ count: string }> = await manager.query(
      `SELECT count(*) FROM notifications.deliveries
        WHERE subscription_id = $1 AND status IN ('SENT', 'DEAD') AND created_at >= $2 AND created_at < $3`,
      range,
    );
    if (Number(count) > request.limit) return 'too-many';
    const rows: Array<{ id: string }> = await manager.query(
      `INSERT INTO notifications.deliveries (id, event_id, event_type, intent_id, environment_id,
         subscription_id, destination, channel, target, reasons, status, due_at, created_at, replay_of)
       SELECT gen_random_uuid(), event_id, event_type, intent_id, environment_id, subscription_id,
              destination, channel, target, array_append(reasons, 'replayed by an admin'), 'PENDING', $4, $4, id
         FROM notifications.deliveries
        WHERE subscription_id = $1 AND status IN ('SENT', 'DEAD') AND created_at >= $2 AND created_at < $3
        ORDER BY created_at
       RETURNING id`,
      [...range, request.at.toISOString()],
    );
    return rows.map((row) => row.id);
  }

  async oldestPendingSeconds(manager: EntityManager, now: Date): Promise<number> {
    const [row]: Array<{ oldest: Date | null }> = await manager.query(
      `SELECT min(due_at) AS oldest FROM notifications.deliveries WHERE status IN ('PENDING', 'RETRYING') AND due_at <= $1`,
      [now.toISOString()],
    );
    return row?.oldest ? Math.max(0, (now.getTime() - row.oldest.getTime()) / 1000) : 0;
  }
}

function toView(row: DeliveryRow, withTarget: boolean): DeliveryView {
  const open = row.status === 'PENDING' || row.status === 'RETRYING';
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.event_type,
    intentId: row.intent_id,
    subscriptionId: row.subscription_id,
    channel: row.channel,
    ...(withTarget ? { target: displayTarget(row.channel, row.target) } : {}),
    reasons: row.reasons,
    status: row.status,
    attempts: (row.attempt_list ?? []).slice(-MAX_ATTEMPTS_SHOWN).map((attempt) => ({
      attempt: attempt.attempt,
      at: new Date(attempt.at).toISOString(),
      outcome: attempt.outcome,
      statusCode: attempt.status_code,
      error: attempt.error,
      durationMs: attempt.duration_ms,
    })),
    lastError: row.last_error,
    nextAttemptAt: open ? row.due_at.toISOString() : null,
    deliveredAt: row.delivered_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
