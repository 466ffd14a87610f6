/** An event waiting in a service's outbox, as the relay claims it. */
export interface PendingOutboxRow {
  seq: string;
  id: string;
  type: string;
  routingKey: string;
  payload: unknown;
  headers: Record<string, string>;
}
