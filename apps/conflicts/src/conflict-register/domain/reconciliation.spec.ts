import { Finding } from '../../detection/domain/situation';
import { causeKey } from '../../detection/domain/evaluate';
import { LiveConflict, planReconciliation } from './reconciliation';

const at = (hour: number) => new Date(Date.UTC(2026, 11, 1, hour));
const finding = (id: string, overrides: Partial<Finding> = {}): Finding => ({
  type: 'BOOKING_OVERLAP',
  severity: 'BLOCKING',
  rule: 'BOOKING_OVERLAP',
  explanation: `booking ${id}`,
  relatedRef: { kind: 'BOOKING', id },
  window: { start: at(1), end: at(3) },
  ...overrides,
});
const live = (found: Finding, status: LiveConflict['status'] = 'OPEN'): LiveConflict => ({
  id: `conflict-${found.relatedRef.id}`,
  causeKey: causeKey(found),
  severity: found.severity,
  window: found.window,
  explanation: found.explanation,
  status,
});

describe('planReconciliation', () => {
  it('detects new causes and resolves the ones that are gone', () => {
    const kept = finding('kept');
    const gone = finding('gone');
    const plan = planReconciliation([live(kept), live(gone)], [kept, finding('new')]);
    expect(plan.detect.map((f) => f.relatedRef.id)).toEqual(['new']);
    expect(plan.resolve.map((c) => c.id)).toEqual(['conflict-gone']);
    expect(plan.reword).toEqual([]);
  });

  it('keeps an overridden conflict whose cause is unchanged', () => {
    const same = finding('a');
    const plan = planReconciliation([live(same, 'OVERRIDDEN')], [same]);
    expect(plan).toEqual({ detect: [], resolve: [], reword: [] });
  });

  it('replaces a conflict whose severity or overlap changed, even when overridden', () => {
    const before = finding('a', { severity: 'WARNING' });
    const severity = planReconciliation([live(before, 'ACKNOWLEDGED')], [finding('a')]);
    expect(severity.resolve).toHaveLength(1);
    expect(severity.detect).toHaveLength(1);
    const moved = planReconciliation(
      [live(finding('a'), 'OVERRIDDEN')],
      [finding('a', { window: { start: at(2), end: at(3) } })],
    );
    expect(moved.resolve.map((c) => c.id)).toEqual(['conflict-a']);
    expect(moved.detect[0].window.start).toEqual(at(2));
  });

  it('rewords quietly when only the explanation changed', () => {
    const plan = planReconciliation([live(finding('a'))], [finding('a', { explanation: 'renamed' })]);
    expect(plan).toEqual({
      detect: [],
      resolve: [],
      reword: [{ id: 'conflict-a', explanation: 'renamed', discreetExplanation: null }],
    });
  });

  it('gives a conflict stored before discreet wordings existed its discreet wording, quietly', () => {
    const audience = { requestedBySub: 'reqb', notificationGroups: [], environmentOwnerGroup: 'qa' };
    const now = finding('a', { concerning: { audience, discreetExplanation: 'another refresh' } });
    const plan = planReconciliation([live(finding('a'))], [now]);
    expect(plan).toEqual({
      detect: [],
      resolve: [],
      reword: [{ id: 'conflict-a', explanation: 'booking a', discreetExplanation: 'another refresh' }],
    });
    expect(
      planReconciliation([{ ...live(now), discreetExplanation: 'another refresh' }], [now]).reword,
    ).toEqual([]);
  });

  it('counts one conflict per cause when a rule reports the same cause twice', () => {
    const plan = planReconciliation([], [finding('a'), finding('a', { explanation: 'second path' })]);
    expect(plan.detect).toHaveLength(1);
  });
});
