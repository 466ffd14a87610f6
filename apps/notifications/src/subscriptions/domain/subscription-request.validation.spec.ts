import { Problems, ValidationError } from '@envrefresh/kernel';
import { parseSubscriptionRequest } from './subscription-request.validation';

function problemsOf(input: unknown): string[] {
  const problems = new Problems();
  parseSubscriptionRequest(input, problems);
  try {
    problems.throwIfAny('TEST');
    return [];
  } catch (error) {
    return (error as ValidationError).details.problems!.map((problem) => problem.field);
  }
}

describe('parseSubscriptionRequest', () => {
  it('keeps an absent filter unnarrowed, with the default event types', () => {
    const problems = new Problems();
    expect(
      parseSubscriptionRequest({ channel: 'SLACK', target: ' https://hooks.slack.com/x ' }, problems),
    ).toEqual({
      channel: 'SLACK',
      target: 'https://hooks.slack.com/x',
      secret: null,
      filter: { groups: [], environmentIds: [], tiers: [], eventTypes: null },
    });
    expect(problems.empty).toBe(true);
  });

  it('names every bad field', () => {
    expect(problemsOf('x')).toEqual(expect.arrayContaining(['body']));
    expect(
      problemsOf({
        channel: 'EMAIL',
        target: 'not-an-address',
        secret: 'whsec_x',
        filter: { groups: ['ok', 'not ok'], tiers: ['PROD'], eventTypes: ['notification.failed'], extra: 1 },
      }),
    ).toEqual([
      'target',
      'secret',
      'filter.extra',
      'filter.groups[1]',
      'filter.tiers[0]',
      'filter.eventTypes[0]',
    ]);
    expect(
      problemsOf({ channel: 'WEBHOOK', target: 'https://x.example', filter: { groups: ['a', 'a'] } }),
    ).toEqual(['filter.groups']);
  });
});
