import { findEventDefinition } from '@envrefresh/contracts';
import { Notice } from './notice';
import { NoticeInput } from './notice-input';
import { environmentLabel, footnoteOf } from './notice-parts';

export const TEST_EVENT_TYPE = 'notification.test';

/** `notification.test`: what `POST /subscriptions/{id}/test` sends, to prove the destination works. */
export function testNotice(input: NoticeInput): Notice | null {
  if (input.event.type !== TEST_EVENT_TYPE) return null;
  return {
    title: 'Test message from envrefresh',
    summary:
      'This destination is set up: envrefresh will send refresh notices here as its subscription says. Nothing needs doing.',
    facts: input.environment
      ? [{ label: 'Environment', value: environmentLabel(input.environment, input.environment.id) }]
      : [],
    reasons: input.reasons,
    links: [],
    tone: 'info',
    footnote: footnoteOf(input),
    invitation: null,
  };
}

/** Any other event a subscription asks for (bookings, windows, …): its catalog description. */
export function otherNotice(input: NoticeInput): Notice {
  const definition = findEventDefinition(input.event.type, input.event.version);
  const where = input.environment ? ` on ${input.environment.name}` : '';
  return {
    title: `envrefresh: ${input.event.type}${where}`,
    summary: definition?.description ?? `An ${input.event.type} event occurred.`,
    facts: input.environment
      ? [{ label: 'Environment', value: environmentLabel(input.environment, input.environment.id) }]
      : [],
    reasons: input.reasons,
    links: [],
    tone: 'info',
    footnote: footnoteOf(input),
    invitation: null,
  };
}
