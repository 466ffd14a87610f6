import { randomUUID } from 'node:crypto';
import * as amqp from 'amqplib';
import {
  ConflictView,
  EnvironmentView,
  EventDefinition,
  HistoryEntryView,
  HistoryVerification,
  IntentView,
  Page,
  conflictOverriddenEvent,
  createEnvelope,
  environmentUpsertedEvent,
  intentAmendedEvent,
  scheduleCreatedEvent,
} from '@envrefresh/contracts';
import { consumerTopology } from '@envrefresh/messaging';
import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { persona } from '../api/support/personas';
import { ConflictCalendar } from '../conflicts/support/calendar';
import {
  eventuallyTheConflict,
  hours,
  knownEnvironment,
  requestedAndSeen,
} from '../conflicts/support/recompute-scenes';
import { stopScheduling } from '../schedules/support/scheduling-replicas';

type Consumer = 'intents' | 'conflicts';

/**
 * The events of issue 9's report, forged as an attacker would: a broker client with an account
 * of its own and wide permissions on the vhost publishes straight to the events exchange. The
 * services run as their own broker users with the generated least-privilege grants, so they are
 * strict: each forgery is refused, changes nothing the API shows, lands in the consumer's DLQ
 * with a reason that explains nothing, and is written to the consumer's security log.
 */
