import { IntentsTestBed } from './support/intents-test-bed';

const DAY_MS = 86_400_000;

/**
 * A process started with TEST_CLOCK_OFFSET_MS lives a day ahead in everything it decides, as a
 * multi-process downtime test needs; the machine's clock is untouched.
 */
describe('intents service started with its clock a day ahead', () => {
  let bed: IntentsTestBed;

  beforeAll(async () => {
    bed = await IntentsTestBed.start({ TEST_CLOCK_OFFSET_MS: String(DAY_MS) });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  const aheadBy = (iso: string) => new Date(iso).getTime() - Date.now();

  it('stamps what it creates with tomorrow', async () => {
    const environment = await bed.createEnvironment({ requiresApproval: false });
    expect(aheadBy(environment.createdAt)).toBeGreaterThan(DAY_MS - 60_000);
    expect(aheadBy(environment.createdAt)).toBeLessThan(DAY_MS + 60_000);

    const intent = await bed.fileIntent(environment.id);
    for (const stamp of [intent.createdAt, intent.updatedAt]) {
      expect(aheadBy(stamp)).toBeGreaterThan(DAY_MS - 60_000);
      expect(aheadBy(stamp)).toBeLessThan(DAY_MS + 60_000);
    }
  });
});
