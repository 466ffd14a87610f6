import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import { IntentView, environmentUpsertedEvent, exampleIntent } from '@envrefresh/contracts';
import { UnitOfWork } from '@envrefresh/messaging';
import { WorldChangesService } from '../src/conflict-register/application/world-changes.service';
import { ConflictsTestBed, SeededEnvironment } from './support/conflicts-test-bed';

/**
 * An intent's event is taken in with the statements it needs: the row it just wrote is not read
 * back to recompute it, and an intent the service did not hold yet is not looked for among the
 * conflicts (none can be its own or caused by it). The conflicts found stay the same: the
 * overlap of two intents is detected when the second is filed and resolved when it moves away.
 */
describe('conflicts: the statements an intent event costs', () => {
  let bed: ConflictsTestBed;
  let uat: SeededEnvironment;
  let changes: WorldChangesService;
  let unitOfWork: UnitOfWork;

  beforeAll(async () => {
    bed = await ConflictsTestBed.start(['conflict.*']);
    uat = await bed.seedEnvironment('UAT');
    changes = bed.resolve(WorldChangesService);
    unitOfWork = bed.resolve(UnitOfWork);
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  /** Takes the event in as the handler does, and gives back every statement its connection ran meanwhile. */
  async function takeIn(intent: IntentView): Promise<string[]> {
    const statements: string[] = [];
    await unitOfWork.run(async (transaction) => {
      const connection = (await transaction.manager.queryRunner!.connect()) as ClientBase;
      const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
      const recording = (...args: unknown[]) => {
        const [statement] = args;
        const text = typeof statement === 'string' ? statement : (statement as { text: string }).text;
        statements.push(text.replace(/\s+/g, ' '));
        return query(...args);
      };
      Object.assign(connection, { query: recording });
      try {
        await changes.intentChanged(transaction, intent);
      } finally {
        Object.assign(connection, { query });
      }
    });
    return statements;
  }

  const intentAt = (id: string, start: string, end: string, version: number): IntentView => ({
    ...exampleIntent('REQUESTED'),
    id,
    environmentId: uat.id,
    source: undefined,
    plannedStart: start,
    plannedEnd: end,
    version,
  });

  const openConflictsOf = async (intentId: string) =>
    (
      await bed.db.query(`SELECT id FROM conflicts.conflicts WHERE intent_id = $1 AND status <> 'RESOLVED'`, [
        intentId,
      ])
    ).rowCount;

  const rowReads = (statements: string[]) =>
    statements.filter((sql) => /FROM conflicts\.intent_windows WHERE intent_id = \$1 FOR UPDATE/.test(sql));
  const conflictReads = (statements: string[]) =>
    statements.filter((sql) => /FROM conflicts\.conflicts WHERE (intent_id = \$1|related_ref)/.test(sql));

  it('reads a newly filed intent once and looks for no conflicts of it; the next one finds the overlap', async () => {
    const first = randomUUID();
    const filed = await takeIn(intentAt(first, '2031-05-01T08:00:00Z', '2031-05-01T12:00:00Z', 1));
    expect(rowReads(filed)).toHaveLength(1);
    expect(conflictReads(filed)).toEqual([]);
    // The walk over the dependency graph is made in memory, over the catalog this service keeps.
    expect(filed.filter((sql) => /WITH RECURSIVE/.test(sql))).toEqual([]);
    expect(await openConflictsOf(first)).toBe(0);

    const second = randomUUID();
    const overlapping = await takeIn(intentAt(second, '2031-05-01T10:00:00Z', '2031-05-01T14:00:00Z', 1));
    // The new intent's own row once; the first intent, which it touches, is locked and read once too.
    expect(rowReads(overlapping)).toHaveLength(2);
    expect(await openConflictsOf(second)).toBeGreaterThan(0);
    expect(await openConflictsOf(first)).toBeGreaterThan(0);
  });

  it('reads its held conflicts and those it causes once it is held, and resolves them when it moves away', async () => {
    const first = randomUUID();
    const second = randomUUID();
    await takeIn(intentAt(first, '2031-06-01T08:00:00Z', '2031-06-01T12:00:00Z', 1));
    await takeIn(intentAt(second, '2031-06-01T10:00:00Z', '2031-06-01T14:00:00Z', 1));
    expect(await openConflictsOf(second)).toBeGreaterThan(0);

    const moved = await takeIn(intentAt(second, '2031-06-02T10:00:00Z', '2031-06-02T14:00:00Z', 2));
    expect(moved.some((sql) => /related_ref/.test(sql))).toBe(true);
    expect(rowReads(moved).length).toBeGreaterThanOrEqual(2);
    expect(await openConflictsOf(second)).toBe(0);
    expect(await openConflictsOf(first)).toBe(0);
  });

  it('reaches the intents of an environment two levels down the dependency graph', async () => {
    const environment = async (key: string, dependsOn: string[]) => {
      const view = {
        ...environmentUpsertedEvent.example,
        id: randomUUID(),
        key,
        dependsOn,
        updatedAt: new Date().toISOString(),
      };
      await unitOfWork.run((transaction) => changes.environmentChanged(transaction, view));
      return view;
    };
    const suffix = randomUUID().slice(0, 8);
    const top = await environment(`top-${suffix}`, []);
    await environment(`mid-${suffix}`, [top.key]);
    const bottom = await environment(`bottom-${suffix}`, [`mid-${suffix}`]);

    const below = randomUUID();
    await takeIn({
      ...intentAt(below, '2031-07-01T08:00:00Z', '2031-07-01T12:00:00Z', 1),
      environmentId: bottom.id,
    });
    const dependencyConflicts = async () =>
      (
        await bed.db.query(
          `SELECT id FROM conflicts.conflicts WHERE intent_id = $1 AND type = 'DEPENDENCY' AND status <> 'RESOLVED'`,
          [below],
        )
      ).rowCount;
    expect(await dependencyConflicts()).toBe(0);
    await takeIn({
      ...intentAt(randomUUID(), '2031-07-01T10:00:00Z', '2031-07-01T14:00:00Z', 1),
      environmentId: top.id,
    });
    expect(await dependencyConflicts()).toBe(1);
  });
});
