import { ValidationError } from '@envrefresh/kernel';
import { feedName, parseFeedRequest } from './calendar-feed';

describe('parseFeedRequest', () => {
  it('takes an empty body, an environment or a tier', () => {
    expect(parseFeedRequest({})).toEqual({ environmentId: null, tier: null });
    expect(parseFeedRequest(undefined)).toEqual({ environmentId: null, tier: null });
    expect(parseFeedRequest({ tier: 'UAT' })).toEqual({ environmentId: null, tier: 'UAT' });
  });

  it('names every wrong or unknown field', () => {
    try {
      parseFeedRequest({ environmentId: 'x', tier: 'PROD', token: 'mine' });
      throw new Error('expected a ValidationError');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).problems.map((problem) => problem.field).sort()).toEqual([
        'environmentId',
        'tier',
        'token',
      ]);
    }
  });
});

describe('feedName', () => {
  it('says what the feed holds', () => {
    expect(feedName({ environmentId: null, tier: null })).toBe('envrefresh: refreshes');
    expect(feedName({ environmentId: null, tier: 'QA' })).toBe('envrefresh: QA environments');
  });
});
