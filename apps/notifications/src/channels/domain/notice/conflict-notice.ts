import type { ConflictView } from '@envrefresh/contracts';
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

interface ConflictChange {
  verb: string;
  tone: (conflict: ConflictView) => NoticeTone;
  next: (conflict: ConflictView) => string;
}

const bySeverity = (conflict: ConflictView): NoticeTone =>
  conflict.severity === 'BLOCKING' ? 'attention' : 'warning';

const CONFLICT_CHANGES: Record<string, ConflictChange> = {
  'conflict.detected': {
    verb: 'detected',
    tone: bySeverity,
    next: (conflict) =>
      conflict.severity === 'BLOCKING'
        ? 'It blocks approval and start until it is resolved or an approver overrides it.'
        : 'It does not block the refresh, but an approver should look at it.',
  },
  'conflict.acknowledged': {
    verb: 'acknowledged',
    tone: () => 'info',
    next: () => 'An approver has seen it; it still counts until it is resolved or overridden.',
  },
  'conflict.overridden': {
    verb: 'overridden',
    tone: () => 'warning',
    next: (conflict) =>
      `An approver overrode it${conflict.justification ? `: "${conflict.justification}"` : ''}; it no longer blocks the refresh.`,
  },
  'conflict.resolved': {
    verb: 'resolved',
    tone: () => 'good',
    next: () => 'Its cause went away; nothing more to do about it.',
  },
};

export const CONFLICT_NOTICE_TYPES = Object.keys(CONFLICT_CHANGES);

export function conflictNotice(input: NoticeInput): Notice | null {
  const change = CONFLICT_CHANGES[input.event.type];
  if (!change) return null;
  const conflict = input.event.data as ConflictView;
  const where = environmentName(input.environment, conflict.environmentId);
  const title = `${humanized(conflict.severity)} conflict ${change.verb} for a refresh of ${where}: ${humanized(conflict.type).toLowerCase()}`;
  return {
    title,
    summary: `${conflict.explanation} ${change.next(conflict)}`,
    facts: factsOf(input, conflict),
    reasons: input.reasons,
    links: refreshLinks(input, {
      intentId: conflict.intentId,
      environmentId: conflict.environmentId,
      start: conflict.window.start,
      end: conflict.window.end,
    }),
    tone: change.tone(conflict),
    footnote: footnoteOf(input),
    invitation: null,
  };
}

function factsOf(input: NoticeInput, conflict: ConflictView): NoticeFact[] {
  const facts: NoticeFact[] = [
    { label: 'Conflict', value: `${humanized(conflict.type)} (${conflict.severity})` },
    { label: 'Status', value: `now ${conflict.status}` },
    { label: 'Environment', value: environmentLabel(input.environment, conflict.environmentId) },
    ...windowFacts(input, conflict.window.start, conflict.window.end, 'Overlap'),
    {
      label: 'Related',
      value: `${humanized(conflict.relatedRef.kind).toLowerCase()} ${conflict.relatedRef.id}`,
    },
  ];
  const by = conflict.overriddenBy ?? conflict.acknowledgedBy;
  if (by) facts.push({ label: 'By', value: by.name ?? by.sub });
  return facts;
}
