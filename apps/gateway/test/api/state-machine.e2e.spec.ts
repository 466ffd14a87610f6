import {
  EnvironmentView,
  HistoryEntryView,
  IntentAction,
  IntentStatus,
  IntentView,
} from '@envrefresh/contracts';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';
import { EVERY_PAIR, allowedActions } from './support/state-machine.table';
import { nextWindow } from './support/windows';
import { stopScheduling } from '../schedules/support/scheduling-replicas';

const byName = (actions: readonly string[] | undefined) => [...(actions ?? [])].sort();

describe('the intent state machine, through the gateway', () => {
  const suite = useApiSuite();
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;

  /**
   * One fresh intent per (state, action) pair. A state's eight are brought there together on first
   * use, so a state the API cannot reach fails its own eight cases and no others.
   */
  const prepared = new Map<IntentStatus, Promise<Map<IntentAction, IntentView>>>();
  const freshIntent = async (status: IntentStatus, action: IntentAction): Promise<IntentView> => {
    if (!prepared.has(status)) {
      const actions = EVERY_PAIR.filter((pair) => pair.from === status).map((pair) => pair.action);
      prepared.set(
        status,
        Promise.all(
          actions.map(async (each) => [each, await lifecycle.intentIn(status, environment)] as const),
        ).then((entries) => new Map(entries)),
      );
    }
    return (await prepared.get(status)!).get(action)!;
  };

  beforeAll(async () => {
    // The real scheduling service would move every APPROVED intent on to SCHEDULED within
    // milliseconds; this suite needs intents that stay APPROVED, so it runs without it and
    // Lifecycle.schedule publishes schedule.created as that service would.
    await stopScheduling(suite);
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
  });

  test.each(EVERY_PAIR)('$from + $action', async ({ from, action, to }) => {
    const intent = await freshIntent(from, action);
    expect(intent.status).toBe(from);

    const response = await lifecycle.act(intent, action);

    if (to) {
      expect({ status: response.status, intentStatus: response.body?.status }).toEqual({
        status: 200,
        intentStatus: to,
      });
      expect(response.body).toMatchObject({ id: intent.id, version: expect.any(Number) });
      expect(response.body.version).toBeGreaterThan(intent.version);
      expect((await lifecycle.get(intent.id)).body).toMatchObject({
        status: to,
        version: response.body.version,
      });
    } else {
      expect(response.status).toBe(409);
      expect(response.contentType).toMatch(/^application\/problem\+json/);
      expect(response.body).toMatchObject({
        status: 409,
        type: expect.any(String),
        title: expect.any(String),
      });
      expect(byName(response.body.allowedActions)).toEqual(byName(allowedActions(from)));
      expect((await lifecycle.get(intent.id)).body).toMatchObject({ status: from, version: intent.version });
    }
  });

  it('approves on submit by itself when the environment does not require approval, and records it as automatic', async () => {
    const standard = await lifecycle.createEnvironment({ requiresApproval: false });
    const draft = await lifecycle.fileIntent(standard);

    const submitted = await lifecycle.act(draft, 'submit');

    expect({ status: submitted.status, intentStatus: submitted.body?.status }).toEqual({
      status: 200,
      intentStatus: 'APPROVED',
    });
    const history = await suite.api.get<HistoryEntryView[]>(`/intents/${draft.id}/history`, {
      as: lifecycle.cast.requester,
    });
    expect(history.status).toBe(200);
    expect(
      history.body.map(({ action, fromStatus, toStatus }) => ({ action, fromStatus, toStatus })),
    ).toEqual([
      { action: 'created', fromStatus: null, toStatus: 'DRAFT' },
      { action: 'submit', fromStatus: 'DRAFT', toStatus: 'REQUESTED' },
      { action: 'auto-approve', fromStatus: 'REQUESTED', toStatus: 'APPROVED' },
    ]);
  });

  it.each(['reject', 'fail'] as const)('refuses %s without notes: 400 naming notes', async (action) => {
    const intent = await lifecycle.intentIn(action === 'reject' ? 'REQUESTED' : 'IN_PROGRESS', environment);

    const response = await suite.api.post(`/intents/${intent.id}/${action}`, {
      as: lifecycle.actorFor(action),
      body: { version: intent.version },
    });

    expect(response.status).toBe(400);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'notes' })]),
    );
    expect((await lifecycle.get(intent.id)).body.status).toBe(intent.status);
  });

  it.each(['APPROVED', 'SCHEDULED'] as const)(
    'sends an intent whose window is amended in %s back to REQUESTED',
    async (status) => {
      const intent = await lifecycle.intentIn(status, environment);
      const window = nextWindow();

      const response = await suite.api.patch<IntentView>(`/intents/${intent.id}`, {
        as: lifecycle.cast.requester,
        body: { version: intent.version, ...window },
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        status: 'REQUESTED',
        plannedStart: window.plannedStart,
        plannedEnd: window.plannedEnd,
      });
      expect(response.body.version).toBeGreaterThan(intent.version);
      const reapproved = await lifecycle.advance(response.body, 'approve');
      expect(reapproved.status).toBe('APPROVED');
    },
  );

  it('keeps an APPROVED intent approved when only its reason is amended', async () => {
    const intent = await lifecycle.intentIn('APPROVED', environment);

    const response = await suite.api.patch<IntentView>(`/intents/${intent.id}`, {
      as: lifecycle.cast.requester,
      body: { version: intent.version, reason: 'Same window, clearer reason' },
    });

    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ status: 'APPROVED', reason: 'Same window, clearer reason' });
  });

  it('refuses an action carrying a stale version with 409, and leaves the intent as it was', async () => {
    const draft = await lifecycle.fileIntent(environment);
    const amended = await suite.api.patch<IntentView>(`/intents/${draft.id}`, {
      as: lifecycle.cast.requester,
      body: { version: draft.version, reason: 'A second thought' },
    });
    expect(amended.status).toBe(200);

    const stale = await lifecycle.act(draft, 'submit');

    expect(stale.status).toBe(409);
    expect(stale.contentType).toMatch(/^application\/problem\+json/);
    const now = await lifecycle.get(draft.id);
    expect(now.body).toMatchObject({
      status: 'DRAFT',
      version: amended.body.version,
      reason: 'A second thought',
    });
  });
});
