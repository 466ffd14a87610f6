/** An event waiting in a service's outbox, as the relay claims it. */
export interface PendingOutboxRow {
  seq: string;
  id: string;
  type: string;
  routingKey: string;
  /** The envelope: an object when appended, its JSON text when claimed (published as is). */
  payload: unknown;
  headers: Record<string, string>;
  /** Set when claimed: when the event was committed, for the relay's lag. */
  createdAt?: Date;
}
