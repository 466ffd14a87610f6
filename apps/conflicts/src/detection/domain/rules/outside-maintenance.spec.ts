import { outsideMaintenance, outsideMaintenanceRule } from './outside-maintenance';
import { candidate, occurrence, situation, span } from './situation.fixture';

const maintenance = (...windows: ReturnType<typeof span>[]) =>
  situation({
    targetHasMaintenanceWindows: true,
    maintenance: windows.map((window) =>
      occurrence(window, { kind: 'MAINTENANCE', name: 'Nightly', windowId: 'm', origin: 'ENVIRONMENT' }),
    ),
  });

describe('OUTSIDE_MAINTENANCE', () => {
  it('says nothing for an environment without maintenance windows', () => {
    expect(outsideMaintenance(candidate(span('12:00', '13:00')), situation())).toEqual([]);
  });

  it('says nothing for a refresh inside a maintenance window, or across two touching ones', () => {
    const world = maintenance(span('22:00', '26:00'), span('26:00', '30:00'));
    expect(outsideMaintenance(candidate(span('22:00', '26:00')), world)).toEqual([]);
    expect(outsideMaintenance(candidate(span('23:00', '29:00')), world)).toEqual([]);
  });

  it('warns of the part outside, against the environment', () => {
    const world = maintenance(span('22:00', '30:00'));
    expect(outsideMaintenance(candidate(span('21:00', '23:00')), world)).toEqual([
      {
        type: 'OUTSIDE_MAINTENANCE',
        rule: 'OUTSIDE_MAINTENANCE',
        severity: 'WARNING',
        explanation:
          'uat-web is to be refreshed inside its maintenance windows, but this refresh runs outside them from 2026-03-01 21:00 to 22:00 UTC; move it into a maintenance window.',
        relatedRef: { kind: 'ENVIRONMENT', id: 'env-web' },
        window: span('21:00', '22:00'),
      },
    ]);
  });

  it('spans several parts outside, and the whole refresh when no window is near', () => {
    const world = maintenance(span('02:00', '03:00'), span('04:00', '05:00'));
    const [finding] = outsideMaintenance(candidate(span('01:00', '06:00')), world);
    expect(finding.window).toEqual(span('01:00', '06:00'));
    expect(finding.explanation).toContain('(in 3 parts)');
    expect(outsideMaintenance(candidate(span('12:00', '13:00')), maintenance())[0].window).toEqual(
      span('12:00', '13:00'),
    );
  });

  it('occupies what lies outside the maintenance windows', () => {
    expect(
      outsideMaintenanceRule.occupied(
        { environmentId: 'env-web' },
        maintenance(span('02:00', '03:00')),
        span('00:00', '06:00'),
      ),
    ).toEqual([span('00:00', '02:00'), span('03:00', '06:00')]);
    expect(
      outsideMaintenanceRule.occupied({ environmentId: 'env-web' }, situation(), span('00:00', '06:00')),
    ).toEqual([]);
  });
});
