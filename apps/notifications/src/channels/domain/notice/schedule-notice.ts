import type { ScheduleView } from '@envrefresh/contracts';
import { Notice, NoticeFact, NoticeTone } from './notice';
import { NoticeInput } from './notice-input';
import {
  environmentLabel,
  environmentName,
  footnoteOf,
  humanDuration,
  instantFacts,
  refreshLinks,
  windowFacts,
} from './notice-parts';

/** What every schedule event carries: the intent, its environment and its window. */
interface ScheduleData {
  intentId: string;
  environmentId: string;
  plannedStart: string;
  plannedEnd: string;
  dueAt?: string;
  leadTime?: string;
  grace?: string;
  jobs?: ScheduleView['jobs'];
}

interface ScheduleChange {
  title: (where: string, data: ScheduleData) => string;
  next: string;
  tone: NoticeTone;
}

/**
 * Every `schedule.*` type of SPEC.md: those of libs/contracts today (created, reminder_due,
 * start_due, overrun) and the two SPEC.md adds (cancelled, start_missed), which carry the same
 * intent, environment and window.
 */
const SCHEDULE_CHANGES: Record<string, ScheduleChange> = {
  'schedule.created': {
    title: (where) => `Refresh of ${where} scheduled`,
    next: 'Reminders, the start signal and the overrun alarm are set.',
    tone: 'info',
  },
  'schedule.reminder_due': {
    title: (where, data) => `Reminder: refresh of ${where} starts in ${humanDuration(data.leadTime ?? '')}`,
    next: 'Finish or pause what you run on the environment before the window opens.',
    tone: 'warning',
  },
  'schedule.start_due': {
    title: (where) => `Refresh of ${where} starts now`,
    next: 'The window has opened: the refresh may begin; the environment may be unavailable.',
    tone: 'warning',
  },
  'schedule.overrun': {
    title: (where) => `Refresh of ${where} is overrunning`,
    next: 'It is still in progress after its planned end and grace period; its operators should report.',
    tone: 'attention',
  },
  'schedule.start_missed': {
    title: (where) => `Refresh of ${where} missed its window`,
    next: 'It was never started and its window has passed; amend it to a new window or cancel it.',
    tone: 'attention',
  },
  'schedule.cancelled': {
    title: (where) => `Schedule of the refresh of ${where} cancelled`,
    next: 'Its reminders and start signal are withdrawn.',
    tone: 'warning',
  },
};

export const SCHEDULE_NOTICE_TYPES = Object.keys(SCHEDULE_CHANGES);

export function scheduleNotice(input: NoticeInput): Notice | null {
  const change = SCHEDULE_CHANGES[input.event.type];
  if (!change) return null;
  const data = input.event.data as ScheduleData;
  const title = change.title(environmentName(input.environment, data.environmentId), data);
  return {
    title,
    summary: `${title}. ${change.next}`,
    facts: factsOf(input, data),
    reasons: input.reasons,
    links: refreshLinks(input, {
      intentId: data.intentId,
      environmentId: data.environmentId,
      start: data.plannedStart,
      end: data.plannedEnd,
    }),
    tone: change.tone,
    footnote: footnoteOf(input),
    invitation: null,
  };
}

function factsOf(input: NoticeInput, data: ScheduleData): NoticeFact[] {
  const facts: NoticeFact[] = [
    { label: 'Environment', value: environmentLabel(input.environment, data.environmentId) },
    ...windowFacts(input, data.plannedStart, data.plannedEnd),
  ];
  if (data.grace) facts.push({ label: 'Grace', value: humanDuration(data.grace) });
  const reminders = (data.jobs ?? []).filter((job) => job.kind === 'REMINDER' && job.leadTime);
  if (reminders.length > 0)
    facts.push({
      label: 'Reminders',
      value: reminders.map((job) => `${humanDuration(job.leadTime as string)} before`).join(', '),
    });
  if (data.dueAt && input.event.type === 'schedule.overrun')
    facts.push(...instantFacts(input, data.dueAt, 'Alarm'));
  return facts;
}
