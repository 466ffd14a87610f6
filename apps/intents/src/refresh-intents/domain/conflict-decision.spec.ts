import { ConflictView, conflictAcknowledgedEvent, conflictOverriddenEvent } from '@envrefresh/contracts';
import { ConflictDecision, conflictDecisionEntry, readConflictDecision } from './conflict-decision';
import { chainEntry, verifyChain } from './history-chain';

const overridden: ConflictView = conflictOverriddenEvent.example;
const acknowledged: ConflictView = {
  ...conflictAcknowledgedEvent.example,
  id: '11111111-2222-4333-8444-555555555555',
  type: 'INTENT_OVERLAP',
  severity: 'WARNING',
};
const INTENT = { id: overridden.intentId, status: 'REQUESTED' as const };

function decision(kind: 'overridden' | 'acknowledged', conflict: ConflictView): ConflictDecision {
  const reading = readConflictDecision(kind, conflict);
  if (!reading.ok) throw new Error(reading.reason);
  return reading.decision;
}

describe('an approver’s decision on a conflict', () => {
  it('reads who overrode, when and why from a conflict.overridden event', () => {
    expect(decision('overridden', overridden)).toEqual({
      kind: 'overridden',
      conflictId: overridden.id,
      type: 'BOOKING_OVERLAP',
      severity: 'BLOCKING',
      decidedBy: { sub: 'bob', name: 'Bob Chen' },
      decidedAt: new Date('2025-02-22T08:05:00Z'),
      justification: 'Release testing agreed to pause for the refresh.',
    });
  });

  it('reads who acknowledged and when, with or without notes', () => {
    expect(decision('acknowledged', acknowledged)).toMatchObject({
      kind: 'acknowledged',
      decidedBy: { sub: 'bob' },
      decidedAt: new Date('2025-02-22T08:00:00Z'),
      justification: null,
    });
    expect(
      decision('acknowledged', { ...acknowledged, justification: '  Fine, QA is told.  ' }).justification,
    ).toBe('Fine, QA is told.');
  });

  it.each([
    ['overridden', { ...overridden, overriddenBy: undefined }, 'overriddenBy and overriddenAt'],
    ['overridden', { ...overridden, overriddenAt: undefined }, 'overriddenBy and overriddenAt'],
    ['overridden', { ...overridden, overriddenAt: 'not a date' }, 'overriddenBy and overriddenAt'],
    ['acknowledged', { ...acknowledged, acknowledgedBy: { sub: '' } }, 'acknowledgedBy and acknowledgedAt'],
    // An acknowledgement event must be read from the acknowledgement's members, not an override's.
    ['acknowledged', overridden, 'acknowledgedBy and acknowledgedAt'],
  ] as const)('refuses a %s event that does not say who decided and when (%#)', (kind, conflict, fields) => {
    expect(readConflictDecision(kind, conflict)).toEqual({
      ok: false,
      reason: `conflict ${conflict.id} was ${kind} but the event lacks ${fields}`,
    });
  });

  it('becomes an entry by the approver that leaves the intent in its status', () => {
    expect(conflictDecisionEntry(decision('overridden', overridden), INTENT, 'req-9')).toEqual({
      intentId: INTENT.id,
      action: 'conflict.overridden',
      actor: { sub: 'bob', name: 'Bob Chen' },
      fromStatus: 'REQUESTED',
      toStatus: 'REQUESTED',
      notes: `Overrode BLOCKING BOOKING_OVERLAP conflict ${overridden.id}: "Release testing agreed to pause for the refresh."`,
      at: new Date('2025-02-22T08:05:00Z'),
      correlationId: 'req-9',
    });
  });

  it.each([
    [
      'an acknowledgement without notes',
      decision('acknowledged', acknowledged),
      `Acknowledged WARNING INTENT_OVERLAP conflict ${acknowledged.id}.`,
    ],
    [
      'an acknowledgement with notes',
      decision('acknowledged', { ...acknowledged, justification: 'QA is told.' }),
      `Acknowledged WARNING INTENT_OVERLAP conflict ${acknowledged.id}: "QA is told."`,
    ],
    [
      'an override whose justification is blank',
      decision('overridden', { ...overridden, justification: '   ' }),
      `Overrode BLOCKING BOOKING_OVERLAP conflict ${overridden.id} without a justification.`,
    ],
  ])('names the conflict in the notes of %s', (_, decided, notes) => {
    const entry = conflictDecisionEntry(decided, INTENT, 'req-9');
    expect(entry).toMatchObject({ action: `conflict.${decided.kind}`, notes });
  });

  it('chains after the intent’s last step and keeps the trail verifiable', () => {
    const created = chainEntry(null, {
      intentId: INTENT.id,
      action: 'created',
      actor: { sub: 'rita' },
      fromStatus: null,
      toStatus: 'REQUESTED',
      notes: null,
      at: new Date('2025-02-21T10:00:00Z'),
      correlationId: 'req-1',
    });
    const decided = chainEntry(
      created,
      conflictDecisionEntry(decision('overridden', overridden), INTENT, 'req-9'),
    );
    expect(decided).toMatchObject({ sequence: 2, previousHash: created.hash });
    expect(verifyChain([created, decided], 'REQUESTED')).toMatchObject({ intact: true, entries: 2 });
  });
});
