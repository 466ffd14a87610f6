import { HistoryEntry, hashHistoryEntry, verifyChain } from './history-chain';
import { resealPseudonymous } from './history-reseal';

/** A trail as written before ADR 0013: each actor sealed with name and e-mail. */
function legacyTrail(): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  const steps = [
    {
      action: 'created',
      actor: { sub: 'rita', name: 'Rita', email: 'rita@example.com' },
      from: null,
      to: 'REQUESTED',
    },
    { action: 'approve', actor: { sub: 'april', name: 'April' }, from: 'REQUESTED', to: 'APPROVED' },
  ] as const;
  for (const [index, step] of steps.entries()) {
    const content = {
      intentId: '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11',
      sequence: index + 1,
      action: step.action,
      actor: step.actor,
      fromStatus: step.from,
      toStatus: step.to,
      notes: null,
      at: new Date(Date.UTC(2030, 0, 1, index)),
      correlationId: `c-${index}`,
      previousHash: index === 0 ? null : entries[index - 1].hash,
    };
    entries.push({ ...content, hash: hashHistoryEntry(content) });
  }
  return entries;
}

describe('resealPseudonymous', () => {
  it('rewrites an intact legacy trail to seal subs only, and the new trail verifies', () => {
    const legacy = legacyTrail();
    expect(verifyChain(legacy, 'APPROVED').intact).toBe(true);

    const reseal = resealPseudonymous(legacy)!;

    expect(reseal.legacyHeadHash).toBe(legacy[1].hash);
    expect(reseal.entries.map((entry) => entry.actor)).toEqual([{ sub: 'rita' }, { sub: 'april' }]);
    expect(JSON.stringify(reseal.entries)).not.toMatch(/Rita|April|example\.com/);
    expect(verifyChain(reseal.entries, 'APPROVED')).toMatchObject({ intact: true, entries: 2 });
  });

  it('leaves a broken trail alone, so verification still says where it broke', () => {
    const tampered = legacyTrail();
    tampered[0] = { ...tampered[0], notes: 'edited afterwards' };
    expect(resealPseudonymous(tampered)).toBeNull();
    const unlinked = legacyTrail();
    unlinked[1] = { ...unlinked[1], previousHash: 'f'.repeat(64) };
    expect(resealPseudonymous(unlinked)).toBeNull();
  });

  it('has nothing to do for a trail that already seals subs only', () => {
    const reseal = resealPseudonymous(legacyTrail())!;
    expect(resealPseudonymous(reseal.entries)).toBeNull();
    expect(resealPseudonymous([])).toBeNull();
  });
});
