import {
  ConflictFindingView,
  ConflictSeverity,
  ConflictType,
  ConflictView,
  EnvironmentView,
  IntentSource,
  RelatedRef,
} from '@envrefresh/contracts';
import { Span } from './calendar';

/** `day('2031-02-03')('10:00')` → `2031-02-03T10:00:00.000Z`; hours past 24 run into the following days. */
export function day(date: string): (time: string) => string {
  const midnight = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(midnight)) throw new Error(`${date} is not a date`);
  return (time) => {
    const [hours, minutes] = time.split(':').map(Number);
    return new Date(midnight + (hours * 60 + minutes) * 60_000).toISOString();
  };
}

/** `[start, end)` with both ends as the API writes instants. */
export function span(start: string, end: string): Span {
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}

/** One conflict a check must report, and what its explanation must name. */
export interface ExpectedConflict {
  type: ConflictType;
  severity: ConflictSeverity;
  relatedRef: RelatedRef;
  /** The overlap (for OUTSIDE_MAINTENANCE, the part outside every maintenance window). */
  window: Span;
  /** Words the explanation must contain: the other party, and when. */
  mentions: string[];
}

/** One dry run of a scenario and exactly the conflicts it must report. */
export interface CheckCase {
  title: string;
  environment: EnvironmentView;
  span: Span;
  source?: IntentSource;
  expected: ExpectedConflict[];
  /** Also file and submit an intent with this window: the service must store the same conflicts for it. */
  stored?: boolean;
}

/** The scenario's world is built by `build`, which answers with the checks to make in it. */
export interface Scenario<TWorld> {
  name: string;
  build(world: TWorld): Promise<CheckCase[]>;
}

type Comparable = Pick<ConflictFindingView, 'type' | 'severity' | 'rule' | 'relatedRef' | 'window'> & {
  explanation: unknown;
};

const order = (a: Comparable, b: Comparable) =>
  `${a.type} ${a.relatedRef.kind} ${a.relatedRef.id} ${a.window.start}`.localeCompare(
    `${b.type} ${b.relatedRef.kind} ${b.relatedRef.id} ${b.window.start}`,
  );

function comparable(finding: ConflictFindingView): Comparable {
  const { type, severity, rule, relatedRef, window, explanation } = finding;
  return { type, severity, rule, relatedRef, window, explanation };
}

/** A string containing every one of `words`, in any order. */
function mentioning(words: string[]): unknown {
  const escaped = words.map((word) => `(?=[\\s\\S]*${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`);
  return expect.stringMatching(new RegExp(`^${escaped.join('')}`));
}

/** The dry run reported exactly `expected`, nothing more, in any order; the title says which check failed. */
export function expectFindings(title: string, actual: ConflictFindingView[], expected: ExpectedConflict[]) {
  const wanted: Comparable[] = expected.map(({ type, severity, relatedRef, window, mentions }) => ({
    type,
    severity,
    rule: type,
    relatedRef,
    window,
    explanation: mentioning(mentions),
  }));
  expect({ check: title, conflicts: actual.map(comparable).sort(order) }).toEqual({
    check: title,
    conflicts: wanted.sort(order),
  });
}

/** The service stored, OPEN, exactly the conflicts the dry run reported, word for word. */
export function expectStoredAsChecked(
  title: string,
  stored: ConflictView[],
  checked: ConflictFindingView[],
  intent: { id: string; environmentId: string },
) {
  expect({ check: title, stored: stored.map(comparable).sort(order) }).toEqual({
    check: title,
    stored: checked.map(comparable).sort(order),
  });
  for (const conflict of stored) {
    expect(conflict).toMatchObject({
      intentId: intent.id,
      environmentId: intent.environmentId,
      status: 'OPEN',
    });
  }
}
