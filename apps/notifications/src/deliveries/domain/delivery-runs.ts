import { AttemptRecord, DeliveryRecord } from './delivery';

/** How one delivery of a run came out: attempted, the attempt itself failed, or left for a later claim and why. */
export type TurnOutcome = { attempted: AttemptRecord } | { failed: unknown } | { notStarted: string };

/** Deliveries grouped by destination, each group in due order, then id (as the heads order them). */
export function byDestinationInDueOrder(deliveries: readonly DeliveryRecord[]): DeliveryRecord[][] {
  const runs = new Map<string, DeliveryRecord[]>();
  for (const delivery of deliveries) {
    const run = runs.get(delivery.destination);
    if (run) run.push(delivery);
    else runs.set(delivery.destination, [delivery]);
  }
  return [...runs.values()].map((run) =>
    run.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || compareIds(a.id, b.id)),
  );
}

/**
 * One destination's deliveries, attempted one after another: the next starts only once the one
 * before it was SENT and `mayStartAnother` agrees (its lease could outlast another call). The
 * rest are not started, and a later claim takes them from the destination's new head: the
 * outcome of a failure (its retry, a disabled subscription) is recorded before the next call,
 * and no call starts so late that its lease runs out during it.
 */
export async function attemptInTurn(
  run: readonly DeliveryRecord[],
  attempt: (delivery: DeliveryRecord) => Promise<AttemptRecord>,
  mayStartAnother: () => boolean,
): Promise<TurnOutcome[]> {
  const outcomes: TurnOutcome[] = [];
  let stop: string | null = null;
  for (const delivery of run) {
    if (stop === null && outcomes.length > 0 && !mayStartAnother())
      stop = 'its lease could not outlast another call';
    if (stop !== null) {
      outcomes.push({ notStarted: stop });
      continue;
    }
    try {
      const attempted = await attempt(delivery);
      outcomes.push({ attempted });
      if (attempted.result.kind !== 'SENT') stop = 'an earlier delivery to its destination was not sent';
    } catch (error) {
      outcomes.push({ failed: error });
      stop = 'an earlier delivery to its destination could not be attempted';
    }
  }
  return outcomes;
}

/** PostgreSQL's order of uuids: bytewise, which is the order of their lowercase text. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
