import type { LoggerService } from '@nestjs/common';
import type { ConsumeMessage } from 'amqplib';
import { recordSecurityEvent, sanitizeCorrelationId } from '@envrefresh/observability';
import { BrokerIdentity } from './broker-identity';

/** A refused event as a security event: who sent what to whom, never its content. */
export function recordRefusedEvent(
  logger: Pick<LoggerService, 'warn'>,
  message: ConsumeMessage,
  event: { id: string; type: string },
  refusal: { publisher: string; reason: string },
  consumer: { consumer: string; identity: BrokerIdentity },
): void {
  recordSecurityEvent(logger, {
    action: 'event.consume',
    outcome: 'refused',
    actor: refusal.publisher || undefined,
    reason: refusal.reason,
    correlationId: sanitizeCorrelationId(message.properties.headers?.['x-correlation-id']) ?? undefined,
    details: {
      consumer: consumer.consumer,
      eventId: event.id,
      type: event.type,
      brokerUser: refusal.publisher || null,
      strict: consumer.identity.strict,
    },
  });
}
