import { uncoveredVariables } from '@envrefresh/deployment';
import { readGatewayConfig } from './gateway.config';

describe('gateway as the manifests deploy it', () => {
  it('finds every variable it reads set in its pod or documented with a default', () => {
    expect(uncoveredVariables('gateway', readGatewayConfig)).toEqual({ base: [], production: [] });
  });
});
