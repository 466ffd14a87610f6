import { randomUUID } from 'node:crypto';
import {
  EnvironmentView,
  HistoryEntryView,
  HistoryVerification,
  IntentView,
  Page,
  RefreshRecordView,
} from '@envrefresh/contracts';
import { ProbeQueue, bindProbeQueue, eventually } from '@envrefresh/testing';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';

interface Envelope {
  id: string;
  type: string;
  source: string;
  correlationId: string;
  data: { id: string };
}

const FACTS = {
  durationSeconds: 5400,
  rowsAffected: 1_234_567,
  dataVolumeGb: 42.5,
  logUrl: 'https://logs.example.com/refresh/uat-payments/1',
};

describe('the happy path: create → submit → approve → scheduled → start → complete', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let probe: ProbeQueue;
  let environment: EnvironmentView;
  /** What the API answered at each step, to compare with what the events carried. */
  const answered: Record<string, IntentView> = {};
  const requestIds: Record<string, string> = {};
  const withId = (step: string) => ({ 'x-request-id': (requestIds[step] = `happy-${step}-${randomUUID()}`) });
  const intent = () => {
    if (!answered.completed) throw new Error('the lifecycle did not reach COMPLETED (see the first test)');
    return answered.completed;
  };

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    probe = await bindProbeQueue(suite.amqpUrl, suite.exchange, ['#']);
  });

  afterAll(async () => {
    await probe?.close();
  });

  it('walks the whole lifecycle, each step by the role the SPEC gives it', async () => {
    const { admin, requester, approver, operator } = lifecycle.cast;
    const created = await suite.api.post<EnvironmentView>('/environments', {
      as: admin,
      headers: withId('environment'),
      body: {
        key: 'uat-payments',
        name: 'UAT payments',
        tier: 'UAT',
        ownerGroup: 'qa-team',
        timezone: 'Europe/Berlin',
      },
    });
    expect(created.status).toBe(201);
    environment = created.body;
    expect(environment).toMatchObject({ key: 'uat-payments', requiresApproval: true, lastRefreshedAt: null });

    answered.drafted = await lifecycle.fileIntent(environment, {}, requester, withId('drafted'));
    expect(answered.drafted.status).toBe('DRAFT');
    answered.requested = await lifecycle.advance(answered.drafted, 'submit', {
      as: requester,
      headers: withId('requested'),
    });
    answered.approved = await lifecycle.advance(answered.requested, 'approve', {
      as: approver,
      headers: withId('approved'),
    });
    // The scheduling service registers the schedule by itself, caused by (and correlated with) the approval.
    answered.scheduled = await lifecycle.waitForStatus(answered.approved, 'SCHEDULED');
    requestIds.scheduled = requestIds.approved;
    answered.started = await lifecycle.advance(answered.scheduled, 'start', {
      as: operator,
      headers: withId('started'),
    });
    answered.completed = await lifecycle.advance(answered.started, 'complete', {
      as: operator,
      headers: withId('completed'),
      body: { notes: 'Masked copy restored', ...FACTS },
    });

    expect((await lifecycle.get(intent().id)).body).toEqual(answered.completed);
  });

  it('has a history entry for every step, and it verifies intact', async () => {
    const history = await suite.api.get<HistoryEntryView[]>(`/intents/${intent().id}/history`, {
      as: lifecycle.cast.requester,
    });
    expect(
      history.body.map((entry) => `${entry.fromStatus ?? '∅'} -${entry.action}-> ${entry.toStatus}`),
    ).toEqual([
      '∅ -created-> DRAFT',
      'DRAFT -submit-> REQUESTED',
      'REQUESTED -approve-> APPROVED',
      'APPROVED -schedule-> SCHEDULED',
      'SCHEDULED -start-> IN_PROGRESS',
      'IN_PROGRESS -complete-> COMPLETED',
    ]);

    const verification = await suite.api.get<HistoryVerification>(`/intents/${intent().id}/history/verify`, {
      as: lifecycle.cast.approver,
    });
    expect(verification.body).toMatchObject({ intact: true, entries: 6, firstBrokenSequence: null });
  });

  it("records the run on the environment: lastRefreshedAt and the refresh history with the run's facts", async () => {
    const { operator, requester } = lifecycle.cast;
    const refreshes = await suite.api.get<Page<RefreshRecordView>>(
      `/environments/${environment.id}/refresh-history`,
      {
        as: requester,
      },
    );
    expect(refreshes.status).toBe(200);
    expect(refreshes.body.items).toEqual([
      {
        intentId: intent().id,
        environmentId: environment.id,
        refreshType: intent().refreshType,
        completedAt: expect.any(String),
        startedAt: expect.any(String),
        ...FACTS,
        completedBy: expect.objectContaining({ sub: operator.sub }),
      },
    ]);
    const [run] = refreshes.body.items;
    expect(Date.parse(run.startedAt!)).toBeLessThanOrEqual(Date.parse(run.completedAt));

    for (const ref of [environment.id, environment.key]) {
      const now = await suite.api.get<EnvironmentView>(`/environments/${ref}`, { as: requester });
      expect(now.status).toBe(200);
      expect([run.completedAt, run.startedAt]).toContain(now.body.lastRefreshedAt);
    }
  });

  it('showed an external queue bound with # every event in order, each intent.* carrying the whole intent', async () => {
    const expected = [
      ['environment.upserted', 'environment'],
      ['intent.drafted', 'drafted'],
      ['intent.requested', 'requested'],
      ['intent.approved', 'approved'],
      ['intent.scheduled', 'scheduled'],
      ['intent.started', 'started'],
      ['intent.completed', 'completed'],
    ];
    const ours = () =>
      probe.messages
        .map((message) => ({ envelope: message.json<Envelope>(), message }))
        .filter(
          ({ envelope }) =>
            (envelope.type.startsWith('intent.') && envelope.data.id === intent().id) ||
            (envelope.type === 'environment.upserted' && envelope.data.id === environment.id),
        );
    await eventually(() =>
      expect(ours().filter(({ envelope }) => envelope.type === 'intent.completed')).toHaveLength(1),
    );

    const seen = ours();
    expect(seen.slice(0, expected.length).map(({ envelope }) => envelope.type)).toEqual(
      expected.map(([type]) => type),
    );
    expect(seen.slice(expected.length).map(({ envelope }) => envelope.type)).not.toContainEqual(
      expect.stringMatching(/^intent\./),
    );
    seen.slice(0, expected.length).forEach(({ envelope, message }, index) => {
      const [type, step] = expected[index];
      expect(message.fields.routingKey).toBe(type);
      expect(message.properties.messageId).toBe(envelope.id);
      expect(envelope).toMatchObject({ source: 'intents', correlationId: requestIds[step] });
      expect(envelope.data).toEqual(step === 'environment' ? environment : answered[step]);
    });
  });
});
