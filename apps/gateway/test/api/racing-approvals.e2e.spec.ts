import { EnvironmentView, HistoryEntryView, IntentView } from '@envrefresh/contracts';
import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { useApiSuite } from './support/api-suite';
import { Lifecycle, OWNER_GROUP } from './support/lifecycle';
import { persona } from './support/personas';
import { stopScheduling } from '../schedules/support/scheduling-replicas';

const ROUNDS = 8;

describe('two approvals of the same version racing', () => {
  const suite = useApiSuite();
  const approvers = [
    persona('ann-approver', ['approver'], [OWNER_GROUP]),
    persona('bob-approver', ['approver'], [OWNER_GROUP]),
  ];
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;
  let probe: ProbeQueue;

  beforeAll(async () => {
    // The winner's answer is compared with the intent read back; the real scheduling service would
    // have moved it on to SCHEDULED in between.
    await stopScheduling(suite);
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['intent.approved']);
  });

  afterAll(async () => {
    await probe?.close();
  });

  it.each(Array.from({ length: ROUNDS }, (_, round) => round + 1))(
    'round %d: exactly one wins with 200, the other gets 409, and the history holds one approve',
    async () => {
      const intent = await lifecycle.fileIntent(environment, { submit: true });

      const [first, second] = await Promise.all(
        approvers.map((approver) => lifecycle.act(intent, 'approve', { as: approver })),
      );

      expect([first.status, second.status].sort()).toEqual([200, 409]);
      const [winner, loser] = first.status === 200 ? [first, second] : [second, first];
      expect(loser.contentType).toMatch(/^application\/problem\+json/);
      expect(loser.body).toMatchObject({ status: 409 });
      expect(winner.body).toMatchObject({ id: intent.id, status: 'APPROVED' });

      const now = await lifecycle.get(intent.id);
      expect(now.body).toMatchObject({ status: 'APPROVED', version: (winner.body as IntentView).version });
      const history = await suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, {
        as: lifecycle.cast.requester,
      });
      expect(history.body.filter((entry) => entry.action === 'approve')).toHaveLength(1);
    },
  );

  it('publishes intent.approved once per intent', async () => {
    const approvedIds = () => probe.messages.map((message) => message.json<{ data: IntentView }>().data.id);
    await eventually(() => expect(approvedIds().length).toBeGreaterThanOrEqual(ROUNDS));
    // A duplicate would follow its original within the relay's poll interval.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(approvedIds()).toHaveLength(ROUNDS);
    expect(new Set(approvedIds()).size).toBe(ROUNDS);
  });
});
