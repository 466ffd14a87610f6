import { EnvironmentView, FreezeView, IntentView } from '@envrefresh/contracts';
import { TcpProxy, eventually, startTcpProxy } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { ConflictCalendar } from '../conflicts/support/calendar';
import { ApiClient, describe as describeResponse } from './support/api-client';
import { useApiSuite } from './support/api-suite';
import { expectStatus } from './support/lifecycle';
import { metric, startPeerReplica } from './support/peer-replica';
import { Persona } from './support/personas';

/**
 * SPEC "Read your writes" across gateway replicas (ADR 0031): replica B answers GET /intents/{id}
 * and GET /freeze from memory; a write answered by replica A is on the very next read through B,
 * on those routes and on every other GET the write affects. Every app as its own broker user with
 * the committed grants, so the gateway's views fanout and event bindings are what production allows.
 */
describe('reads through one gateway replica see writes answered by another', () => {
  const suite = useApiSuite({ brokerIdentities: true });
  let world: ConflictCalendar;
  let b: RunningApp;
  let replicaB: ApiClient;

  beforeAll(async () => {
    world = new ConflictCalendar(suite);
    ({ app: b, api: replicaB } = await startPeerReplica(suite));
  }, 60_000);

  async function intentThroughB(intent: IntentView, as: Persona = world.cast.requester): Promise<IntentView> {
    const response = await replicaB.get<IntentView>(`/intents/${intent.id}`, { as });
    expectStatus(response, 200, 'GET /intents/{id} through B');
    return response.body;
  }

  async function freezeThroughB(environment: EnvironmentView): Promise<FreezeView> {
    const response = await replicaB.get<FreezeView>('/freeze', {
      as: world.cast.requester,
      query: { environmentId: environment.id },
    });
    expectStatus(response, 200, 'GET /freeze through B');
    return response.body;
  }

  async function listedThroughB(intent: IntentView): Promise<IntentView | undefined> {
    const response = await replicaB.get<{ items: IntentView[] }>('/intents', {
      as: world.cast.requester,
      query: { environmentId: intent.environmentId },
    });
    expectStatus(response, 200, 'GET /intents through B');
    return response.body.items.find((item) => item.id === intent.id);
  }

  it('answers repeated reads from memory: one RPC, the rest hits', async () => {
    const environment = await world.environment();
    const intent = await world.lifecycle.fileIntent(environment);
    const before = await metric(b, 'gateway_view_reads_total', { resource: 'intent', outcome: 'hit' });
    const misses = await metric(b, 'gateway_view_reads_total', { resource: 'intent', outcome: 'miss' });
    for (let read = 0; read < 10; read++) expect((await intentThroughB(intent)).version).toBe(intent.version);
    expect(await metric(b, 'gateway_view_reads_total', { resource: 'intent', outcome: 'miss' })).toBe(
      misses + 1,
    );
    expect(await metric(b, 'gateway_view_reads_total', { resource: 'intent', outcome: 'hit' })).toBe(
      before + 9,
    );
  });

  it('sees a submit, an amend, an approval and a cancel through A on the next read through B', async () => {
    const environment = await world.environment();
    const draft = await world.lifecycle.fileIntent(environment);
    const approver = world.cast.approver;
    expect((await intentThroughB(draft)).status).toBe('DRAFT');

    const submitted = await world.lifecycle.advance(draft, 'submit');
    expect(await intentThroughB(submitted)).toMatchObject({
      status: 'REQUESTED',
      version: submitted.version,
    });
    expect((await listedThroughB(submitted))?.version).toBe(submitted.version);
    // The approver's view is kept apart from the requester's, and must move too.
    expect((await intentThroughB(submitted, approver)).version).toBe(submitted.version);

    const amendment = await suite.api.request<IntentView>('PATCH', `/intents/${submitted.id}`, {
      as: world.cast.requester,
      body: { version: submitted.version, reason: 'Amended through replica A' },
    });
    expectStatus(amendment, 200, 'PATCH /intents/{id} through A');
    expect(await intentThroughB(submitted)).toMatchObject({
      reason: 'Amended through replica A',
      version: amendment.body.version,
    });
    expect((await intentThroughB(submitted, approver)).reason).toBe('Amended through replica A');

    const approved = await world.lifecycle.advance(amendment.body, 'approve');
    const afterApproval = await intentThroughB(approved);
    expect(afterApproval.version).toBeGreaterThanOrEqual(approved.version);
    expect(['APPROVED', 'SCHEDULED']).toContain(afterApproval.status);
    expect(['APPROVED', 'SCHEDULED']).toContain((await listedThroughB(approved))?.status);

    // The scheduling service moves it to SCHEDULED in the background: a cancel sent with the version
    // read just before that lands is a 409, so read through B again (its event reaches B) and retry.
    const cancelled = await eventually(
      async () => world.lifecycle.advance(await intentThroughB(approved, approver), 'cancel'),
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect((await intentThroughB(cancelled)).status).toBe('CANCELLED');
    expect((await intentThroughB(cancelled, approver)).status).toBe('CANCELLED');
    expect((await listedThroughB(cancelled))?.status).toBe('CANCELLED');
  });

  it('refreshes a kept intent after a background change: the schedule the scheduling service makes', async () => {
    const environment = await world.environment();
    const approved = await world.lifecycle.advance(
      await world.lifecycle.advance(await world.lifecycle.fileIntent(environment), 'submit'),
      'approve',
    );
    // Read (and keep) it through B, over and over: it must become SCHEDULED with no gateway write.
    await eventually(
      async () => {
        const seen = await intentThroughB(approved);
        if (seen.status !== 'SCHEDULED') throw new Error(`still ${seen.status} through B`);
      },
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    expect(
      await metric(b, 'gateway_view_reads_total', { resource: 'intent', outcome: 'hit' }),
    ).toBeGreaterThan(0);
  });

  it('sees bookings and windows created and deleted through A on the next GET /freeze and GET /calendar through B', async () => {
    const environment = await world.environment();
    const now = Date.now();
    const covering = {
      start: new Date(now - 3_600_000).toISOString(),
      end: new Date(now + 3_600_000).toISOString(),
    };
    const calendarThroughB = async (): Promise<string[]> => {
      const response = await replicaB.get<{ items: { ref: string; status?: string }[] }>('/calendar', {
        as: world.cast.requester,
        query: {
          from: new Date(now - 86_400_000).toISOString(),
          to: new Date(now + 86_400_000).toISOString(),
          environmentId: environment.id,
        },
      });
      expectStatus(response, 200, 'GET /calendar through B');
      // A cancelled booking stays on the calendar, marked CANCELLED.
      return response.body.items.filter((item) => item.status !== 'CANCELLED').map((item) => item.ref);
    };

    const open = await freezeThroughB(environment);
    expect(open).toMatchObject({ environmentId: environment.id, frozen: false });
    expect(Date.parse(open.stableUntil)).toBeGreaterThan(Date.parse(open.at));
    expect(Date.parse(open.stableUntil)).toBeLessThanOrEqual(Date.parse(open.at) + 3_600_000);
    expect((await freezeThroughB(environment)).frozen).toBe(false);

    const blackout = await world.window('BLACKOUT', covering, { environmentIds: [environment.id] });
    const frozen = await freezeThroughB(environment);
    expect(frozen.frozen).toBe(true);
    // The verdict holds until the blackout ends, at the latest.
    expect(Date.parse(frozen.stableUntil)).toBeLessThanOrEqual(Date.parse(covering.end));
    expect((await freezeThroughB(environment)).frozen).toBe(true);
    expect(await calendarThroughB()).toContain(blackout.id);

    await world.deleteWindow(blackout);
    expect((await freezeThroughB(environment)).frozen).toBe(false);
    expect(await calendarThroughB()).not.toContain(blackout.id);

    const booking = await world.book(environment, covering, { priority: 'CRITICAL' });
    expect((await freezeThroughB(environment)).frozen).toBe(true);
    expect(await calendarThroughB()).toContain(booking.id);

    await world.cancelBooking(booking);
    expect((await freezeThroughB(environment)).frozen).toBe(false);
    expect(await calendarThroughB()).not.toContain(booking.id);
    expect(
      await metric(b, 'gateway_view_reads_total', { resource: 'freeze', outcome: 'hit' }),
    ).toBeGreaterThan(0);
  });

  describe('a replica whose broker connection is cut', () => {
    let proxy: TcpProxy;
    let c: RunningApp;

    beforeAll(async () => {
      const broker = new URL(suite.amqpUrl);
      proxy = await startTcpProxy(broker.hostname, Number(broker.port || 5672));
      c = await suite.startGateway({ viaBroker: (url) => proxy.url(url) });
      await eventually(async () => expect(await metric(c, 'gateway_views_serving')).toBe(1));
    }, 60_000);

    afterAll(async () => {
      await proxy?.close();
    });

    it('stops serving from memory, and starts afresh once it is back', async () => {
      const replicaC = new ApiClient(c.baseUrl);
      const environment = await world.environment();
      const intent = await world.lifecycle.fileIntent(environment);
      const read = () => replicaC.get<IntentView>(`/intents/${intent.id}`, { as: world.cast.requester });
      expectStatus(await read(), 200, 'first read through C');
      const hits = await metric(c, 'gateway_view_reads_total', { resource: 'intent', outcome: 'hit' });
      expectStatus(await read(), 200, 'second read through C');
      expect(await metric(c, 'gateway_view_reads_total', { resource: 'intent', outcome: 'hit' })).toBe(
        hits + 1,
      );

      proxy.sever();
      // What C kept may be stale now (it hears no invalidation): it must not answer from it.
      const cut = await read();
      if (cut.status < 500) throw new Error(`C answered while cut off: ${describeResponse(cut)}`);
      expect(await metric(c, 'gateway_view_reads_total', { resource: 'intent', outcome: 'hit' })).toBe(
        hits + 1,
      );

      // Written through A while C was cut off: C must not serve its old copy once it is back.
      const submitted = await world.lifecycle.advance(intent, 'submit');
      proxy.restore();
      const back = await eventually(
        async () => {
          const response = await read();
          expectStatus(response, 200, 'read through C after the cut');
          return response.body;
        },
        { timeoutMs: 20_000, intervalMs: 200 },
      );
      expect(back).toMatchObject({ status: 'REQUESTED', version: submitted.version });
    }, 60_000);
  });
});
