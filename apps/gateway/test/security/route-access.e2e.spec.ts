import { ROLES, Role, grantsAny } from '@envrefresh/auth';
import { signTestToken } from '../support/test-token';
import { GatewayOverFakes } from '../gateway/support/gateway-over-fakes';
import { API_PREFIX, OpenApiRoute, fetchOpenApi, openApiRoutes, takesBearer } from './support/openapi-routes';
import { CALLERS, Caller, RouteAccess, routeAccessTable } from './support/route-access-table';
import { concretePath, minimalInit } from './support/route-requests';

const FAKE_ANSWER = {
  status: 404,
  type: 'about:blank',
  title: 'Not Found',
  detail: 'every service is a fake here',
};

const authorizationOf = (caller: Caller): string | undefined => {
  if (caller === 'anonymous') return undefined;
  const roles = caller === 'no role' ? [] : [caller];
  return `Bearer ${signTestToken({ sub: `matrix-${caller.replace(' ', '-')}`, roles, groups: ['qa-team'] })}`;
};

/**
 * The gateway's half of the role × route matrix, on every route the OpenAPI document lists:
 * each caller of docs/security.md's table against each route, and a refused call never reaching
 * a service. The services' half (the success status with real fixtures) is in the role-matrix specs.
 */
describe('the route access table: every route of the OpenAPI document × every caller', () => {
  let api: GatewayOverFakes;
  let routes: OpenApiRoute[];
  const table = routeAccessTable();

  beforeAll(async () => {
    api = await GatewayOverFakes.start();
    api.answerEveryServiceWith(() => ({ problem: FAKE_ANSWER }));
    routes = openApiRoutes(await fetchOpenApi(api.gateway.baseUrl));
  }, 30_000);

  afterAll(async () => {
    await api?.stop();
  });

  const routeOf = (entry: RouteAccess) => {
    const route = routes.find((candidate) => candidate.route === entry.route);
    if (!route) throw new Error(`${entry.route} is in docs/security.md but not in the OpenAPI document`);
    return route;
  };

  it('has a row for every route the gateway serves, and no row for a route it does not', () => {
    expect(table.map((entry) => entry.route).sort()).toEqual(routes.map((route) => route.route).sort());
  });

  it('agrees with the roles each operation documents (x-required-roles), and only the feed takes no bearer', () => {
    for (const entry of table) {
      const route = routeOf(entry);
      expect({ route: entry.route, bearer: takesBearer(route) }).toEqual({
        route: entry.route,
        bearer: entry.statuses !== null,
      });
      if (!entry.statuses) continue;
      const required = (route.operation['x-required-roles'] ?? []) as Role[];
      for (const caller of ROLES) {
        expect({ route: entry.route, caller, allowed: grantsAny([caller], required) }).toEqual({
          route: entry.route,
          caller,
          allowed: entry.statuses[caller] < 300,
        });
      }
    }
  });

  const CELLS = table
    .filter((entry) => entry.statuses)
    .flatMap((entry) =>
      CALLERS.map((caller) => [entry.route, caller, entry.statuses![caller], entry] as const),
    );

  test.each(CELLS)('%s as %s → %d', async (_route, caller, expected, entry) => {
    const route = routeOf(entry);
    const before = api.callsToAnyService();
    const response = await fetch(
      `${api.gateway.baseUrl}${API_PREFIX}${concretePath(route)}`,
      minimalInit(route, authorizationOf(caller)),
    );
    const body = (await response.json()) as { status?: number; errors?: unknown[] };
    const reached = api.callsToAnyService() > before;
    const seen = { status: response.status, type: response.headers.get('content-type'), reached, body };

    if (expected === 401 || expected === 403) {
      expect(seen).toMatchObject({
        status: expected,
        type: expect.stringMatching(/^application\/problem\+json/),
        reached: false,
        body: { status: expected },
      });
      if (expected === 401) expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
      return;
    }
    // Let through: the empty body is judged by validation (400, or 428 for a missing version,
    // naming the fields), or the service is asked.
    expect(seen.status).not.toBe(401);
    expect(seen.status).not.toBe(403);
    if (reached) expect(seen.status).toBe(FAKE_ANSWER.status);
    else {
      expect([400, 428]).toContain(seen.status);
      expect(seen.body.errors).toEqual(expect.any(Array));
    }
  });

  it.each(CALLERS)(
    'GET /calendar.ics ignores a bearer token (%s): the feed token in the URL is the only credential',
    async (caller) => {
      const route = routes.find((candidate) => candidate.route === 'GET /calendar.ics')!;
      const authorization = authorizationOf(caller);
      const without = await fetch(
        `${api.gateway.baseUrl}${API_PREFIX}${route.path}`,
        minimalInit(route, authorization),
      );
      const unknown = await fetch(
        `${api.gateway.baseUrl}${API_PREFIX}${route.path}?token=erc_unknown`,
        minimalInit(route, authorization),
      );
      expect([without.status, unknown.status]).toEqual([400, 404]);
    },
  );
});
