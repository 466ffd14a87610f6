import { checkAll, newViolations } from './invariants/check-all';
import { JOB_DECISION_GRACE_MS } from './invariants/check-jobs';
import { FaultWindow } from './invariants/check-statuses';
import { CheckpointFacts } from './invariants/facts';
import { Violation } from './invariants/violation';
import { waitFor } from './own-services/own-process';
import { Harness } from './harness-setup';

/** How long the suite may take to publish, consume, deliver and fire what the load left in flight. */
const SETTLE_TIMEOUT_MS = 150_000;
/** Longer than any transaction of the suite: a row stamped before the horizon was committed by the time it was seen settled. */
const HORIZON_MARGIN_MS = 5_000;

/** What the run has seen so far, shared by every checkpoint. */
export interface RunRecord {
  windows: FaultWindow[];
  phasesThatMayRepeatWebhooks: Set<string>;
  poisonPublished: Map<string, number>;
  seenViolations: Set<string>;
}

export function newRunRecord(): RunRecord {
  return {
    windows: [],
    phasesThatMayRepeatWebhooks: new Set(),
    poisonPublished: new Map(),
    seenViolations: new Set(),
  };
}

/**
 * With the load paused: waits until nothing moves any more (or the patience is spent, which is a
 * violation of its own), then reads every fact and returns the violations no earlier checkpoint
 * reported.
 */
/** How often a long settle says what is still moving. */
const SETTLE_REPORT_MS = 15_000;

export async function checkpoint(
  harness: Harness,
  record: RunRecord,
  progress: (line: string) => void,
): Promise<Violation[]> {
  let moving: string[] = [];
  let settledCheckAtMs = Date.now();
  let reportAtMs = Date.now() + SETTLE_REPORT_MS;
  await waitFor(
    async () => {
      settledCheckAtMs = Date.now();
      moving = await harness.facts.stillMoving(JOB_DECISION_GRACE_MS);
      if (moving.length > 0 && settledCheckAtMs >= reportAtMs) {
        progress(`  still moving: ${moving.join(', ')}`);
        reportAtMs = settledCheckAtMs + SETTLE_REPORT_MS;
      }
      return moving.length === 0;
    },
    SETTLE_TIMEOUT_MS,
    1_000,
  );
  const { world, receiver, log } = harness;
  const [rowsByMarker, historyCounts, outbox, consumers, jobs, jobEvents, deliveries, queues] =
    // One client, one snapshot: the reads go one after the other.
    await harness.facts.snapshot(
      async (reader) =>
        [
          await reader.rowsByMarker(),
          await reader.historyCounts(),
          await reader.outbox(),
          await reader.consumers(),
          await reader.jobs(),
          await reader.jobEvents(),
          await reader.deliveries(),
          await reader.queueDepths(),
        ] as const,
    );
  const facts: CheckpointFacts = {
    horizonMs: settledCheckAtMs - HORIZON_MARGIN_MS,
    creates: world.creates,
    rowsByMarker,
    transitions: world.transitions,
    historyCounts,
    outbox,
    consumers,
    jobs,
    jobEvents,
    deliveries,
    accepted: receiver.accepted(),
    poison: [...record.poisonPublished.entries()].map(([consumer, published]) => ({
      consumer,
      published,
      deadLettered: queues.deadLetters.get(consumer) ?? 0,
    })),
    consumerQueues: queues.flowing,
    unsettled: moving,
  };
  const found = checkAll(facts, {
    requests: log.records,
    windows: record.windows,
    phasesThatMayRepeatWebhooks: record.phasesThatMayRepeatWebhooks,
  });
  return newViolations(found, record.seenViolations);
}
