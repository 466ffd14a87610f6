/** When a recurrence stops, as its RRULE's UNTIL part says. */
export type RuleUntil =
  | { kind: 'instant'; at: Date }
  /** A date without time: every occurrence starting on or before that local date. */
  | { kind: 'date'; date: string };

export interface RuleText {
  freq: string;
  /** The rule without UNTIL, with normalized part names: what the expander is given. */
  withoutUntil: string;
  until?: RuleUntil;
}

export type RuleTextResult = { ok: true; rule: RuleText } | { ok: false; problem: string };

const WEEKDAY = /^(MO|TU|WE|TH|FR|SA|SU)$/;
const BYDAY_ITEM = /^([+-]?)(\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;
const SUPPORTED_FREQ = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];

type PartCheck = (value: string) => string | undefined;

const PARTS: Record<string, PartCheck> = {
  FREQ: (value) =>
    SUPPORTED_FREQ.includes(value)
      ? undefined
      : value === 'MINUTELY' || value === 'SECONDLY'
        ? `FREQ=${value} is not supported: a window recurs at most hourly`
        : `FREQ must be one of ${SUPPORTED_FREQ.join(', ')}`,
  INTERVAL: positiveInteger('INTERVAL'),
  COUNT: positiveInteger('COUNT'),
  UNTIL: (value) =>
    parseUntil(value)
      ? undefined
      : 'UNTIL must be a UTC date-time such as 20261231T230000Z, or a date such as 20261231',
  BYSECOND: integers('BYSECOND', 0, 60, false),
  BYMINUTE: integers('BYMINUTE', 0, 59, false),
  BYHOUR: integers('BYHOUR', 0, 23, false),
  BYMONTHDAY: integers('BYMONTHDAY', 1, 31, true),
  BYYEARDAY: integers('BYYEARDAY', 1, 366, true),
  BYWEEKNO: integers('BYWEEKNO', 1, 53, true),
  BYMONTH: integers('BYMONTH', 1, 12, false),
  BYSETPOS: integers('BYSETPOS', 1, 366, true),
  BYDAY: (value) =>
    value.split(',').every((item) => {
      const match = BYDAY_ITEM.exec(item);
      return match !== null && (match[2] === undefined || (Number(match[2]) >= 1 && Number(match[2]) <= 53));
    })
      ? undefined
      : 'BYDAY must list weekdays such as MO,WE or -1FR (MO, TU, WE, TH, FR, SA, SU, optionally numbered 1 to 53 or -1 to -53)',
  WKST: (value) => (WEEKDAY.test(value) ? undefined : 'WKST must be a weekday: MO, TU, WE, TH, FR, SA or SU'),
};

/**
 * Checks the text of an RRULE (`FREQ=WEEKLY;BYDAY=SA`, optionally prefixed `RRULE:`) part by part,
 * saying what is wrong. Only the rule itself is accepted: DTSTART, RDATE and EXDATE are refused,
 * because a window's start is its `startsAt` in its `timezone` and one rule describes it whole.
 * Combinations RFC 5545 forbids (BYSETPOS alone, BYWEEKNO outside YEARLY, …) are left to the
 * expander's strict mode, which names them.
 */
export function parseRuleText(text: string): RuleTextResult {
  const body = text.trim().replace(/^RRULE:/i, '');
  if (/[\r\n]/.test(body) || /^(DTSTART|RDATE|EXDATE)/im.test(text.trim())) {
    return fail(
      'must be a single RRULE such as FREQ=WEEKLY;BYDAY=SA, without DTSTART, RDATE or EXDATE lines: the window starts at startsAt in its timezone',
    );
  }
  if (body === '') return fail('must not be empty: give an RRULE such as FREQ=WEEKLY;BYDAY=SA');
  const parts = new Map<string, string>();
  for (const raw of body.split(';')) {
    const separator = raw.indexOf('=');
    if (separator <= 0 || separator === raw.length - 1) {
      return fail(`has "${raw}" where a NAME=VALUE part such as FREQ=DAILY belongs`);
    }
    const name = raw.slice(0, separator).trim().toUpperCase();
    const value = raw
      .slice(separator + 1)
      .trim()
      .toUpperCase();
    if (name === 'DTSTART')
      return fail('must not contain DTSTART: the window starts at startsAt in its timezone');
    const check = PARTS[name];
    if (!check)
      return fail(`has an unknown or unsupported part ${name}; allowed: ${Object.keys(PARTS).join(', ')}`);
    if (parts.has(name)) return fail(`names ${name} twice`);
    const problem = check(value);
    if (problem) return fail(problem);
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (!freq) return fail('must contain FREQ, e.g. FREQ=DAILY');
  if (parts.has('COUNT') && parts.has('UNTIL')) return fail('must not contain both COUNT and UNTIL');
  const untilText = parts.get('UNTIL');
  parts.delete('UNTIL');
  return {
    ok: true,
    rule: {
      freq,
      withoutUntil: [...parts].map(([name, value]) => `${name}=${value}`).join(';'),
      until: untilText === undefined ? undefined : parseUntil(untilText),
    },
  };
}

function parseUntil(value: string): RuleUntil | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z)?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const at = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    at.getUTCFullYear() === year &&
    at.getUTCMonth() === month - 1 &&
    at.getUTCDate() === day &&
    at.getUTCHours() === hour &&
    at.getUTCMinutes() === minute &&
    at.getUTCSeconds() === second;
  if (!valid) return undefined;
  if (match[4] !== undefined) return { kind: 'instant', at };
  return { kind: 'date', date: `${match[1]}-${match[2]}-${match[3]}` };
}

function positiveInteger(name: string): PartCheck {
  return (value) => (/^[1-9]\d{0,5}$/.test(value) ? undefined : `${name} must be a positive whole number`);
}

function integers(name: string, min: number, max: number, signed: boolean): PartCheck {
  const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
  return (value) =>
    value.split(',').every((item) => {
      if (!(signed ? /^[+-]?\d{1,3}$/ : /^\+?\d{1,3}$/).test(item)) return false;
      const magnitude = Math.abs(Number(item));
      return magnitude >= min && magnitude <= max;
    })
      ? undefined
      : `${name} must list whole numbers from ${range}`;
}

function fail(problem: string): RuleTextResult {
  return { ok: false, problem };
}
