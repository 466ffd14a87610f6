import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The thread that ties an HTTP request to every message and event that follows from it.
 * The gateway opens it from X-Request-Id; message consumers reopen it from x-correlation-id,
 * with the consumed event as the cause of whatever they emit.
 */
export interface Correlation {
  correlationId: string;
  /** Id of the event being handled, when the work was caused by one. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<Correlation>();

export const CorrelationContext = {
  run<T>(correlation: Correlation, work: () => T): T {
    return storage.run(correlation, work);
  },
  current(): Correlation | undefined {
    return storage.getStore();
  },
  /** The current correlation id, or a new one for work that starts here (a timer, a CLI). */
  correlationId(): string {
    return storage.getStore()?.correlationId ?? randomUUID();
  },
  causationId(): string | null {
    return storage.getStore()?.causationId ?? null;
  },
};

/** Caller-provided ids are echoed into logs and headers, so keep them short and printable. */
export function sanitizeCorrelationId(candidate: unknown): string | undefined {
  if (typeof candidate !== 'string') return undefined;
  const trimmed = candidate.trim();
  return /^[A-Za-z0-9._:@-]{1,128}$/.test(trimmed) ? trimmed : undefined;
}
