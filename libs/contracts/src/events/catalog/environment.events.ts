import { EnvironmentView, environmentViewSchema } from '../../model/environment-view';
import { defineEvent } from '../event-definition';

export const environmentUpsertedEvent = defineEvent<EnvironmentView>()({
  type: 'environment.upserted',
  version: 1,
  source: 'intents',
  description: 'An environment was created or changed; carries the whole environment.',
  dataSchema: environmentViewSchema,
  example: {
    id: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
    key: 'uat-payments',
    name: 'Payments UAT',
    tier: 'UAT',
    ownerGroup: 'payments',
    dependsOn: ['uat-ledger'],
    maintenanceWindows: [
      {
        name: 'Weekend nights',
        rrule: 'FREQ=WEEKLY;BYDAY=SA,SU',
        duration: 'PT8H',
        timezone: 'Europe/Paris',
        startsAt: '2025-01-04T22:00:00+01:00',
      },
    ],
    requiresApproval: true,
    timezone: 'Europe/Paris',
    reminderLeadTimes: ['P7D', 'P1D', 'PT1H'],
    overrunGrace: 'PT30M',
    lastRefreshedAt: null,
    createdAt: '2025-01-02T08:00:00Z',
    updatedAt: '2025-01-02T08:00:00Z',
  },
});
