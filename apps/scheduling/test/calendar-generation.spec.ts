import { DataSource } from 'typeorm';
import { MigratedTestDatabase, migratedTestDatabase } from '@envrefresh/testing';
import { SqlCalendarStore } from '../src/calendar/infrastructure/sql-calendar.store';
import { CalendarBooking } from '../src/calendar/domain/calendar-sources';
import { SCHEDULING_MIGRATIONS } from '../src/migrations';

const booking = (id: string, purpose: string, updatedAt: string): CalendarBooking => ({
  id,
  environmentId: '11111111-1111-4111-8111-111111111111',
  start: new Date('2027-01-01T10:00:00Z'),
  end: new Date('2027-01-01T12:00:00Z'),
  group: 'payments',
  purpose,
  priority: 'MEDIUM',
  cancelled: false,
  updatedAt: new Date(updatedAt),
});

const A = '44444444-4444-4444-8444-444444444444';
const B = '55555555-5555-4555-8555-555555555555';
const C = '66666666-6666-4666-8666-666666666666';
const D = '77777777-7777-4777-8777-777777777777';

/** The calendar's generation on real Postgres: what raises it, what does not, and when it is seen. */
describe('the calendar projection generation', () => {
  let migrated: MigratedTestDatabase;
  let dataSource: DataSource;
  let store: SqlCalendarStore;

  beforeAll(async () => {
    migrated = await migratedTestDatabase({
      schema: 'scheduling',
      migrations: SCHEDULING_MIGRATIONS,
      applicationName: 'calendar-generation-spec',
    });
    dataSource = migrated.dataSource;
    store = new SqlCalendarStore(dataSource);
  }, 60_000);

  afterAll(async () => migrated?.close());

  it('rises with each committed change, and not for a version the projection already has', async () => {
    const start = await store.generation();
    await dataSource.transaction((manager) =>
      store.saveBooking(manager, booking(A, 'release testing', '2026-12-01T10:00:00Z')),
    );
    const afterInsert = await store.generation();
    expect(afterInsert).toBeGreaterThan(start);

    const stale = await dataSource.transaction((manager) =>
      store.saveBooking(manager, booking(A, 'release testing', '2026-12-01T09:00:00Z')),
    );
    expect(stale).toBe(false);
    expect(await store.generation()).toBe(afterInsert);

    await dataSource.transaction((manager) =>
      store.saveBooking(manager, {
        ...booking(A, 'release testing', '2026-12-01T11:00:00Z'),
        cancelled: true,
      }),
    );
    expect(await store.generation()).toBeGreaterThan(afterInsert);
  });

  it('is not seen before the change it counts is committed', async () => {
    const before = await store.generation();
    let seenInside = -1;
    await dataSource.transaction(async (manager) => {
      await store.saveBooking(manager, booking(B, 'performance run', '2026-12-01T10:00:00Z'));
      seenInside = await store.generation();
    });
    expect(seenInside).toBe(before);
    expect(await store.generation()).toBeGreaterThan(before);
  });

  it('is raised at commit, so it adds no lock a transaction could wait on while holding rows', async () => {
    const before = await store.generation();
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // The first adds C, then wants D; the second has added D meanwhile and commits. Had the
    // first taken the generation's row lock with C, the second would wait on it while holding D:
    // a deadlock. Raised at commit, the second commits and the first then goes on.
    const first = dataSource.transaction(async (manager) => {
      await store.saveBooking(manager, booking(C, 'crossed', '2026-12-02T10:00:00Z'));
      await pause(150);
      await store.saveBooking(manager, booking(D, 'crossed', '2026-12-02T10:00:02Z'));
    });
    const second = (async () => {
      await pause(50);
      await dataSource.transaction((manager) =>
        store.saveBooking(manager, booking(D, 'crossed', '2026-12-02T10:00:01Z')),
      );
    })();
    await expect(Promise.all([first, second])).resolves.toBeDefined();
    expect(await store.generation()).toBeGreaterThanOrEqual(before + 2);
  });
});
