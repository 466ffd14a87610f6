import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ANNOUNCED_EVENT_TYPES } from '@envrefresh/contracts';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';
import { NOTIFICATIONS_MIGRATIONS } from '../src/migrations';
import { FilterFacts, StoredFilter, Subscription, passesFilter } from '../src/subscriptions/domain/index';
import { SqlSubscriptionRepository } from '../src/subscriptions/infrastructure/sql-subscription.repository';

/**
 * `enabledFor` judges the filter in SQL so that an event reads only the subscriptions it
 * concerns: it must agree with `passesFilter`, the rule's own statement, for every combination
 * of filters and facts (never leaving out a subscription the rule lets through).
 */
describe('fan-out candidates (enabledFor)', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;
  const repository = new SqlSubscriptionRepository();
  const stored: Subscription[] = [];

  const envA = randomUUID();
  const envB = randomUUID();
  const filters: StoredFilter[] = [];
  for (const environmentIds of [[], [envA], [envA, envB]])
    for (const tiers of [[], ['UAT'], ['STAGING', 'DEV']] as StoredFilter['tiers'][])
      for (const eventTypes of [null, ['intent.requested'], ['intent.failed', 'schedule.start_due']])
        filters.push({ groups: [], environmentIds, tiers, eventTypes });

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'notifications',
      migrations: NOTIFICATIONS_MIGRATIONS,
      applicationName: 'fan-out-candidates-spec',
    });
    dataSource = migrated.dataSource;
    const at = new Date('2026-12-01T10:00:00Z').toISOString();
    for (const [index, filter] of filters.entries())
      for (const enabled of [true, false]) {
        const subscription: Subscription = {
          id: randomUUID(),
          channel: 'WEBHOOK',
          target: `https://hooks.example.com/${index}/${enabled}`,
          secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
          previousSecret: null,
          previousSecretUntil: null,
          filter,
          enabled,
          disabledReason: enabled ? null : 'paused',
          createdBy: { sub: 'ada' },
          createdAt: at,
          updatedAt: at,
        };
        await repository.insert(dataSource.manager, subscription);
        stored.push(subscription);
      }
    const deleted = { ...stored[0], id: randomUUID(), target: 'https://hooks.example.com/deleted' };
    await repository.insert(dataSource.manager, deleted);
    await repository.markDeleted(dataSource.manager, deleted.id, new Date(at), { sub: 'ada' });
  }, 60_000);

  afterAll(async () => migrated?.close());

  const environments: Array<[string, string | null]> = [
    ['environment A', envA],
    ['environment B', envB],
    ['an unfiltered environment', randomUUID()],
    ['no environment', null],
  ];
  const cases: Array<[string, FilterFacts]> = [];
  for (const type of ['intent.requested', 'intent.failed', 'schedule.start_due', 'environment.upserted'])
    for (const [label, environmentId] of environments)
      for (const tier of ['UAT', 'STAGING', null])
        cases.push([`${type} in ${label}, tier ${tier ?? 'none'}`, { type, environmentId, tier }]);

  it.each(cases)('%s: exactly the live subscriptions passesFilter lets through', async (_name, fact) => {
    const found = await repository.enabledFor(dataSource.manager, fact as FilterFacts, ANNOUNCED_EVENT_TYPES);
    const expected = stored.filter((subscription) => passesFilter(subscription, fact as FilterFacts));
    expect(found.map((subscription) => subscription.id).sort()).toEqual(
      expected.map((subscription) => subscription.id).sort(),
    );
  });

  it('narrows an event of one environment to the subscriptions that concern it', async () => {
    const found = await repository.enabledFor(
      dataSource.manager,
      { type: 'intent.requested', environmentId: envB, tier: 'STAGING' },
      ANNOUNCED_EVENT_TYPES,
    );
    // Filters on envA only, on UAT only, or on other types are not read at all.
    expect(found.length).toBeGreaterThan(0);
    expect(found.length).toBeLessThan(stored.filter((subscription) => subscription.enabled).length / 3);
  });
});
