import { WindowView, windowViewSchema } from '../../model/window-view';
import { defineEvent } from '../event-definition';

export const windowCreatedEvent = defineEvent<WindowView>()({
  type: 'window.created',
  version: 1,
  source: 'conflicts',
  description: 'An admin created a blackout or maintenance window.',
  dataSchema: windowViewSchema,
  example: {
    id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
    kind: 'BLACKOUT',
    name: 'Quarter-end close',
    scope: { tiers: ['UAT', 'STAGING'] },
    start: '2025-03-28T00:00:00Z',
    end: '2025-04-02T00:00:00Z',
    createdBy: { sub: 'dana' },
    createdAt: '2025-02-10T12:00:00Z',
  },
});

export const windowDeletedEvent = defineEvent<WindowView>()({
  type: 'window.deleted',
  version: 1,
  source: 'conflicts',
  description:
    'An admin deleted a window: it no longer counts, and is kept for the audit. Carries the window marked with `deletedAt` and `deletedBy` (two fields added within version 1).',
  dataSchema: windowViewSchema,
  example: {
    id: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
    kind: 'MAINTENANCE',
    name: 'Nightly maintenance',
    scope: {},
    rrule: 'FREQ=DAILY',
    duration: 'PT8H',
    timezone: 'Europe/Paris',
    startsAt: '2025-01-01T22:00:00+01:00',
    createdBy: { sub: 'dana' },
    createdAt: '2025-01-01T09:00:00Z',
    deletedAt: '2025-03-01T08:30:00Z',
    deletedBy: { sub: 'dana' },
  },
});
