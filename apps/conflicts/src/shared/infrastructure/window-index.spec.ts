import type { EnvironmentTier, WindowKind } from '@envrefresh/contracts';
import { WindowIndex } from './window-index';
import { WindowRow } from './world-rows';

const APP = { id: '00000000-0000-4000-8000-00000000000a', tier: 'QA' as EnvironmentTier };
const DB = { id: '00000000-0000-4000-8000-00000000000b', tier: 'UAT' as EnvironmentTier };
const ELSEWHERE = '00000000-0000-4000-8000-00000000000c';

const at = (iso: string) => new Date(`${iso}Z`);

function windowRow(
  name: string,
  options: {
    kind?: WindowKind;
    ids?: string[];
    tiers?: EnvironmentTier[];
    reach?: [string, string | null];
  } = {},
): WindowRow {
  const [start, end] = options.reach ?? ['2026-06-01T00:00', '2026-06-02T00:00'];
  return {
    id: `id-${name}`,
    kind: options.kind ?? 'BLACKOUT',
    name,
    scope_environment_ids: options.ids ?? [],
    scope_tiers: options.tiers ?? [],
    start: at(start),
    end: end === null ? null : at(end),
    rrule: null,
    duration: null,
    timezone: null,
    starts_at: null,
    until: null,
    span_start: at(start),
    span_end: end === null ? null : at(end),
  };
}

const names = (rows: WindowRow[]) => rows.map((row) => row.name);
const JUNE_FIRST = { start: at('2026-06-01T10:00'), end: at('2026-06-01T12:00') };

describe('WindowIndex.reaching', () => {
  it('keeps windows whose reach overlaps the half-open span, unbounded reaches included', () => {
    const index = new WindowIndex([
      windowRow('inside', { reach: ['2026-06-01T11:00', '2026-06-01T11:30'] }),
      windowRow('ends at the start', { reach: ['2026-06-01T08:00', '2026-06-01T10:00'] }),
      windowRow('starts at the end', { reach: ['2026-06-01T12:00', '2026-06-01T13:00'] }),
      windowRow('straddles the end', { reach: ['2026-06-01T11:59', '2026-06-01T13:00'] }),
      windowRow('never ends', { reach: ['2025-01-01T00:00', null] }),
      windowRow('starts later, never ends', { reach: ['2026-07-01T00:00', null] }),
      windowRow('encloses', { reach: ['2026-05-01T00:00', '2026-07-01T00:00'] }),
    ]);

    expect(names(index.reaching(JUNE_FIRST, [APP]))).toEqual([
      'inside',
      'straddles the end',
      'never ends',
      'encloses',
    ]);
  });

  it('keeps global windows and those naming one of the environments or one of their tiers, once each', () => {
    const index = new WindowIndex([
      windowRow('global'),
      windowRow('by id', { ids: [ELSEWHERE, DB.id] }),
      windowRow('by tier', { tiers: ['PERF', 'QA'] }),
      windowRow('by id and tier', { ids: [APP.id], tiers: ['QA', 'UAT'] }),
      windowRow('other id', { ids: [ELSEWHERE] }),
      windowRow('other tier', { tiers: ['PERF'] }),
      windowRow('other id, matching tier elsewhere', { ids: [ELSEWHERE], tiers: ['DEV'] }),
    ]);

    expect(names(index.reaching(JUNE_FIRST, [APP, DB]))).toEqual([
      'global',
      'by id',
      'by tier',
      'by id and tier',
    ]);
    expect(names(index.reaching(JUNE_FIRST, [DB]))).toEqual(['global', 'by id', 'by id and tier']);
    expect(names(index.reaching(JUNE_FIRST, []))).toEqual(['global']);
  });

  it('finds nothing for an empty span', () => {
    const index = new WindowIndex([windowRow('never ends', { reach: ['2025-01-01T00:00', null] })]);

    expect(index.reaching({ start: JUNE_FIRST.start, end: JUNE_FIRST.start }, [APP])).toEqual([]);
  });
});

describe('WindowIndex.hasMaintenanceInForce', () => {
  const now = at('2026-06-01T00:00');
  const past: [string, string] = ['2026-05-01T00:00', '2026-05-31T23:59'];

  it.each([
    ['a global one', windowRow('g', { kind: 'MAINTENANCE' })],
    ['one naming the target', windowRow('i', { kind: 'MAINTENANCE', ids: [APP.id] })],
    ['one naming its tier', windowRow('t', { kind: 'MAINTENANCE', tiers: ['QA'] })],
    ['one that never ends', windowRow('u', { kind: 'MAINTENANCE', reach: ['2020-01-01T00:00', null] })],
  ])('is true for %s not yet over', (_, row) => {
    expect(new WindowIndex([row]).hasMaintenanceInForce(APP, now)).toBe(true);
  });

  it.each([
    ['a blackout', windowRow('b', { ids: [APP.id] })],
    ['one that is over', windowRow('o', { kind: 'MAINTENANCE', ids: [APP.id], reach: past })],
    [
      'one ending right now',
      windowRow('n', { kind: 'MAINTENANCE', reach: ['2026-05-01T00:00', '2026-06-01T00:00'] }),
    ],
    ['another environment’s', windowRow('e', { kind: 'MAINTENANCE', ids: [ELSEWHERE] })],
    ['another tier’s', windowRow('t', { kind: 'MAINTENANCE', tiers: ['UAT'] })],
  ])('is false for %s', (_, row) => {
    expect(new WindowIndex([row]).hasMaintenanceInForce(APP, now)).toBe(false);
  });
});
