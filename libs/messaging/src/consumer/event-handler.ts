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

/**
 * Handles one event type. `versions`: the versions of that type it understands (`@OnEvent`'s
 * `versions`; absent means `DEFAULT_HANDLED_VERSIONS`). Another version is skipped before it
 * reaches the handler (ADR 0025: a new version is published beside the old one).
 */
export type EventHandlerFn<TData = unknown> = ((
  event: ReceivedEnvelope<TData>,
  context: HandlerContext,
) => Promise<void>) & { versions?: readonly number[] };

/** What a handler understands unless it declares otherwise: the first version of its types. */
export const DEFAULT_HANDLED_VERSIONS: readonly number[] = [1];

export function handledVersions(handler: EventHandlerFn): readonly number[] {
  return handler.versions ?? DEFAULT_HANDLED_VERSIONS;
}

export type EnvelopeCheck = { ok: true; envelope: ReceivedEnvelope } | { ok: false; errors: string[] };

/** Validates a decoded message body before any handler sees it. */
export type EnvelopeValidatorFn = (body: unknown) => EnvelopeCheck;
