import { BookingView, EnvironmentView } from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP, expectStatus } from '../api/support/lifecycle';
import { persona } from '../api/support/personas';
import { nextWindow } from '../api/support/windows';
import { NotificationScene, notificationsEnv } from './support/notification-scene';
import { WebhookReceiver } from './support/webhook-receiver';

describe('who is told of a refresh', () => {
  const suite = useApiSuite(notificationsEnv());
  let receiver: WebhookReceiver;
  let scene: NotificationScene;
  const booker = persona('bea-booker', ['requester'], ['bookers']);

  beforeAll(async () => {
    receiver = await WebhookReceiver.start();
    scene = new NotificationScene(suite);
  });

  afterAll(async () => {
    await receiver?.close();
  });

  async function projected(table: 'environments' | 'bookings', ids: string[]): Promise<void> {
    await eventually(async () => {
      const { rows } = await suite.db.query(
        `SELECT count(*)::int AS n FROM notifications.${table} WHERE id = ANY ($1::uuid[])`,
        [ids],
      );
      if (rows[0].n !== ids.length)
        throw new Error(`${rows[0].n} of ${ids.length} ${table} known to notifications`);
    });
  }

  it('tells the group holding an overlapping booking and the owner two levels down, each with its reason, and a destination matched three ways once', async () => {
    const target: EnvironmentView = await scene.lifecycle.createEnvironment();
    const middle = await scene.lifecycle.createEnvironment({
      ownerGroup: 'ledger-team',
      dependsOn: [target.key],
    });
    const leaf = await scene.lifecycle.createEnvironment({
      ownerGroup: 'reports-team',
      dependsOn: [middle.key],
    });
    const window = nextWindow();
    const booked = await suite.api.post<BookingView>('/bookings', {
      as: booker,
      body: {
        environmentId: target.id,
        start: window.plannedStart,
        end: window.plannedEnd,
        group: 'bookers',
        purpose: 'Regression run of the bookers',
        priority: 'LOW',
      },
    });
    expectStatus(booked, 201, 'POST /bookings');
    await projected('environments', [target.id, middle.id, leaf.id]);
    await projected('bookings', [booked.body.id]);

    const bookers = await scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url('bookers'),
      filter: { groups: ['bookers'] },
    });
    const reports = await scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url('reports'),
      filter: { groups: ['reports-team'] },
    });
    const threeWays = await scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url('three-ways'),
      filter: { groups: [OWNER_GROUP, 'bookers', 'reports-team'] },
    });
    const stranger = await scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url('stranger'),
      filter: { groups: ['hr'] },
    });

    const intent = await scene.fileIntent(target, { ...window });

    const deliveries = await eventually(
      async () => {
        // The overlap is also a conflict (conflict.detected, told the same way): this test reads the request.
        const found = (await scene.deliveries({ intentId: intent.id })).filter(
          (delivery) => delivery.eventType === 'intent.requested',
        );
        if (found.length < 3 || found.some((delivery) => delivery.status !== 'SENT'))
          throw new Error(`deliveries: ${found.map((d) => `${d.subscriptionId}=${d.status}`).join(', ')}`);
        return found;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const bySubscription = new Map(deliveries.map((delivery) => [delivery.subscriptionId, delivery]));
    expect(deliveries).toHaveLength(3);
    expect(bySubscription.has(stranger.id)).toBe(false);
    expect(bySubscription.get(bookers.id)!.reasons).toEqual([
      `bookers: holds booking ${booked.body.id} on ${target.key} overlapping the refresh`,
    ]);
    expect(bySubscription.get(reports.id)!.reasons).toEqual([
      `reports-team: owns dependent environment ${leaf.key} (2 levels down from ${target.key})`,
    ]);
    expect(bySubscription.get(threeWays.id)!.reasons).toEqual(
      expect.arrayContaining([
        `${OWNER_GROUP}: owns environment ${target.key}`,
        `bookers: holds booking ${booked.body.id} on ${target.key} overlapping the refresh`,
        `reports-team: owns dependent environment ${leaf.key} (2 levels down from ${target.key})`,
      ]),
    );

    const requested = receiver
      .at('three-ways')
      .filter((request) => request.json?.type === 'intent.requested');
    expect(requested).toHaveLength(1);
    expect(requested[0].headers['webhook-id']).toBe(bySubscription.get(threeWays.id)!.id);
    expect(requested[0].json?.id).toBe(bySubscription.get(threeWays.id)!.eventId);
    expect(receiver.at('stranger')).toHaveLength(0);
  });

  it('asks the intents service about an environment it has not heard of, rather than tell nobody', async () => {
    const environment = await scene.lifecycle.createEnvironment({ ownerGroup: 'late-team' });
    await projected('environments', [environment.id]);
    // As if its environment.upserted were still on the way.
    await suite.db.query('DELETE FROM notifications.environments WHERE id = $1', [environment.id]);
    const owners = await scene.subscribe({
      channel: 'WEBHOOK',
      target: receiver.url('late-owners'),
      filter: { groups: ['late-team'], eventTypes: ['intent.requested'] },
    });

    const intent = await scene.fileIntent(environment);

    const delivery = await scene.deliveryOf(owners.id, (found) => found.status === 'SENT');
    expect(delivery).toMatchObject({
      intentId: intent.id,
      reasons: [`late-team: owns environment ${environment.key}`],
    });
  });
});
