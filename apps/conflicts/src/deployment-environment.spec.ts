import { uncoveredVariables } from '@envrefresh/deployment';
import { readConflictsConfig } from './conflicts.config';

describe('conflicts as the manifests deploy it', () => {
  it('finds every variable it reads set in its pod or documented with a default', () => {
    expect(uncoveredVariables('conflicts', readConflictsConfig)).toEqual({ base: [], production: [] });
  });
});
