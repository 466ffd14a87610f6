import { Violation } from '../invariants/violation';

/** One line of the table: a fault, what the load saw around it, and what the checkpoint after it found. */
export interface FaultRow {
  fault: string;
  requests: number;
  /** Non-2xx answers by status; 0 stands for no answer (network error or client timeout). */
  errorsByStatus: ReadonlyMap<number, number>;
  /** From the fault's injection to every app and the gateway answering ready; null when it never was. */
  readyAgainMs: number | null;
  /** Violations the checkpoint after this fault found first. */
  violations: readonly Violation[];
}

export function renderErrors(errorsByStatus: ReadonlyMap<number, number>): string {
  const entries = [...errorsByStatus.entries()].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  if (entries.length === 0) return '0';
  return entries.map(([status, count]) => `${status === 0 ? 'no answer' : status}×${count}`).join(' ');
}

function countOf(violations: readonly Violation[], kind: Violation['kind']): number {
  return violations.filter((item) => item.kind === kind).length;
}

/** A Markdown table, so a run's output can be pasted into docs/RELIABILITY.md as it is. */
export function renderFaultTable(rows: readonly FaultRow[]): string {
  const header = [
    'fault',
    'requests',
    'errors by status',
    'ready again',
    'lost',
    'duplicated',
    'other',
    'verdict',
  ];
  const lines = rows.map((row) => [
    row.fault,
    String(row.requests),
    renderErrors(row.errorsByStatus),
    row.readyAgainMs === null ? 'never' : `${(row.readyAgainMs / 1000).toFixed(1)} s`,
    String(countOf(row.violations, 'lost')),
    String(countOf(row.violations, 'duplicated')),
    String(countOf(row.violations, 'wrong')),
    row.violations.length === 0 && row.readyAgainMs !== null ? 'pass' : 'FAIL',
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column].length)),
  );
  const render = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}

/** What failed, one line per violation (at most `limit` per fault, so one broken run stays readable). */
export function renderViolations(rows: readonly FaultRow[], limit = 10): string {
  const blocks = rows
    .filter((row) => row.violations.length > 0)
    .map((row) => {
      const shown = row.violations.slice(0, limit).map((item) => `  - [${item.invariant}] ${item.detail}`);
      const more = row.violations.length > limit ? [`  - … and ${row.violations.length - limit} more`] : [];
      return [`${row.fault}:`, ...shown, ...more].join('\n');
    });
  return blocks.join('\n');
}

export function rowPassed(row: FaultRow): boolean {
  return row.violations.length === 0 && row.readyAgainMs !== null;
}
