import { isOperationalPath } from './operational-routes';

describe('isOperationalPath', () => {
  it.each(['/health/live', '/health/ready', '/health/ready?verbose=1', '/metrics', '/metrics/'])(
    'is true for %p',
    (url) => {
      expect(isOperationalPath(url)).toBe(true);
    },
  );

  it.each([undefined, '/', '/healthy', '/api/v1/metrics', '/metricsx', '/api/v1/intents?next=/metrics'])(
    'is false for %p',
    (url) => {
      expect(isOperationalPath(url)).toBe(false);
    },
  );
});
