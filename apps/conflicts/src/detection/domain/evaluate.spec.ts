import { causeKey, evaluate } from './evaluate';
import { Finding } from './situation';
import { DEFAULT_RULE_SET, parseRuleSet } from './rule-set';
import { API, booking, candidate, intent, occurrence, situation, span } from './rules/situation.fixture';

// One of everything around a refresh of uat-web from 21:00 to 23:00.
const world = situation({
  related: [API],
  intents: [
    intent(span('22:00', '24:00'), { id: 'same-env', status: 'APPROVED' }),
    intent(span('20:00', '21:30'), { id: 'upstream', environmentId: API.id, source: { snapshot: 'snap-1' } }),
  ],
  bookings: [booking(span('21:30', '22:30'), { priority: 'LOW' })],
  blackouts: [occurrence(span('22:30', '26:00'))],
  maintenance: [occurrence(span('20:00', '22:00'), { kind: 'MAINTENANCE', windowId: 'm' })],
  targetHasMaintenanceWindows: true,
});
const mine = candidate(span('21:00', '23:00'), { source: { snapshot: 'snap-1' } });

describe('evaluate', () => {
  it('runs every rule and sorts the findings by window start, then type', () => {
    const found = evaluate(mine, world, DEFAULT_RULE_SET);
    expect(
      found.map((finding) => [
        finding.window.start.toISOString().slice(11, 16),
        finding.type,
        finding.severity,
      ]),
    ).toEqual([
      ['21:00', 'DEPENDENCY', 'WARNING'],
      ['21:00', 'SOURCE_CONTENTION', 'WARNING'],
      ['21:30', 'BOOKING_OVERLAP', 'WARNING'],
      ['22:00', 'INTENT_OVERLAP', 'BLOCKING'],
      ['22:00', 'OUTSIDE_MAINTENANCE', 'WARNING'],
      ['22:30', 'BLACKOUT', 'BLOCKING'],
    ]);
  });

  it('leaves out switched-off rules and applies severity overrides', () => {
    const ruleSet = parseRuleSet(
      'DEPENDENCY=off,SOURCE_CONTENTION=off,BOOKING_OVERLAP=BLOCKING,BLACKOUT=WARNING',
    );
    const found = evaluate(mine, world, ruleSet);
    expect(found.map((finding) => [finding.type, finding.severity])).toEqual([
      ['BOOKING_OVERLAP', 'BLOCKING'],
      ['INTENT_OVERLAP', 'BLOCKING'],
      ['OUTSIDE_MAINTENANCE', 'WARNING'],
      ['BLACKOUT', 'WARNING'],
    ]);
  });

  it('finds nothing in a quiet world', () => {
    expect(evaluate(mine, situation(), DEFAULT_RULE_SET)).toEqual([]);
  });
});

describe('causeKey', () => {
  it('is the type and what the conflict is with, whatever its window or wording', () => {
    const [finding] = evaluate(
      candidate(span('21:00', '22:00')),
      situation({ bookings: [booking(span('20:00', '23:00'))] }),
      DEFAULT_RULE_SET,
    );
    expect(causeKey(finding)).toBe('BOOKING_OVERLAP:BOOKING:booking-1');
    const moved: Finding = { ...finding, window: span('01:00', '02:00'), explanation: 'other words' };
    expect(causeKey(moved)).toBe(causeKey(finding));
  });
});
