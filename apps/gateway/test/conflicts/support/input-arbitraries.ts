import fc from 'fast-check';

/** Mostly `good`, now and then `odd`: so that combinations of several fields still pass often enough. */
function mostly<T>(good: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: good, weight: 4 }, { arbitrary: odd, weight: 1 });
}

const smallList = (values: fc.Arbitrary<number>) =>
  fc.array(values, { minLength: 1, maxLength: 3 }).map((list) => list.join(','));
const oddNumber = fc.oneof(fc.integer({ min: -400, max: 400 }), fc.constantFrom(0, 99999999));

/** One `NAME=value` part after FREQ, its value mostly within RFC 5545's ranges. */
const part = fc.oneof(
  mostly(fc.integer({ min: 1, max: 12 }), oddNumber).map((value) => `INTERVAL=${value}`),
  mostly(fc.integer({ min: 1, max: 60 }), oddNumber).map((value) => `COUNT=${value}`),
  fc
    .array(
      mostly(
        fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU', '1MO', '-1FR'),
        fc.constantFrom('53SU', 'XX', ''),
      ),
      {
        minLength: 1,
        maxLength: 3,
      },
    )
    .map((days) => `BYDAY=${days.join(',')}`),
  smallList(mostly(fc.integer({ min: 0, max: 23 }), oddNumber)).map((value) => `BYHOUR=${value}`),
  smallList(mostly(fc.integer({ min: 0, max: 59 }), oddNumber)).map((value) => `BYMINUTE=${value}`),
  smallList(
    mostly(
      fc.integer({ min: -31, max: 31 }).filter((day) => day !== 0),
      oddNumber,
    ),
  ).map((value) => `BYMONTHDAY=${value}`),
  smallList(mostly(fc.integer({ min: 1, max: 12 }), oddNumber)).map((value) => `BYMONTH=${value}`),
  smallList(
    mostly(
      fc.integer({ min: -3, max: 5 }).filter((position) => position !== 0),
      oddNumber,
    ),
  ).map((value) => `BYSETPOS=${value}`),
  smallList(mostly(fc.integer({ min: 1, max: 366 }), oddNumber)).map((value) => `BYYEARDAY=${value}`),
  smallList(mostly(fc.integer({ min: 1, max: 53 }), oddNumber)).map((value) => `BYWEEKNO=${value}`),
  mostly(
    fc.constantFrom('20330101T000000Z', '20321231T235959Z'),
    fc.constantFrom('20330101', 'tomorrow', '19700101T000000Z'),
  ).map((value) => `UNTIL=${value}`),
  mostly(fc.constantFrom('MO', 'SU'), fc.constant('XX')).map((value) => `WKST=${value}`),
  fc.string({ maxLength: 12 }),
);

const frequency = mostly(
  fc.constantFrom('HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
  fc.constantFrom('SECONDLY', 'MINUTELY', 'FORTNIGHTLY', 'daily', ''),
);

/** RRULE texts near the grammar: mostly well-formed, with values and combinations only the service can judge. */
export const rruleText: fc.Arbitrary<string> = mostly(
  fc
    .tuple(frequency, fc.array(part, { maxLength: 3 }), fc.boolean())
    .map(([freq, parts, prefixed]) => `${prefixed ? 'RRULE:' : ''}${[`FREQ=${freq}`, ...parts].join(';')}`),
  fc.string({ maxLength: 40 }),
);

/** ISO-8601 durations, mostly well-formed, and near misses. */
export const durationText: fc.Arbitrary<string> = mostly(
  fc.oneof(
    fc.integer({ min: 1, max: 48 }).map((count) => `PT${count}H`),
    fc.integer({ min: 1, max: 600 }).map((count) => `PT${count}M`),
    fc.integer({ min: 1, max: 40 }).map((count) => `P${count}D`),
    fc.constantFrom('P1W', 'PT1H30M', 'P1DT12H', 'P1M'),
  ),
  fc.oneof(fc.constantFrom('PT0H', 'PT', 'P', '-PT1H', 'PT0.5H', '1H'), fc.string({ maxLength: 12 })),
);

/** IANA names, including those with unusual offsets, and a few that are not. */
export const timezoneText: fc.Arbitrary<string> = mostly(
  fc.constantFrom(
    'Europe/Berlin',
    'America/New_York',
    'UTC',
    'Etc/GMT+14',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Pacific/Chatham',
    'America/St_Johns',
  ),
  fc.oneof(fc.constantFrom('Europe/Atlantis', 'europe/berlin', '+02:00', ''), fc.string({ maxLength: 20 })),
);
