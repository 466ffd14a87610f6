import { Subscription } from '../../subscriptions/domain/index';
import { destinationsFor } from './destinations';

function subscription(id: string, overrides: Partial<Subscription> = {}): Subscription {
  return {
    id,
    channel: 'WEBHOOK',
    target: `https://hooks.example.com/${id}`,
    secret: 'whsec_x',
    previousSecret: null,
    previousSecretUntil: null,
    filter: { groups: [], environmentIds: [], tiers: [], eventTypes: null },
    enabled: true,
    disabledReason: null,
    createdBy: { sub: 'ada' },
    createdAt: `2030-01-01T00:00:0${id.length}Z`,
    updatedAt: '2030-01-01T00:00:00Z',
    ...overrides,
  };
}

const facts = { type: 'intent.approved', environmentId: 'e1', tier: 'UAT' };
const reached = [
  { group: 'payments', reasons: ['owns environment uat-payments'] },
  { group: 'qa', reasons: ['holds booking b1 on uat-payments overlapping the refresh'] },
];

describe('destinationsFor', () => {
  it('tells a subscription once, with the reasons of every group of it that was reached', () => {
    const [only, ...rest] = destinationsFor({
      facts,
      reached,
      subscriptions: [
        subscription('s1', {
          filter: { groups: ['qa', 'payments', 'hr'], environmentIds: [], tiers: [], eventTypes: null },
        }),
      ],
      requesterEmail: null,
    });
    expect(rest).toEqual([]);
    expect(only.reasons).toEqual([
      'payments: owns environment uat-payments',
      'qa: holds booking b1 on uat-payments overlapping the refresh',
    ]);
  });

  it('skips paused subscriptions, other event types, environments and tiers, and unreached groups', () => {
    const filter = { groups: [], environmentIds: [], tiers: [], eventTypes: null };
    const found = destinationsFor({
      facts,
      reached,
      subscriptions: [
        subscription('paused', { enabled: false }),
        subscription('types', { filter: { ...filter, eventTypes: ['intent.completed'] } }),
        subscription('env', { filter: { ...filter, environmentIds: ['e2'] } }),
        subscription('tier', { filter: { ...filter, tiers: ['DEV'] } }),
        subscription('hr', { filter: { ...filter, groups: ['hr'] } }),
        subscription('all'),
      ],
      requesterEmail: null,
    });
    expect(found.map((destination) => destination.subscriptionId)).toEqual(['all']);
  });

  it('merges the requester with an e-mail subscription to the same address', () => {
    const found = destinationsFor({
      facts,
      reached,
      subscriptions: [subscription('mail', { channel: 'EMAIL', target: 'Rita@example.com' })],
      requesterEmail: 'rita@example.com',
    });
    expect(found).toHaveLength(1);
    expect(found[0].reasons).toEqual(['subscribed to intent.approved', 'requested the refresh']);
  });

  it('does not write to the requester about events outside the default set', () => {
    expect(
      destinationsFor({
        facts: { ...facts, type: 'intent.drafted' },
        reached,
        subscriptions: [],
        requesterEmail: 'r@example.com',
      }),
    ).toEqual([]);
  });
});
