import { blackout, blackoutRule } from './blackout';
import { candidate, occurrence, situation, span } from './situation.fixture';

describe('BLACKOUT', () => {
  it('blocks a refresh that overlaps a blackout covering the environment', () => {
    const world = situation({ blackouts: [occurrence(span('22:00', '30:00'))] });
    expect(blackout(candidate(span('21:00', '23:00')), world)).toEqual([
      {
        type: 'BLACKOUT',
        rule: 'BLACKOUT',
        severity: 'BLOCKING',
        explanation:
          'Blackout "Quarter-end close" covers uat-web from 2026-03-01 22:00 to 2026-03-02 06:00 UTC; no refresh may run then, so move this one outside it.',
        relatedRef: { kind: 'WINDOW', id: 'window-1' },
        window: span('22:00', '23:00'),
      },
    ]);
  });

  it('gives one finding per window, spanning every occurrence the refresh meets', () => {
    const world = situation({
      blackouts: [
        occurrence(span('01:00', '02:00')),
        occurrence(span('05:00', '06:00')),
        occurrence(span('09:00', '10:00')),
        occurrence(span('04:00', '07:00'), { windowId: 'window-2', name: 'Release freeze' }),
      ],
    });
    const found = blackout(candidate(span('01:30', '09:30')), world);
    expect(found.map((finding) => [finding.relatedRef.id, finding.window])).toEqual([
      ['window-1', span('01:30', '09:30')],
      ['window-2', span('04:00', '07:00')],
    ]);
    expect(found[0].explanation).toContain('from 2026-03-01 01:00 to 10:00 UTC (3 occurrences)');
  });

  it('ignores blackouts of other environments and back-to-back ones', () => {
    const world = situation({
      blackouts: [
        occurrence(span('20:00', '23:00'), { coveredEnvironmentIds: ['env-api'] }),
        occurrence(span('18:00', '21:00'), { windowId: 'window-2' }),
      ],
    });
    expect(blackout(candidate(span('21:00', '22:00')), world)).toEqual([]);
    expect(blackoutRule.occupied({ environmentId: 'env-web' }, world, span('00:00', '24:00'))).toEqual([
      span('18:00', '21:00'),
    ]);
  });
});
