/**
 * Every event is also appended to one RabbitMQ stream (a queue of `x-queue-type: stream`) bound
 * to the events exchange with `#`, and kept there for EVENT_RETENTION. A downstream system that
 * binds late, or was down, reads it from an offset or a time (`x-stream-offset`: `first`, a
 * number, or a timestamp) and replays what it missed; reading never removes anything.
 */
export const DEFAULT_EVENT_RETENTION = 'P7D';

/** `envrefresh.events.stream` in production: beside the exchange `envrefresh.events`. */
export function eventStreamName(namespace: string): string {
  return `${namespace}.events.stream`;
}

/**
 * How envrefresh changes an event type (the policy the AsyncAPI document states):
 * - within a `version`, only additive changes: new optional members in `data`; nothing is removed,
 *   renamed or retyped, so a consumer that ignores members it does not know keeps working;
 * - anything else is a new version, published beside the old one (same type, `version` + 1, one
 *   message each) for at least EVENT_VERSION_OVERLAP, announced in the changelog, before the old
 *   version stops.
 */
export const EVENT_VERSION_OVERLAP = 'P90D';
