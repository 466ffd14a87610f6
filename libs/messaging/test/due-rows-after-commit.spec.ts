import { OutboxRepository, UnitOfWork } from '../src';
import { DueRowsBed, SCHEMA, firingJob } from './support/due-rows-bed';

/**
 * A handler that writes events in the claim's transaction (scheduling fires jobs this way) joins
 * it through `UnitOfWork.join`, and wakes the relay only once the batch has committed.
 */
describe('a due-row batch that writes events', () => {
  let bed: DueRowsBed;

  beforeAll(async () => {
    bed = await DueRowsBed.create();
  });

  afterAll(async () => bed?.close());

  beforeEach(async () => {
    await bed.dataSource.query(`TRUNCATE ${SCHEMA}.jobs, ${SCHEMA}.runs, ${SCHEMA}.outbox`);
  });

  const committedOutboxRows = () => bed.scalar(`SELECT count(*) FROM ${SCHEMA}.outbox`);

  it('wakes the relay after the commit, when its events are visible to everyone', async () => {
    await bed.addJobs(3);
    const seenAtWake: number[] = [];
    const unitOfWork = new UnitOfWork(bed.dataSource, new OutboxRepository(SCHEMA), () => {
      void committedOutboxRows().then((count) => seenAtWake.push(count));
    });
    let batch: ReturnType<UnitOfWork['join']> | undefined;
    const job = {
      ...firingJob(async (manager, rows) => {
        batch = unitOfWork.join(manager);
        for (const row of rows)
          await batch.context.publish({
            id: `00000000-0000-4000-8000-00000000000${row.id}`,
            type: 'spec.fired',
            correlationId: 'spec',
          });
        // Inside the transaction, nobody else sees them yet.
        expect(await committedOutboxRows()).toBe(0);
      }),
      afterCommit: () => batch?.committed(),
    };

    expect(await bed.worker(job, { batchSize: 10 }).runOnce()).toBe(3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(seenAtWake).toEqual([3]);
  });

  it('does not wake the relay for a batch that rolled back', async () => {
    await bed.addJobs(2);
    let woken = 0;
    const unitOfWork = new UnitOfWork(bed.dataSource, new OutboxRepository(SCHEMA), () => (woken += 1));
    let batch: ReturnType<UnitOfWork['join']> | undefined;
    const job = {
      ...firingJob(async (manager) => {
        batch = unitOfWork.join(manager);
        await batch.context.publish({
          id: '00000000-0000-4000-8000-000000000009',
          type: 'spec.fired',
          correlationId: 'spec',
        });
        throw new Error('the batch fails');
      }),
      afterCommit: () => batch?.committed(),
    };

    await expect(bed.worker(job).runOnce()).rejects.toThrow('the batch fails');
    expect(woken).toBe(0);
    expect(await committedOutboxRows()).toBe(0);
  });
});
