import { DeliveryView, SubscriptionWithSecret } from '@envrefresh/contracts';
import { ApiResponse, describe as describeResponse } from '../api/support/api-client';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP, expectStatus } from '../api/support/lifecycle';
import { persona } from '../api/support/personas';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { WebhookReceiver } from './support/webhook-receiver';
import { accessOf } from '../security/support/route-access-table';

const ROLES = ['viewer', 'requester', 'approver', 'operator', 'admin'] as const;
type Role = (typeof ROLES)[number];

/** A member of the owner group holding exactly one role. */
const member = (role: Role) => persona(`${role}-notified`, [role], [OWNER_GROUP]);

interface Route {
  route: string;
  call(role: Role): Promise<ApiResponse>;
}

describe('the role matrix of subscriptions and deliveries: every route × every role', () => {
  const suite = useApiSuite(notificationsEnv());
  let receiver: WebhookReceiver;
  let scene: NotificationScene;

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    scene = new NotificationScene(suite);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  /** A webhook of the owner group, made by an admin, for one call to act on. */
  const subscription = (answer = 200) =>
    scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url(`matrix-${answer}`, { status: answer }),
      filter: { groups: [OWNER_GROUP], eventTypes: ['intent.completed'] },
    });
  const onSubscription = (method: string, suffix: string, body?: object) => async (role: Role) => {
    const { id } = await subscription();
    return suite.api.request(method, `/subscriptions/${id}${suffix}`, { as: member(role), body });
  };

  const ROUTES: Route[] = [
    {
      route: 'POST /subscriptions',
      call: (role) =>
        suite.api.post('/subscriptions', {
          as: member(role),
          body: { channel: 'WEBHOOK', target: receiver.url('matrix-new'), filter: { groups: [OWNER_GROUP] } },
        }),
    },
    {
      route: 'GET /subscriptions',
      call: (role) => suite.api.get('/subscriptions', { as: member(role) }),
    },
    {
      route: 'PATCH /subscriptions/{id}',
      call: onSubscription('PATCH', '', { enabled: false }),
    },
    {
      route: 'DELETE /subscriptions/{id}',
      call: onSubscription('DELETE', ''),
    },
    {
      route: 'POST /subscriptions/{id}/rotate-secret',
      call: onSubscription('POST', '/rotate-secret'),
    },
    {
      route: 'POST /subscriptions/{id}/test',
      call: onSubscription('POST', '/test'),
    },
    {
      route: 'GET /deliveries',
      call: (role) => suite.api.get('/deliveries', { as: member(role) }),
    },
    {
      route: 'POST /deliveries/replay',
      call: async (role) => {
        const { id } = await subscription();
        return suite.api.post('/deliveries/replay', {
          as: member(role),
          body: { subscriptionId: id, since: '2020-01-01T00:00:00Z', until: '2100-01-01T00:00:00Z' },
        });
      },
    },
    {
      route: 'POST /deliveries/{id}/retry',
      call: async (role) => {
        // A 404 from the receiver is a refusal no retry mends: the test delivery is DEAD at once.
        const dead: SubscriptionWithSecret = await subscription(404);
        const tested = await suite.api.post<DeliveryView>(`/subscriptions/${dead.id}/test`, {
          as: scene.admin,
        });
        expectStatus(tested, 200, 'POST /subscriptions/{id}/test');
        expect(tested.body.status).toBe('DEAD');
        return suite.api.post(`/deliveries/${tested.body.id}/retry`, { as: member(role) });
      },
    },
  ];

  const MATRIX = ROUTES.flatMap((route) => ROLES.map((role) => ({ ...route, role })));

  it.each(MATRIX)('$route as $role', async ({ route, role, call }) => {
    const response = await call(role);
    // Who is let through, and with what, is docs/security.md's access table; this proves it with real fixtures.
    const expected = accessOf(route).statuses![role];
    expect({ status: response.status, body: describeResponse(response) }).toMatchObject({ status: expected });
  });
});