describe('forged events from a broker account that is not their owner', () => {
  const suite = useApiSuite({ brokerIdentities: true });
  let calendar: ConflictCalendar;
  let attacker: amqp.ChannelModel;
  let observer: amqp.ChannelModel;
  const deadLettered: Record<Consumer, amqp.ConsumeMessage[]> = { intents: [], conflicts: [] };
  /** An approver of a group that owns nothing here. */
  const mallory = persona('mallory', ['approver'], ['mallory-team']);

  beforeAll(async () => {
    // Intents must stay APPROVED here; the real scheduling service would move them on at once.
    await stopScheduling(suite);
    calendar = new ConflictCalendar(suite);
    attacker = await amqp.connect(suite.broker!.attacker.url);
    attacker.on('error', () => undefined);
    observer = await amqp.connect(suite.amqpUrl);
    observer.on('error', () => undefined);
    for (const consumer of ['intents', 'conflicts'] as const) {
      const channel = await observer.createChannel();
      const { deadLetterQueue } = consumerTopology(suite.namespace, consumer, []);
      await channel.consume(deadLetterQueue, (message) => message && deadLettered[consumer].push(message), {
        noAck: true,
      });
    }
  });

  afterAll(async () => {
    await attacker?.close().catch(() => undefined);
    await observer?.close().catch(() => undefined);
  });

  /** Publishes as the attacker: its own user_id (the broker would close its channel on another's). */
  async function forge<TType extends string, TData>(
    definition: EventDefinition<TType, TData>,
    data: TData,
  ): Promise<string> {
    const envelope = createEnvelope(definition, data, {
      correlationId: `forged-${randomUUID()}`,
      causationId: null,
    });
    const channel = await attacker.createConfirmChannel();
    channel.publish(suite.exchange, envelope.type, Buffer.from(JSON.stringify(envelope)), {
      persistent: true,
      contentType: 'application/json',
      messageId: envelope.id,
      userId: suite.broker!.attacker.user,
      headers: { 'x-correlation-id': envelope.correlationId },
    });
    await channel.waitForConfirms();
    await channel.close();
    return envelope.id;
  }

  /** Waits for the refused copy in the consumer's DLQ, and its security event in the consumer's log. */
  async function expectRefused(consumer: Consumer, eventId: string): Promise<void> {
    const copy = await eventually(() => {
      const found = deadLettered[consumer].find((message) => message.properties.messageId === eventId);
      expect(found).toBeDefined();
      return found!;
    });
    expect(copy.properties.headers).toMatchObject({
      'x-dead-letter-reason': 'refused',
      'x-last-error': 'the event was not published by its owner',
      'x-retry-count': 0,
    });
    expect(JSON.stringify(copy.properties.headers)).not.toMatch(/must|required|schema|property|data\//i);
    const line = await eventually(() => {
      const app = suite.apps.find((candidate) => candidate.name === consumer)!;
      const found = app.process
        .stdout()
        .split('\n')
        .filter((candidate) => candidate.includes(eventId) && candidate.includes('"security":true'));
      expect(found).toHaveLength(1);
      return JSON.parse(found[0]);
    });
    expect(line).toMatchObject({
      security: true,
      action: 'event.consume',
      outcome: 'refused',
      actor: suite.broker!.attacker.user,
      details: expect.objectContaining({ eventId, strict: true }),
    });
  }

  it('runs every service strict: none warns that events are not authenticated', () => {
    for (const app of suite.apps) expect(app.process.stdout()).not.toMatch(/events are NOT authenticated/);
  });

  const getIntent = async (intent: IntentView) =>
    (await calendar.lifecycle.get(intent.id, calendar.cast.approver)).body as IntentView;
  const history = async (intent: IntentView) =>
    (await suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, { as: calendar.cast.approver }))
      .body;

  it('schedule.created: an APPROVED intent does not become SCHEDULED; the real scheduling service still can', async () => {
    const environment = await knownEnvironment(calendar);
    let intent = await calendar.requested(environment, hours('2032-07-05', 1, 3));
    intent = await calendar.lifecycle.advance(intent, 'approve');

    const eventId = await forge(scheduleCreatedEvent, {
      intentId: intent.id,
      environmentId: environment.id,
      plannedStart: intent.plannedStart,
      plannedEnd: intent.plannedEnd,
      status: 'ACTIVE',
      jobs: [],
    });
    await expectRefused('intents', eventId);
    expect(await getIntent(intent)).toMatchObject({ status: 'APPROVED', version: intent.version });

    // The suite's helper plays scheduling as its own broker user: that one is believed.
    await calendar.lifecycle.schedule(intent);
  });

  it('conflict.overridden: no history entry for a conflict that does not exist, and verify stays intact', async () => {
    const environment = await knownEnvironment(calendar);
    const intent = await calendar.requested(environment, hours('2032-07-06', 1, 3));
    const before = await history(intent);

    const eventId = await forge(conflictOverriddenEvent, {
      ...conflictOverriddenEvent.example,
      id: randomUUID(),
      intentId: intent.id,
      environmentId: environment.id,
      overriddenBy: { sub: 'ceo', name: 'The CEO' },
    });
    await expectRefused('intents', eventId);
    expect(await history(intent)).toEqual(before);
    const verification = await suite.api.get<HistoryVerification>(`/intents/${intent.id}/history/verify`, {
      as: calendar.cast.approver,
    });
    expect(verification.body).toMatchObject({ intact: true, entries: before.length });
  });

  describe('on an intent with an OPEN BLOCKING conflict', () => {
    let environment: EnvironmentView;
    let intent: IntentView;
    let conflict: ConflictView;

    beforeAll(async () => {
      environment = await knownEnvironment(calendar);
      const booking = await calendar.book(environment, hours('2032-07-07', 8, 12), { priority: 'HIGH' });
      intent = await requestedAndSeen(calendar, environment, hours('2032-07-07', 10, 14));
      conflict = await eventuallyTheConflict(calendar, intent, { relatedId: booking.id, status: 'OPEN' });
    });

    it('intent.amended with another window: the conflicts service resolves nothing', async () => {
      const elsewhere = hours('2032-07-08', 1, 2);
      const eventId = await forge(intentAmendedEvent, {
        ...(await getIntent(intent)),
        plannedStart: elsewhere.start,
        plannedEnd: elsewhere.end,
        version: intent.version + 1,
      });
      await expectRefused('conflicts', eventId);
      expect((await calendar.conflictsOf(intent)).find((found) => found.id === conflict.id)).toMatchObject({
        status: 'OPEN',
        severity: 'BLOCKING',
      });
      expect((await calendar.lifecycle.act(intent, 'approve')).status).toBe(409);
    });

    it("environment.upserted with another ownerGroup: an outside group still neither sees nor overrides the environment's conflicts", async () => {
      const outsidersView = () =>
        suite.api.get<Page<ConflictView>>(`/conflicts?environmentId=${environment.id}`, { as: mallory });
      expect((await outsidersView()).body.items).toEqual([]);

      const eventId = await forge(environmentUpsertedEvent, {
        ...environment,
        ownerGroup: 'mallory-team',
        // The conflicts service keeps the newest upsert by updatedAt: this one would win.
        updatedAt: new Date(Date.now() + 60_000).toISOString(),
      });
      await expectRefused('conflicts', eventId);
      expect((await outsidersView()).body.items).toEqual([]);
      const override = await suite.api.post(`/conflicts/${conflict.id}/override`, {
        as: mallory,
        body: { justification: 'mallory owns this now, says the forged event' },
      });
      expect(override.status).toBe(404);
      expect((await calendar.conflictsOf(intent)).find((found) => found.id === conflict.id)?.status).toBe(
        'OPEN',
      );
    });
  });
});
