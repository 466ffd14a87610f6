import { ConflictRow, toConflictView } from './conflict-row.mapper';

const row: ConflictRow = {
  id: '0a9b8c7d-6e5f-4a3b-9c1d-0e9f8a7b6c5d',
  intent_id: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
  environment_id: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  type: 'BLACKOUT',
  severity: 'BLOCKING',
  rule: 'BLACKOUT',
  explanation: 'Quarter-end blackout covers UAT until 06:00Z; move the refresh after it.',
  related_ref: { kind: 'WINDOW', id: '3c2b1a09-8f7e-4d6c-9b4a-392817160504' },
  window_start: new Date('2025-03-01T22:00:00Z'),
  window_end: new Date('2025-03-02T06:00:00Z'),
  status: 'OPEN',
  acknowledged_by: null,
  acknowledged_at: null,
  overridden_by: null,
  overridden_at: null,
  justification: null,
  resolved_at: null,
  created_at: new Date('2025-02-21T10:00:01Z'),
  updated_at: new Date('2025-02-21T10:00:02Z'),
};

describe('toConflictView', () => {
  it('maps an open conflict without the members it does not have', () => {
    expect(toConflictView(row)).toEqual({
      id: row.id,
      intentId: row.intent_id,
      environmentId: row.environment_id,
      type: 'BLACKOUT',
      severity: 'BLOCKING',
      rule: 'BLACKOUT',
      explanation: row.explanation,
      relatedRef: row.related_ref,
      window: { start: '2025-03-01T22:00:00.000Z', end: '2025-03-02T06:00:00.000Z' },
      status: 'OPEN',
      createdAt: '2025-02-21T10:00:01.000Z',
      updatedAt: '2025-02-21T10:00:02.000Z',
    });
  });

  it('carries who overrode it, when and why', () => {
    const view = toConflictView({
      ...row,
      status: 'OVERRIDDEN',
      overridden_by: { sub: 'bob' },
      overridden_at: new Date('2025-02-22T08:05:00Z'),
      justification: 'agreed with the blackout owner',
    });
    expect(view).toMatchObject({
      status: 'OVERRIDDEN',
      overriddenBy: { sub: 'bob' },
      overriddenAt: '2025-02-22T08:05:00.000Z',
      justification: 'agreed with the blackout owner',
    });
    expect(view).not.toHaveProperty('acknowledgedBy');
  });
});
