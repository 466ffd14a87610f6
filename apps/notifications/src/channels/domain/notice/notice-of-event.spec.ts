import { EVENT_CATALOG, EventEnvelope, IntentView } from '@envrefresh/contracts';
import { CONFLICT_NOTICE_TYPES } from './conflict-notice';
import { INTENT_NOTICE_TYPES } from './intent-notice';
import { NoticeInput } from './notice-input';
import { noticeOf } from './notice-of-event';
import { SCHEDULE_NOTICE_TYPES } from './schedule-notice';

const environment = {
  id: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  key: 'uat-payments',
  name: 'UAT Payments',
  tier: 'UAT',
  timezone: 'Europe/Paris',
};

function envelope(type: string, data: unknown, version = 1): EventEnvelope {
  return {
    id: '2b7e1516-28ae-4d2a-abf7-158809cf4f3c',
    type,
    version,
    occurredAt: '2025-02-21T10:00:00Z',
    source: 'intents',
    correlationId: 'c-1',
    causationId: null,
    data,
  };
}

function inputOf(event: EventEnvelope, overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    event,
    reasons: ['owns environment uat-payments', 'holds booking "release testing" overlapping'],
    environment,
    publicUrl: 'https://envrefresh.example.com/',
    ...overrides,
  };
}

const scheduleJob = {
  intentId: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
  environmentId: environment.id,
  jobId: 'c1d2e3f4-a5b6-4c7d-8e9f-a0b1c2d3e4f9',
  plannedStart: '2025-03-01T22:00:00Z',
  plannedEnd: '2025-03-02T02:00:00Z',
  dueAt: '2025-03-02T02:30:00Z',
};

/** Every intent.*, conflict.* and schedule.* type of the catalog, the two SPEC.md adds, and the test. */
const FAMILY_TYPES = [
  ...EVENT_CATALOG.filter((definition) => /^(intent|conflict|schedule)\./.test(definition.type)).map(
    (definition) => [definition.type, definition.example] as [string, unknown],
  ),
  ['schedule.cancelled', { ...scheduleJob }],
  ['schedule.start_missed', { ...scheduleJob, kind: 'OVERRUN' }],
  ['notification.test', {}],
] as [string, unknown][];

describe('noticeOf', () => {
  it('has a renderer for every intent, conflict and schedule type of the catalog', () => {
    const known = [...INTENT_NOTICE_TYPES, ...CONFLICT_NOTICE_TYPES, ...SCHEDULE_NOTICE_TYPES];
    const catalog = EVENT_CATALOG.map((definition) => definition.type).filter((type) =>
      /^(intent|conflict|schedule)\./.test(type),
    );
    expect(catalog.filter((type) => !known.includes(type))).toEqual([]);
  });

  it.each(FAMILY_TYPES)('renders %s: what, where, why, what to do', (type, data) => {
    const notice = noticeOf(inputOf(envelope(type, data)));
    expect(notice.title).not.toMatch(/undefined|null|\[object/);
    expect(notice.summary).not.toMatch(/undefined|null|\[object/);
    expect(notice.title).toContain(type === 'notification.test' ? 'Test' : 'UAT Payments');
    expect(notice.reasons).toEqual(inputOf(envelope(type, data)).reasons);
    expect(notice.footnote).toContain(type);
    for (const fact of notice.facts) expect(fact.value).not.toMatch(/undefined|NaN|\[object/);
    if (type !== 'notification.test') {
      expect(notice.facts.map((fact) => fact.label)).toEqual(
        expect.arrayContaining([
          'Environment',
          expect.stringMatching(/\(local\)$/),
          expect.stringMatching(/\(UTC\)$/),
        ]),
      );
      expect(notice.links[0].url).toBe(
        'https://envrefresh.example.com/api/v1/intents/7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
      );
      expect(notice.links[1].url).toContain('/api/v1/calendar?');
    }
  });

  it('says the status change and the window in the environment zone and in UTC', () => {
    const approved = EVENT_CATALOG.find((definition) => definition.type === 'intent.approved')!;
    const notice = noticeOf(inputOf(envelope('intent.approved', approved.example)));
    expect(notice.title).toBe('Masked copy refresh of UAT Payments approved');
    expect(notice.facts).toEqual(
      expect.arrayContaining([
        { label: 'Status', value: 'REQUESTED → APPROVED' },
        { label: 'Environment', value: 'UAT Payments (uat-payments, UAT)' },
        {
          label: 'Window (local)',
          value: 'Sat 2025-03-01 23:00 – Sun 2025-03-02 03:00 Europe/Paris (UTC+01:00)',
        },
        { label: 'Window (UTC)', value: 'Sat 2025-03-01 22:00 – Sun 2025-03-02 02:00 UTC' },
      ]),
    );
    expect(notice.invitation).toBeNull();
  });

  it('invites on intent.scheduled and withdraws on intent.cancelled, SEQUENCE the intent version', () => {
    const intent = EVENT_CATALOG.find((definition) => definition.type === 'intent.scheduled')!
      .example as IntentView;
    const invite = noticeOf(inputOf(envelope('intent.scheduled', intent))).invitation;
    const cancel = noticeOf(
      inputOf(envelope('intent.cancelled', { ...intent, status: 'CANCELLED', version: 5 })),
    ).invitation;
    expect(invite).toMatchObject({ method: 'REQUEST', uid: `refresh-${intent.id}@envrefresh`, sequence: 3 });
    expect(invite?.start.toISOString()).toBe('2025-03-01T22:00:00.000Z');
    expect(cancel).toMatchObject({ method: 'CANCEL', uid: invite?.uid, sequence: 5 });
  });

  it('speaks of a reminder lead time in words and still renders without the environment', () => {
    const reminder = EVENT_CATALOG.find((definition) => definition.type === 'schedule.reminder_due')!;
    const notice = noticeOf(inputOf(envelope(reminder.type, reminder.example), { environment: null }));
    expect(notice.title).toMatch(
      /^Reminder: refresh of environment 5f1e8c2a-\S+ starts in \d+ (day|hour)s?$/,
    );
    expect(notice.facts.map((fact) => fact.label)).toEqual(['Environment', 'Window (UTC)']);
  });

  it('renders other catalog events from their description', () => {
    const booking = EVENT_CATALOG.find((definition) => definition.type === 'booking.created')!;
    const notice = noticeOf(inputOf(envelope(booking.type, booking.example)));
    expect(notice.summary).toBe(booking.description);
  });
});
