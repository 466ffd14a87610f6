import * as path from 'node:path';
import { ConfigError, EnvReader } from '@envrefresh/config';
import { readWebConfig } from './web.config';

const read = (env: Record<string, string>, production = false) => {
  const reader = new EnvReader(env);
  const config = readWebConfig(reader, production);
  try {
    reader.done();
    return { config, problems: [] as string[] };
  } catch (error) {
    return { config, problems: (error as ConfigError).problems };
  }
};

describe('the web UI configuration', () => {
  it('offers no organisation sign-in when nothing is set, and serves dist/web', () => {
    const { config, problems } = read({});
    expect(problems).toEqual([]);
    expect(config.oidc).toBeNull();
    expect(path.basename(config.root)).toBe('web');
  });

  it('reads issuer, client, scopes and resource, without a trailing slash on the issuer', () => {
    const { config, problems } = read({
      OIDC_ISSUER: 'https://login.example.com/realms/acme/',
      OIDC_CLIENT_ID: 'envrefresh-web',
      OIDC_SCOPES: 'openid profile groups',
      OIDC_RESOURCE: 'urn:envrefresh:api',
    });
    expect(problems).toEqual([]);
    expect(config.oidc).toEqual({
      issuer: 'https://login.example.com/realms/acme',
      clientId: 'envrefresh-web',
      scopes: 'openid profile groups',
      resource: 'urn:envrefresh:api',
    });
  });

  it.each([
    [{ OIDC_ISSUER: 'https://login.example.com' }, /OIDC_ISSUER and OIDC_CLIENT_ID together/],
    [{ OIDC_CLIENT_ID: 'envrefresh-web' }, /OIDC_ISSUER and OIDC_CLIENT_ID together/],
    [{ OIDC_ISSUER: 'not a url', OIDC_CLIENT_ID: 'web' }, /OIDC_ISSUER is not a valid URL/],
    [{ OIDC_SCOPES: 'profile email' }, /OIDC_SCOPES must include openid/],
  ])('refuses %j, naming the variable', (env, problem) => {
    expect(read(env).problems).toEqual([expect.stringMatching(problem)]);
  });

  it('wants an https issuer in production', () => {
    const env = { OIDC_ISSUER: 'http://login.example.com', OIDC_CLIENT_ID: 'web' };
    expect(read(env).problems).toEqual([]);
    expect(read(env, true).problems).toEqual([expect.stringMatching(/OIDC_ISSUER must use https/)]);
  });
});
