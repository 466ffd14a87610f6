import { uncoveredVariables } from '@envrefresh/deployment';
import { readSchedulingConfig } from './scheduling.config';

describe('scheduling as the manifests deploy it', () => {
  it('finds every variable it reads set in its pod or documented with a default', () => {
    expect(uncoveredVariables('scheduling', readSchedulingConfig)).toEqual({ base: [], production: [] });
  });
});
