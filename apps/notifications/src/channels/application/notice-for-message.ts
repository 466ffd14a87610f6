import { Notice } from '../domain/notice/notice';
import { noticeOf } from '../domain/notice/notice-of-event';
import { OutboundMessage } from './channel-sender.port';

/** The notice a person-facing channel renders for one message. */
export function noticeForMessage(message: OutboundMessage, publicUrl: string): Notice {
  return noticeOf({
    event: message.event,
    reasons: message.reasons,
    environment: message.environment,
    publicUrl,
  });
}
