import { uncoveredVariables } from '@envrefresh/deployment';
import { readNotificationsConfig } from './notifications.config';

describe('notifications as the manifests deploy it', () => {
  it('finds every variable it reads set in its pod or documented with a default', () => {
    expect(uncoveredVariables('notifications', readNotificationsConfig)).toEqual({
      base: [],
      production: [],
    });
  });
});
