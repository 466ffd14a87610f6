import { DomainError } from './domain-error';
import { TOO_MUCH_WORK, WORK_LIMITS, WorkBudget } from './work-budget';

const subject = { what: 'the slot search from A to B', remedy: 'narrow from and to' };

function refusalOf(action: () => void): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('WorkBudget', () => {
  it('allows up to the occurrence limit, then refuses with a 422 that says why and what to do', () => {
    const budget = new WorkBudget(subject, { occurrences: 10, workMs: 1_000 });
    budget.spendOccurrences(6);
    budget.spendOccurrences(4);
    const refusal = refusalOf(() => budget.spendOccurrences(1));
    expect(refusal).toMatchObject({ kind: 'unprocessable', code: TOO_MUCH_WORK });
    expect(refusal.message).toBe(
      'the slot search from A to B would expand more than 10 window occurrences; narrow from and to',
    );
  });

  it('refuses once the work took longer than the time limit', () => {
    let now = 0;
    const budget = new WorkBudget(subject, { occurrences: 100, workMs: 50 }, () => now);
    budget.checkTime();
    now = 50;
    budget.checkTime();
    now = 51;
    expect(refusalOf(() => budget.checkTime()).message).toBe(
      'the slot search from A to B takes more than 50 ms of work; narrow from and to',
    );
  });

  it('does not count the time spent yielded to other requests', async () => {
    let now = 0;
    const budget = new WorkBudget(subject, { occurrences: 100, workMs: 50 }, () => now);
    budget.checkTime();
    now = 40;
    const breathing = budget.breathe();
    now = 10_040;
    await breathing;
    budget.checkTime();
    now = 10_049;
    budget.checkTime();
    now = 10_051;
    expect(() => budget.checkTime()).toThrow(/more than 50 ms/);
  });

  it('yields the event loop when it breathes', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('other request'));
    await new WorkBudget(subject).breathe();
    order.push('after breathing');
    expect(order).toEqual(['other request', 'after breathing']);
  });

  it('has limits a year of a dozen daily windows fits in, and a year of an hourly one does not', () => {
    expect(12 * 366).toBeLessThanOrEqual(WORK_LIMITS.occurrences);
    expect(24 * 366).toBeGreaterThan(WORK_LIMITS.occurrences);
  });
});
