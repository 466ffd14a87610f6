/** The prose part of docs/asyncapi.yaml: what a downstream team needs before it binds a queue. */
export function eventsDescription(exchange: string): string {
  return `Domain events of envrefresh: refresh intents, conflicts, bookings, windows, schedules and
notification outcomes, as they happen.

## Delivery guarantees
- One durable **topic exchange \`${exchange}\`**; the routing key is the event \`type\`
  (e.g. \`intent.approved\`).
- An event is published if and only if the state change that caused it was committed
  (transactional outbox). Delivery is **at least once**: the same event may arrive more than once,
  so every consumer must be **idempotent on the envelope \`id\`**.
- Messages are **persistent** (delivery mode 2), \`content-type: application/json\`, their AMQP
  \`message-id\` is the event \`id\`, and the header \`x-correlation-id\` carries the envelope's
  \`correlationId\` (the \`X-Request-Id\` of the HTTP request that started the chain).
- The body is the plain JSON envelope below; there is no framework wrapper.
- Order is not guaranteed across events; use \`occurredAt\` and the intent \`version\` to discard
  stale updates.

## Subscribing from another system
No change to envrefresh is needed:
1. declare your own durable queue (a quorum queue is recommended), e.g. \`cmdb.envrefresh\`, with
   \`x-dead-letter-exchange\` pointing at your own dead-letter exchange and queue;
2. bind it to \`${exchange}\` with the routing keys you want: \`intent.*\`, \`schedule.start_due\`,
   or \`#\` for everything;
3. consume with manual acknowledgement; ack after your own work is committed, reject without
   requeue what can never succeed so it lands in your dead-letter queue instead of looping.

## Versioning
\`version\` is the version of the \`data\` shape of a \`type\`. Adding optional fields keeps the
version, so consumers must ignore fields they do not know; removing, renaming or retyping a
field increments it.`;
}
