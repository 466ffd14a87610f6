import { TransactionContext } from '../unit-of-work';

export interface ReceivedEnvelope<TData = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: string;
  correlationId: string;
  causationId: string | null;
  data: TData;
}

export interface HandlerContext extends TransactionContext {
  /** 1 for the first delivery; grows with each delayed retry. */
  attempt: number;
}

export type EventHandlerFn<TData = unknown> = (
  event: ReceivedEnvelope<TData>,
  context: HandlerContext,
) => Promise<void>;

export type EnvelopeCheck = { ok: true; envelope: ReceivedEnvelope } | { ok: false; errors: string[] };

/** Validates a decoded message body before any handler sees it. */
export type EnvelopeValidatorFn = (body: unknown) => EnvelopeCheck;
