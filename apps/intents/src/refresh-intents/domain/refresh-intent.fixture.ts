import { IntentStatus } from '@envrefresh/contracts';
import { ActingUser } from '@envrefresh/kernel';
import { Filing } from './intent-input.validation';
import { IntentState, RefreshIntent } from './refresh-intent';

export const NOW = new Date('2030-01-10T10:00:00Z');

/** The group owning the environment of the fixture intents. */
export const OWNER_GROUP = 'payments';

function user(sub: string, roles: Partial<ActingUser> = {}): ActingUser {
  return {
    sub,
    groups: [],
    isAdmin: false,
    mayRequest: false,
    mayApprove: false,
    mayOperate: false,
    ...roles,
  };
}

export const people = {
  requester: user('rita', { mayRequest: true, name: 'Rita' }),
  otherRequester: user('rob', { mayRequest: true }),
  approver: user('april', { mayRequest: true, mayApprove: true, groups: [OWNER_GROUP] }),
  operator: user('otto', { mayOperate: true, groups: [OWNER_GROUP] }),
  admin: user('ada', { isAdmin: true, mayRequest: true, mayApprove: true, mayOperate: true }),
  viewer: user('vic'),
};

export const filing: Filing = {
  environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  refreshType: 'MASKED_COPY',
  plannedStart: new Date('2030-03-01T21:00:00Z'),
  plannedEnd: new Date('2030-03-02T01:00:00Z'),
  reason: 'Regression data',
  notificationGroups: ['qa'],
  externalRef: null,
  submit: false,
};

/** An intent as stored in any status, requested by Rita, at version 7. */
export function storedIntent(status: IntentStatus, overrides: Partial<IntentState> = {}): RefreshIntent {
  return RefreshIntent.restore({
    id: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
    environmentId: filing.environmentId,
    refreshType: 'MASKED_COPY',
    status,
    plannedStart: filing.plannedStart,
    plannedEnd: filing.plannedEnd,
    reason: 'Regression data',
    notificationGroups: ['qa'],
    externalRef: null,
    requestedBy: { sub: 'rita', name: 'Rita' },
    version: 7,
    createdAt: new Date('2030-01-01T00:00:00Z'),
    updatedAt: new Date('2030-01-01T00:00:00Z'),
    ...overrides,
  });
}
