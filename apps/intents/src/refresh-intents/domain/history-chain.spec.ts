import { createHash } from 'node:crypto';
import { HistoryEntry, chainEntry, hashHistoryEntry, verifyChain } from './history-chain';

const AT = new Date('2030-01-10T10:00:00Z');

function trail(): HistoryEntry[] {
  const steps = [
    ['created', null, 'DRAFT'],
    ['submit', 'DRAFT', 'REQUESTED'],
    ['approve', 'REQUESTED', 'APPROVED'],
  ] as const;
  const entries: HistoryEntry[] = [];
  for (const [action, fromStatus, toStatus] of steps) {
    entries.push(
      chainEntry(entries.at(-1) ?? null, {
        intentId: 'intent-1',
        action,
        actor: { sub: 'rita', name: undefined },
        fromStatus,
        toStatus,
        notes: action === 'approve' ? 'ok' : null,
        at: AT,
        correlationId: 'req-1',
      }),
    );
  }
  return entries;
}

describe('the history hash chain', () => {
  it('hashes the documented canonical JSON of the entry, previous hash included', () => {
    const [first, second] = trail();
    const canonical =
      '{"action":"submit","actor":{"sub":"rita"},"at":"2030-01-10T10:00:00.000Z","correlationId":"req-1",' +
      `"fromStatus":"DRAFT","intentId":"intent-1","notes":null,"previousHash":"${first.hash}","sequence":2,"toStatus":"REQUESTED"}`;
    expect(second.hash).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(first).toMatchObject({ sequence: 1, previousHash: null });
    expect(second.previousHash).toBe(first.hash);
  });

  it('reports an untouched trail intact', () => {
    expect(verifyChain(trail(), 'APPROVED')).toEqual({
      intact: true,
      entries: 3,
      firstBrokenSequence: null,
      reason: null,
    });
  });

  it('finds an altered entry by its content', () => {
    const entries = trail();
    entries[1] = { ...entries[1], notes: 'inserted later' };
    expect(verifyChain(entries, 'APPROVED')).toMatchObject({
      intact: false,
      firstBrokenSequence: 2,
      reason: expect.stringContaining('altered'),
    });
  });

  it('finds a re-hashed entry by the broken link after it', () => {
    const entries = trail();
    const forged = { ...entries[1], actor: { sub: 'mallory' } };
    entries[1] = { ...forged, hash: hashHistoryEntry(forged) };
    expect(verifyChain(entries, 'APPROVED')).toMatchObject({
      intact: false,
      firstBrokenSequence: 3,
      reason: expect.stringContaining('link'),
    });
  });

  it('finds a removed entry and a removed tail', () => {
    const entries = trail();
    expect(verifyChain([entries[0], entries[2]], 'APPROVED')).toMatchObject({
      intact: false,
      firstBrokenSequence: 2,
    });
    expect(verifyChain(entries.slice(0, 2), 'APPROVED')).toMatchObject({
      intact: false,
      firstBrokenSequence: 3,
    });
    expect(verifyChain([], 'DRAFT')).toMatchObject({ intact: false, entries: 0, firstBrokenSequence: 1 });
  });
});
