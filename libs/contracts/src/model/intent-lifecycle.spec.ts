import {
  AMENDABLE_STATUSES,
  INTENT_ACTIONS,
  LifecycleAction,
  SYSTEM_ACTIONS,
  allowedActions,
  nextStatus,
} from './intent-lifecycle';
import { INTENT_STATUSES, IntentStatus } from './intent-view';

/** SPEC.md's diagram, written out pair by pair: every pair not listed must be refused. */
const EXPECTED: [IntentStatus, LifecycleAction, IntentStatus][] = [
  ['DRAFT', 'submit', 'REQUESTED'],
  ['DRAFT', 'cancel', 'CANCELLED'],
  ['REQUESTED', 'approve', 'APPROVED'],
  ['REQUESTED', 'auto-approve', 'APPROVED'],
  ['REQUESTED', 'reject', 'REJECTED'],
  ['REQUESTED', 'cancel', 'CANCELLED'],
  ['APPROVED', 'schedule', 'SCHEDULED'],
  ['APPROVED', 'cancel', 'CANCELLED'],
  ['SCHEDULED', 'start', 'IN_PROGRESS'],
  ['SCHEDULED', 'cancel', 'CANCELLED'],
  ['IN_PROGRESS', 'complete', 'COMPLETED'],
  ['IN_PROGRESS', 'fail', 'FAILED'],
  ['IN_PROGRESS', 'rollback', 'ROLLED_BACK'],
  ['FAILED', 'rollback', 'ROLLED_BACK'],
];

const ALL_ACTIONS: LifecycleAction[] = [...INTENT_ACTIONS, ...SYSTEM_ACTIONS];
const PAIRS = INTENT_STATUSES.flatMap((status) => ALL_ACTIONS.map((action) => [status, action] as const));

describe('the intent state machine', () => {
  it.each(PAIRS)('%s × %s goes exactly where SPEC.md says, or nowhere', (status, action) => {
    const expected = EXPECTED.find(([from, by]) => from === status && by === action)?.[2];
    expect(nextStatus(status, action)).toBe(expected);
  });

  it.each(INTENT_STATUSES)('%s allows exactly the API actions that lead somewhere', (status) => {
    expect(allowedActions(status)).toEqual(
      INTENT_ACTIONS.filter((action) => EXPECTED.some(([from, by]) => from === status && by === action)),
    );
  });

  it('never offers the actions the service takes by itself', () => {
    for (const status of INTENT_STATUSES) {
      for (const action of SYSTEM_ACTIONS) expect(allowedActions(status)).not.toContain(action);
    }
  });

  it('ends in COMPLETED, ROLLED_BACK, REJECTED and CANCELLED', () => {
    const final = INTENT_STATUSES.filter((status) => allowedActions(status).length === 0);
    expect(final).toEqual(['COMPLETED', 'ROLLED_BACK', 'REJECTED', 'CANCELLED']);
  });

  it('lets only intents that have not started be amended', () => {
    expect(AMENDABLE_STATUSES).toEqual(['DRAFT', 'REQUESTED', 'APPROVED', 'SCHEDULED']);
  });
});
