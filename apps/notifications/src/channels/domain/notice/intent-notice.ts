import type { IntentStatus, IntentView } from '@envrefresh/contracts';
import { Notice, NoticeFact, NoticeTone } from './notice';
import { NoticeInput } from './notice-input';
import {
  environmentLabel,
  environmentName,
  footnoteOf,
  humanized,
  refreshLinks,
  windowFacts,
} from './notice-parts';
import { invitationFor } from './refresh-invitation';

interface IntentChange {
  /** What happened, after "Refresh of <environment>". */
  verb: string;
  /** The status before, when the event type tells it. */
  from?: IntentStatus;
  tone: NoticeTone;
  /** What happens now, or what the reader may do. */
  next: string;
}

/** One entry per intent event type of libs/contracts; a new type without one renders generically. */
const INTENT_CHANGES: Record<string, IntentChange> = {
  'intent.drafted': {
    verb: 'drafted',
    tone: 'info',
    next: 'It is a draft: nothing is planned until it is submitted.',
  },
  'intent.requested': {
    verb: 'requested',
    tone: 'attention',
    next: 'It waits for an approver; conflicts, if any, are listed on the refresh.',
  },
  'intent.amended': {
    verb: 'amended',
    tone: 'warning',
    next: 'Its window, reason or groups changed; a new window needs approval again.',
  },
  'intent.approved': { verb: 'approved', from: 'REQUESTED', tone: 'good', next: 'It will be scheduled now.' },
  'intent.rejected': { verb: 'rejected', from: 'REQUESTED', tone: 'warning', next: 'It will not run.' },
  'intent.scheduled': {
    verb: 'scheduled',
    from: 'APPROVED',
    tone: 'good',
    next: 'Reminders and the start signal are set; the calendar invitation holds the window.',
  },
  'intent.started': {
    verb: 'started',
    from: 'SCHEDULED',
    tone: 'warning',
    next: 'The environment is being refreshed: expect it to be unavailable or changing until it completes.',
  },
  'intent.completed': {
    verb: 'completed',
    from: 'IN_PROGRESS',
    tone: 'good',
    next: 'The environment holds fresh data.',
  },
  'intent.failed': {
    verb: 'failed',
    from: 'IN_PROGRESS',
    tone: 'attention',
    next: 'The environment may be in an incomplete state; its owners decide on a rollback or a retry.',
  },
  'intent.rolled_back': {
    verb: 'rolled back',
    tone: 'attention',
    next: 'The environment was returned to its state before the refresh.',
  },
  'intent.cancelled': {
    verb: 'cancelled',
    tone: 'warning',
    next: 'It will not run; the calendar entry is withdrawn.',
  },
};

export const INTENT_NOTICE_TYPES = Object.keys(INTENT_CHANGES);

export function intentNotice(input: NoticeInput): Notice | null {
  const change = INTENT_CHANGES[input.event.type];
  if (!change) return null;
  const intent = input.event.data as IntentView;
  const where = environmentName(input.environment, intent.environmentId);
  const refresh = `${humanized(intent.refreshType)} refresh`;
  const title = `${refresh} of ${where} ${change.verb}`;
  const summary = `${title}. ${change.next}`;
  const links = refreshLinks(input, {
    intentId: intent.id,
    environmentId: intent.environmentId,
    start: intent.plannedStart,
    end: intent.plannedEnd,
  });
  return {
    title,
    summary,
    facts: factsOf(input, intent, change),
    reasons: input.reasons,
    links,
    tone: change.tone,
    footnote: footnoteOf(input),
    invitation: invitationFor(input.event.type, intent, {
      summary: `${refresh} of ${where}`,
      description: `${intent.reason}\n\n${change.next}\n${links[0].url}`,
      location: environmentLabel(input.environment, intent.environmentId),
      url: links[0].url,
    }),
  };
}

function factsOf(input: NoticeInput, intent: IntentView, change: IntentChange): NoticeFact[] {
  const status = change.from ? `${change.from} → ${intent.status}` : `now ${intent.status}`;
  const facts: NoticeFact[] = [
    { label: 'Refresh', value: humanized(intent.refreshType) },
    { label: 'Status', value: status },
    { label: 'Environment', value: environmentLabel(input.environment, intent.environmentId) },
    ...windowFacts(input, intent.plannedStart, intent.plannedEnd),
    { label: 'Reason', value: intent.reason },
    { label: 'Requested by', value: intent.requestedBy.name ?? intent.requestedBy.sub },
  ];
  if (intent.source?.snapshot) facts.push({ label: 'Source', value: `snapshot ${intent.source.snapshot}` });
  else if (intent.source?.environmentId)
    facts.push({ label: 'Source', value: `environment ${intent.source.environmentId}` });
  if (intent.externalRef) facts.push({ label: 'Change ref', value: intent.externalRef });
  return facts;
}
