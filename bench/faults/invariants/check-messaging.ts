import { CheckpointFacts } from './facts';
import { Violation, violation } from './violation';

/**
 * Every routable event made before the horizon, of a type a consumer is bound for, is in that
 * consumer's inbox (the inbox's primary key makes "once in effect"); nothing is in an inbox that
 * no outbox holds (one snapshot: an inbox row's event committed before it).
 */
export function checkEveryConsumer(
  facts: Pick<CheckpointFacts, 'horizonMs' | 'outbox' | 'consumers'>,
): Violation[] {
  const found: Violation[] = [];
  const outboxIds = new Set(facts.outbox.map((event) => event.id));
  for (const consumer of facts.consumers) {
    const bound = new Set(consumer.boundTypes);
    for (const event of facts.outbox) {
      if (event.createdAtMs < facts.horizonMs && bound.has(event.type) && !consumer.inboxIds.has(event.id))
        found.push(
          violation(
            'everyConsumer',
            'lost',
            `${consumer.consumer} ${event.id}`,
            `${consumer.consumer} never processed ${event.type} ${event.id}`,
          ),
        );
    }
    for (const id of consumer.inboxIds) {
      if (!outboxIds.has(id))
        found.push(
          violation(
            'everyConsumer',
            'wrong',
            `${consumer.consumer} ${id}`,
            `${consumer.consumer} processed ${id}, which no outbox holds`,
          ),
        );
    }
  }
  return found;
}

/** Every poison message is in its consumer's dead-letter queue, and every main queue drained. */
export function checkPoison(facts: Pick<CheckpointFacts, 'poison' | 'consumerQueues'>): Violation[] {
  const found: Violation[] = [];
  for (const poison of facts.poison) {
    if (poison.deadLettered < poison.published)
      found.push(
        violation(
          'poison',
          'lost',
          `${poison.consumer} dlq`,
          `${poison.consumer}: ${poison.published} poison messages published, ${poison.deadLettered} in its DLQ`,
        ),
      );
  }
  for (const queue of facts.consumerQueues) {
    if (queue.messages > 0)
      found.push(
        violation(
          'poison',
          'wrong',
          `${queue.queue} stuck`,
          `${queue.queue} still holds ${queue.messages} messages`,
        ),
      );
  }
  return found;
}

/** What did not settle in time is a failure of its own: the other checks may have read a moving state. */
export function checkSettled(facts: Pick<CheckpointFacts, 'unsettled'>): Violation[] {
  return facts.unsettled.map((what) => violation('settled', 'wrong', what, `not settled: ${what}`));
}
