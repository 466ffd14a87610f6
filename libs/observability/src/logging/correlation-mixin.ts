import { CorrelationContext } from '../correlation/correlation-context';

/**
 * Adds the ambient correlation to every log line, so lines written by code that never saw the
 * request (a repository, a message handler) can still be joined to it.
 */
export function correlationMixin(): Record<string, string> {
  const correlation = CorrelationContext.current();
  if (!correlation) return {};
  return correlation.causationId
    ? { correlationId: correlation.correlationId, causationId: correlation.causationId }
    : { correlationId: correlation.correlationId };
}
