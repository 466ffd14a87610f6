import { randomUUID } from 'node:crypto';
import { EnvironmentView, IntentAction, IntentStatus, IntentView } from '@envrefresh/contracts';
import { ApiResponse, describe as describeResponse } from './support/api-client';
import { useApiSuite } from './support/api-suite';
import { Lifecycle, OWNER_GROUP } from './support/lifecycle';
import { Persona, persona, withRoles } from './support/personas';
import { nextWindow } from './support/windows';
import { accessOf } from '../security/support/route-access-table';

const ROLES = ['viewer', 'requester', 'approver', 'operator', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** The row of docs/security.md's access table a route of this matrix proves: `(own)` and `{key}` are cases of one route. */
const tableRoute = (route: string) =>
  route.replace(/ \(.*\)$/, '').replace(/^(\w+ \/environments\/)\{(?:id|key)\}/, '$1{environment}');

/** A member of the environment's owner group holding exactly one role: sees every intent of the suite. */
const member = (role: Role) => persona(`${role}-member`, [role], [OWNER_GROUP]);

interface Route {
  route: string;
  /** Prepares what the call needs and makes it as `actor`; `intent` is re-read afterwards when given. */
  call(role: Role): Promise<{ response: ApiResponse; intent?: IntentView }>;
}

describe('the role matrix: every route × every role', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;
  let shared: IntentView;

  const intentIn = (status: IntentStatus) => lifecycle.intentIn(status, environment);

  /** Someone's own intent: filed while they held `requester`, acted on with `role`, so only the role differs. */
  const ownAction = (action: 'submit' | 'cancel') => async (role: Role) => {
    const owner = persona(`owner-of-${action}-${role}`, ['requester'], [OWNER_GROUP]);
    const intent = await lifecycle.fileIntent(environment, {}, owner);
    return { intent, response: await lifecycle.act(intent, action, { as: withRoles(owner, [role]) }) };
  };

  const othersAction = (action: IntentAction, from: IntentStatus) => async (role: Role) => {
    const intent = await intentIn(from);
    return { intent, response: await lifecycle.act(intent, action, { as: member(role) }) };
  };

  const read = (path: () => string) => async (role: Role) => ({
    response: await suite.api.get(path(), { as: member(role) }),
  });

  const ROUTES: Route[] = [
    { route: 'GET /environments', call: read(() => '/environments') },
    {
      route: 'GET /environments/{id}',
      call: read(() => `/environments/${environment.id}`),
    },
    {
      route: 'GET /environments/{key}',
      call: read(() => `/environments/${environment.key}`),
    },
    {
      route: 'GET /environments/{id}/refresh-history',
      call: read(() => `/environments/${environment.id}/refresh-history`),
    },
    {
      route: 'POST /environments',
      call: async (role) => ({
        response: await suite.api.post('/environments', {
          as: member(role),
          body: {
            key: `made-by-${role}-${randomUUID().slice(0, 6)}`,
            name: 'Made',
            tier: 'UAT',
            ownerGroup: 'uat',
          },
        }),
      }),
    },
    {
      route: 'PATCH /environments/{id}',
      call: async (role) => ({
        response: await suite.api.patch(`/environments/${environment.id}`, {
          as: member(role),
          body: { name: `Renamed by ${role}` },
        }),
      }),
    },
    { route: 'GET /intents', call: read(() => '/intents') },
    {
      route: 'GET /intents/{id}',
      call: read(() => `/intents/${shared.id}`),
    },
    {
      route: 'GET /intents/{id}/history',
      call: read(() => `/intents/${shared.id}/history`),
    },
    {
      route: 'GET /intents/{id}/history/verify',
      call: read(() => `/intents/${shared.id}/history/verify`),
    },
    {
      route: 'GET /intents/{id}/conflicts',
      call: read(() => `/intents/${shared.id}/conflicts`),
    },
    {
      route: 'POST /intents',
      call: async (role) => ({
        response: await suite.api.post('/intents', {
          as: member(role),
          body: {
            environmentId: environment.id,
            refreshType: 'DATA_ONLY',
            ...nextWindow(),
            reason: `Filed by a ${role}`,
          },
        }),
      }),
    },
    {
      route: 'PATCH /intents/{id} (own)',
      call: async (role) => {
        const owner = persona(`owner-of-patch-${role}`, ['requester'], [OWNER_GROUP]);
        const intent = await lifecycle.fileIntent(environment, {}, owner);
        const response = await suite.api.patch(`/intents/${intent.id}`, {
          as: withRoles(owner, [role]),
          body: { version: intent.version, reason: `Amended as ${role}` },
        });
        return { intent, response };
      },
    },
    {
      route: 'POST /intents/{id}/submit (own)',
      call: ownAction('submit'),
    },
    {
      route: 'POST /intents/{id}/cancel (own)',
      call: ownAction('cancel'),
    },
    {
      route: 'POST /intents/{id}/approve',
      call: othersAction('approve', 'REQUESTED'),
    },
    {
      route: 'POST /intents/{id}/reject',
      call: othersAction('reject', 'REQUESTED'),
    },
    {
      route: 'POST /intents/{id}/start',
      call: othersAction('start', 'SCHEDULED'),
    },
    {
      route: 'POST /intents/{id}/complete',
      call: othersAction('complete', 'IN_PROGRESS'),
    },
    {
      route: 'POST /intents/{id}/fail',
      call: othersAction('fail', 'IN_PROGRESS'),
    },
    {
      route: 'POST /intents/{id}/rollback',
      call: othersAction('rollback', 'FAILED'),
    },
  ];

  const MATRIX = ROUTES.flatMap((route) =>
    ROLES.map((role) => ({
      route,
      role,
      // Who is let through, and with what, is the table's; this matrix proves it with real fixtures.
      expected: accessOf(tableRoute(route.route)).statuses![role],
    })),
  );

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
    shared = await lifecycle.fileIntent(environment, { submit: true });
  });

  test.each(MATRIX.map((entry) => [entry.route.route, entry.role, entry.expected, entry] as const))(
    '%s as %s → %d',
    async (_route, role, expected, { route }) => {
      const { response, intent } = await route.call(role);

      expect({ status: response.status, answer: describeResponse(response) }).toEqual({
        status: expected,
        answer: expect.any(String),
      });
      if (expected === 403) {
        expect(response.contentType).toMatch(/^application\/problem\+json/);
        expect(response.body).toMatchObject({ status: 403 });
        if (intent) {
          const now = await lifecycle.get(intent.id, lifecycle.cast.admin);
          expect(now.body).toMatchObject({ status: intent.status, version: intent.version });
        }
      }
    },
  );

  describe('row-level visibility', () => {
    const outsiders: Persona[] = (['viewer', 'requester', 'approver', 'operator'] as const).map((role) =>
      persona(`outsider-${role}`, [role], ['another-team']),
    );
    const outsiderHolding = (role: Role) => outsiders.find((outsider) => outsider.roles.includes(role))!;
    let hidden: IntentView;
    let quiet: EnvironmentView;

    beforeAll(async () => {
      quiet = await lifecycle.createEnvironment();
      hidden = await lifecycle.fileIntent(quiet, { submit: true, notificationGroups: ['release-train'] });
    });

    it.each(outsiders.map((outsider) => [outsider.roles[0], outsider] as const))(
      'an outsider holding %s (not the requester, not in the owner or a notification group) gets 404 on every read',
      async (_role, outsider) => {
        for (const path of [
          `/intents/${hidden.id}`,
          `/intents/${hidden.id}/history`,
          `/intents/${hidden.id}/history/verify`,
          `/intents/${hidden.id}/conflicts`,
        ]) {
          const response = await suite.api.get(path, { as: outsider });
          expect({ path, status: response.status }).toEqual({ path, status: 404 });
          expect(response.contentType).toMatch(/^application\/problem\+json/);
        }
      },
    );

    it.each([
      ['submit', 'requester'],
      ['cancel', 'requester'],
      ['approve', 'approver'],
      ['reject', 'approver'],
      ['start', 'operator'],
      ['complete', 'operator'],
      ['fail', 'operator'],
      ['rollback', 'operator'],
    ] as const)('an outsider holding the role for %s gets 404, not 403 or 409', async (action, role) => {
      const response = await lifecycle.act(hidden, action, { as: outsiderHolding(role) });

      expect({ action, status: response.status }).toEqual({ action, status: 404 });
      expect(response.contentType).toMatch(/^application\/problem\+json/);
    });

    it('an outsider gets 404 on PATCH and the intent is unchanged', async () => {
      const response = await suite.api.patch(`/intents/${hidden.id}`, {
        as: outsiderHolding('requester'),
        body: { version: hidden.version, reason: 'not mine to change' },
      });

      expect(response.status).toBe(404);
      expect((await lifecycle.get(hidden.id)).body).toMatchObject({
        version: hidden.version,
        reason: hidden.reason,
      });
    });

    it('an outsider does not find it in GET /intents, while the owner group, notification group and admin do', async () => {
      const listed = async (who: Persona) => {
        const response = await suite.api.get<{ items: IntentView[] }>('/intents', {
          as: who,
          query: { environmentId: quiet.id, limit: 100 },
        });
        expect(response.status).toBe(200);
        return response.body.items.map((item) => item.id);
      };

      for (const outsider of outsiders) expect(await listed(outsider)).not.toContain(hidden.id);
      expect(await listed(member('viewer'))).toContain(hidden.id);
      expect(await listed(persona('rhea-release', ['viewer'], ['release-train']))).toContain(hidden.id);
      expect(await listed(persona('adele-admin', ['admin'], ['another-team']))).toContain(hidden.id);
    });

    describe('notification groups read, only the owner group decides', () => {
      /** Colleagues in the intent's notification group, each holding the role an action needs. */
      const colleague = (role: Role) => persona(`release-${role}`, [role], ['release-train']);
      const notified = { notificationGroups: ['release-train'] };

      it.each([
        ['approve', 'REQUESTED', 'approver'],
        ['reject', 'REQUESTED', 'approver'],
        ['start', 'SCHEDULED', 'operator'],
        ['complete', 'IN_PROGRESS', 'operator'],
        ['fail', 'IN_PROGRESS', 'operator'],
        ['rollback', 'FAILED', 'operator'],
      ] as const)(
        'a %s by a notified %s (who can read the intent) is 403 naming the owner group, and changes nothing',
        async (action, status, role) => {
          const intent = await lifecycle.intentIn(status, quiet, notified);
          const reader = colleague(role as Role);
          expect((await suite.api.get(`/intents/${intent.id}`, { as: reader })).status).toBe(200);

          const response = await lifecycle.act(intent, action, { as: reader });

          expect({ action, status: response.status }).toEqual({ action, status: 403 });
          expect(response.contentType).toMatch(/^application\/problem\+json/);
          expect(response.body).toMatchObject({ code: 'INTENT.NOT_IN_OWNER_GROUP' });
          expect(JSON.stringify(response.body)).toContain(OWNER_GROUP);
          const now = await lifecycle.get(intent.id, lifecycle.cast.admin);
          expect(now.body).toMatchObject({ status: intent.status, version: intent.version });
        },
      );

      it('the same approver, once in the owner group, may approve', async () => {
        const intent = await lifecycle.intentIn('REQUESTED', quiet, notified);
        const response = await lifecycle.act(intent, 'approve', {
          as: persona('release-approver', ['approver'], ['release-train', OWNER_GROUP]),
        });
        expect(response.status).toBe(200);
      });
    });

    it('whoever is in a notification group, and an admin of no group, may read it', async () => {
      for (const reader of [
        persona('rhea-release', ['viewer'], ['release-train']),
        persona('adele-admin', ['admin']),
      ]) {
        const response = await suite.api.get(`/intents/${hidden.id}`, { as: reader });
        expect({ reader: reader.sub, status: response.status }).toEqual({ reader: reader.sub, status: 200 });
      }
    });
  });
});
