/**
 * What the harness knows after a checkpoint, gathered from outside (its own request log, the
 * webhook receiver) and inside (the databases, the broker). The invariant checks are pure
 * functions of these facts, so a unit test can feed them any story.
 */

/** What one resource-creating POST led to, as the client saw it. */
export interface CreateAttempt {
  kind: CreatedKind;
  /** A value the harness put in the body and can find in the owner's table (a key, a reason, a name). */
  marker: string;
  /** True when some try (the first or a retry with the same Idempotency-Key) was answered 2xx. */
  answered2xx: boolean;
}

export const CREATED_KINDS = ['environment', 'intent', 'booking', 'window', 'subscription'] as const;
export type CreatedKind = (typeof CREATED_KINDS)[number];

/** A state-changing call on an intent (approve, start, complete) and whether it was answered 2xx. */
export interface TransitionAttempt {
  intentId: string;
  action: string;
  answered2xx: boolean;
}

/** One HTTP answer (or no answer) the load received; `status` 0 is a network error or timeout. */
export interface AnsweredRequest {
  route: string;
  status: number;
  startedAtMs: number;
  endedAtMs: number;
}

export interface OutboxEvent {
  id: string;
  type: string;
  createdAtMs: number;
}

export interface ConsumerFacts {
  consumer: string;
  /** Event types its queue is bound for, as the broker lists the bindings. */
  boundTypes: readonly string[];
  /** message_id of every inbox row of this consumer. */
  inboxIds: ReadonlySet<string>;
}

export interface JobFacts {
  id: string;
  status: 'PENDING' | 'FIRED' | 'SKIPPED' | 'CANCELLED';
  dueAtMs: number;
  scheduleStatus: 'ACTIVE' | 'CANCELLED' | 'DONE';
}

export interface DeliveryFacts {
  id: string;
  status: 'PENDING' | 'SENT' | 'RETRYING' | 'DEAD';
  eventId: string;
  subscriptionId: string | null;
  lastError: string | null;
  replayOf: string | null;
  createdAtMs: number;
}

/** A receiver answer of 2xx to a `webhook-id`, stamped with the phase in which it happened. */
export interface AcceptedWebhook {
  webhookId: string;
  phase: string;
  atMs: number;
}

export interface PoisonFacts {
  consumer: string;
  published: number;
  /** Messages that reached the consumer's dead-letter queue since the poison was published. */
  deadLettered: number;
}

export interface QueueDepth {
  queue: string;
  /** Ready plus unacknowledged. */
  messages: number;
}

/**
 * Everything one checkpoint checks, cumulative since the run began. The suite never stops
 * entirely (jobs fall due while the load pauses), so what happened after `horizonMs` (the moment
 * the suite was seen settled, less a margin for transactions in progress) is left to the next
 * checkpoint; the database facts come from one snapshot.
 */
export interface CheckpointFacts {
  /** Jobs due well before this must have been decided; events and deliveries made before it, settled. */
  horizonMs: number;
  creates: readonly CreateAttempt[];
  /** Rows found in the owner's table, by kind and marker. */
  rowsByMarker: ReadonlyMap<CreatedKind, ReadonlyMap<string, number>>;
  transitions: readonly TransitionAttempt[];
  /** intent_history rows by `${intentId} ${action}`. */
  historyCounts: ReadonlyMap<string, number>;
  /** Every routable event in the four outboxes. */
  outbox: readonly OutboxEvent[];
  consumers: readonly ConsumerFacts[];
  jobs: readonly JobFacts[];
  /** `schedule.*` events in the scheduling outbox, by the job id they carry. */
  jobEvents: ReadonlyMap<string, number>;
  deliveries: readonly DeliveryFacts[];
  accepted: readonly AcceptedWebhook[];
  poison: readonly PoisonFacts[];
  /** Consumer main queues after settling: each must be empty (flowing). */
  consumerQueues: readonly QueueDepth[];
  /** Anything that did not settle within the harness's patience, in words. */
  unsettled: readonly string[];
}
