import { violation } from '../invariants/violation';
import { renderErrors, renderFaultTable, renderViolations, rowPassed } from './fault-table';

describe('the fault table', () => {
  const passing = {
    fault: 'cut the database 10 s',
    requests: 412,
    errorsByStatus: new Map([
      [504, 3],
      [503, 11],
      [0, 1],
    ]),
    readyAgainMs: 12_340,
    violations: [],
  };
  const failing = {
    fault: 'restart RabbitMQ',
    requests: 300,
    errorsByStatus: new Map<number, number>(),
    readyAgainMs: null,
    violations: [
      violation('everyConsumer', 'lost', 'a', 'notifications never processed intent.requested e1'),
      violation('oneEffect', 'duplicated', 'b', 'booking "x" has 2 rows'),
      violation('statuses', 'wrong', 'c', 'GET /intents answered 500 outside any fault'),
    ],
  };

  it('lists errors by status in order, no answer first', () => {
    expect(renderErrors(passing.errorsByStatus)).toBe('no answer×1 503×11 504×3');
    expect(renderErrors(new Map())).toBe('0');
  });

  it('renders one aligned Markdown row per fault with its counts and verdict', () => {
    const lines = renderFaultTable([passing, failing]).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(
      /^\| fault +\| requests \| errors by status +\| ready again \| lost \| duplicated \| other \| verdict \|$/,
    );
    expect(lines[2]).toMatch(
      /\| cut the database 10 s \| 412 +\| no answer×1 503×11 504×3 \| 12\.3 s +\| 0 +\| 0 +\| 0 +\| pass +\|/,
    );
    expect(lines[3]).toMatch(/\| restart RabbitMQ +\| 300 +\| 0 +\| never +\| 1 +\| 1 +\| 1 +\| FAIL +\|/);
    expect(new Set(lines.map((line) => line.length)).size).toBe(1);
    expect([passing, failing].map(rowPassed)).toEqual([true, false]);
  });

  it('explains each failure under its fault, at most the limit', () => {
    const text = renderViolations([passing, failing], 2);
    expect(text).toBe(
      [
        'restart RabbitMQ:',
        '  - [everyConsumer] notifications never processed intent.requested e1',
        '  - [oneEffect] booking "x" has 2 rows',
        '  - … and 1 more',
      ].join('\n'),
    );
  });
});
