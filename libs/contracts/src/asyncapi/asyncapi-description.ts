import { DEFAULT_EVENT_RETENTION, EVENT_VERSION_OVERLAP } from '../events/event-stream';

/** The prose part of docs/asyncapi.yaml: what a downstream team needs before it binds a queue. */
export function eventsDescription(exchange: string, stream: string): string {
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

## Catching up: the event stream
Every event is also appended to the RabbitMQ stream **\`${stream}\`** (a queue of
\`x-queue-type: stream\`, bound to \`${exchange}\` with \`#\`) and kept there for
\`EVENT_RETENTION\` (default \`${DEFAULT_EVENT_RETENTION}\`, the stream's \`x-max-age\`). A system that
binds its queue late, or was down longer than its queue could hold, replays what it missed:
consume \`${stream}\` with a prefetch (\`basic.qos\`), manual ack, and the consumer argument
\`x-stream-offset\`: \`first\` (everything still kept), a numeric offset (where you stopped; each
delivery carries its \`x-stream-offset\` header), or an AMQP timestamp in seconds (from that time
on; the stream starts at the chunk holding it, so a few earlier events may come too). Reading
removes nothing and never disturbs other readers; deduplicate on \`id\` as always. Then bind your
own queue for what comes next. The downstream account of the broker definitions may read it.

## Versioning policy
\`version\` is the version of the \`data\` shape of a \`type\`.
- **Within a version, only additive changes**: new optional fields in \`data\`. Nothing is removed,
  renamed or retyped, so a consumer must ignore fields it does not know (e.g. \`deletedAt\` and
  \`deletedBy\` on \`window.deleted\` came this way).
- **Anything else is a new version, published beside the old one**: the same \`type\` and routing
  key with \`version\` + 1, both messages for every occurrence (each with its own \`id\`), for at
  least **${EVENT_VERSION_OVERLAP}** after the new version is announced in this document; then the old
  version stops. Filter on \`version\` and move over within that period.`;
}
