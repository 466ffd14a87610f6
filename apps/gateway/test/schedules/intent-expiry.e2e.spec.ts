import { EnvironmentView, HistoryEntryView, IntentView } from '@envrefresh/contracts';
import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { Lifecycle } from '../api/support/lifecycle';
import { windowFromNow } from './support/schedule-probe';

const NOTE = 'expired: the window passed before approval';

/** An intent nobody approved before its window began is cancelled by the system, with a note. */
describe('expiry of intents still awaiting approval at plannedStart', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let probe: ProbeQueue;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['intent.cancelled']);
    environment = await lifecycle.createEnvironment();
  });

  afterAll(async () => {
    await probe?.close();
  });

  it.each([
    ['REQUESTED', { submit: true }],
    ['DRAFT', {}],
  ])(
    'cancels a %s intent once its plannedStart passes, with the note and intent.cancelled',
    async (status, filing) => {
      const filed = await lifecycle.fileIntent(environment, { ...windowFromNow(3, 60), ...filing });
      expect(filed.status).toBe(status);

      const expired = await lifecycle.waitForStatus(filed, 'CANCELLED', 15_000);
      expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(filed.plannedStart));
      const history = await suite.api.get<HistoryEntryView[]>(`/intents/${filed.id}/history`, {
        as: lifecycle.cast.requester,
      });
      expect(history.body.at(-1)).toMatchObject({
        action: 'expire',
        fromStatus: status,
        toStatus: 'CANCELLED',
        notes: NOTE,
        actor: expect.objectContaining({ sub: 'system' }),
      });
      const event = await eventually(() => {
        const found = probe.messages
          .map((message) => message.json<{ data: IntentView }>())
          .find((envelope) => envelope.data.id === filed.id);
        if (!found) throw new Error('no intent.cancelled yet');
        return found;
      });
      expect(event.data).toEqual(expired);
    },
  );

  it('leaves an approved intent alone when its start passes', async () => {
    const requested = await lifecycle.fileIntent(environment, { ...windowFromNow(3, 60), submit: true });
    const approved = await lifecycle.advance(requested, 'approve');
    const scheduled = await lifecycle.waitForStatus(approved, 'SCHEDULED');
    await new Promise((resolve) =>
      setTimeout(resolve, Date.parse(requested.plannedStart) - Date.now() + 2_500),
    );
    expect((await lifecycle.get(approved.id)).body).toMatchObject({
      status: 'SCHEDULED',
      version: scheduled.version,
    });
  });
});
