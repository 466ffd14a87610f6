import { CheckpointFacts } from './facts';
import { Violation, violation } from './violation';

/**
 * Each delivery made before the horizon has ended SENT, with the receiver having accepted its `webhook-id`, or DEAD with a
 * reason and never accepted; no event is delivered twice to one subscription (two rows would be
 * two `webhook-id`s, a duplicate no receiver can spot). The receiver accepting one `webhook-id`
 * twice is at least once at work (Standard Webhooks receivers dedupe on it), which is allowed only
 * in phases that can interrupt a send after the answer (`phasesThatMayRepeat`).
 */
export function checkDeliveries(
  facts: Pick<CheckpointFacts, 'horizonMs' | 'deliveries' | 'accepted'>,
  phasesThatMayRepeat: ReadonlySet<string>,
): Violation[] {
  const found: Violation[] = [];
  const acceptedCount = new Map<string, number>();
  for (const { webhookId, phase } of facts.accepted) {
    const count = (acceptedCount.get(webhookId) ?? 0) + 1;
    acceptedCount.set(webhookId, count);
    if (count > 1 && !phasesThatMayRepeat.has(phase))
      found.push(
        violation(
          'deliveriesOnce',
          'duplicated',
          `${webhookId} repeat`,
          `webhook ${webhookId} accepted ${count}× (during ${phase}, which cannot excuse it)`,
        ),
      );
  }
  const byEventAndSubscription = new Map<string, number>();
  const ids = new Set<string>();
  for (const delivery of facts.deliveries) {
    ids.add(delivery.id);
    if (delivery.createdAtMs >= facts.horizonMs) continue;
    const accepted = acceptedCount.get(delivery.id) ?? 0;
    if (delivery.status === 'SENT' && accepted === 0)
      found.push(
        violation(
          'deliveriesOnce',
          'lost',
          delivery.id,
          `delivery ${delivery.id} is SENT, the receiver never accepted it`,
        ),
      );
    if (delivery.status === 'DEAD' && !delivery.lastError?.trim())
      found.push(
        violation('deliveriesOnce', 'wrong', delivery.id, `delivery ${delivery.id} is DEAD without a reason`),
      );
    if (delivery.status !== 'SENT' && accepted > 0)
      found.push(
        violation(
          'deliveriesOnce',
          'wrong',
          `${delivery.id} ${delivery.status}`,
          `delivery ${delivery.id} is ${delivery.status} though the receiver accepted it`,
        ),
      );
    if (delivery.status === 'PENDING' || delivery.status === 'RETRYING')
      found.push(
        violation(
          'deliveriesOnce',
          'lost',
          `${delivery.id} open`,
          `delivery ${delivery.id} is still ${delivery.status}`,
        ),
      );
    if (delivery.replayOf === null && delivery.subscriptionId !== null) {
      const pair = `${delivery.eventId} ${delivery.subscriptionId}`;
      const rows = (byEventAndSubscription.get(pair) ?? 0) + 1;
      byEventAndSubscription.set(pair, rows);
      if (rows > 1)
        found.push(
          violation(
            'deliveriesOnce',
            'duplicated',
            pair,
            `event ${delivery.eventId} has ${rows} deliveries to subscription ${delivery.subscriptionId}`,
          ),
        );
    }
  }
  const strangers = new Set(
    facts.accepted
      .filter(({ webhookId, atMs }) => atMs < facts.horizonMs && !ids.has(webhookId))
      .map(({ webhookId }) => webhookId),
  );
  for (const webhookId of strangers) {
    found.push(
      violation(
        'deliveriesOnce',
        'wrong',
        `${webhookId} unknown`,
        `the receiver accepted ${webhookId}, which is no delivery`,
      ),
    );
  }
  return found;
}
