import { uncoveredVariables } from '@envrefresh/deployment';
import { readIntentsConfig } from './intents.config';

describe('intents as the manifests deploy it', () => {
  it('finds every variable it reads set in its pod or documented with a default', () => {
    expect(uncoveredVariables('intents', readIntentsConfig)).toEqual({ base: [], production: [] });
  });
});
