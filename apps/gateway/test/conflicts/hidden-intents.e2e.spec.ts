import {
  ConflictCheckView,
  ConflictView,
  EnvironmentView,
  FreezeView,
  IntentView,
} from '@envrefresh/contracts';
import { eventually } from '@envrefresh/testing';
import { useApiSuite } from '../api/support/api-suite';
import { OWNER_GROUP } from '../api/support/lifecycle';
import { persona } from '../api/support/personas';
import { ConflictCalendar } from './support/calendar';
import { eventuallyTheConflict, hours, instant, knownEnvironment } from './support/recompute-scenes';

const DAY = '2032-09-14';

/**
 * The finding of issue 9: reqB's REQUESTED FULL_COPY refresh, which reqA may not see (404), showed
 * up with its id, status, type and requester in reqA's dry runs, freeze answers, conflict
 * explanations and refresh history. It must be "another refresh" with its window, nothing more.
 */
describe('what a caller may not see does not leak through checks, freeze, conflicts and history', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;
  const reqA = persona('req-a', ['requester'], ['team-a']);
  const reqB = persona('req-b', ['requester'], ['team-b']);
  const ownerApprover = persona('olga-owner', ['approver'], [OWNER_GROUP]);
  let environment: EnvironmentView;
  let hidden: IntentView;

  /** Everything that would name reqB's intent to someone who may not see it. */
  function expectNothingNamingTheHiddenIntent(answer: unknown): void {
    const text = JSON.stringify(answer);
    for (const giveaway of [hidden.id, reqB.sub, 'FULL_COPY', 'REQUESTED'])
      expect({ giveaway, found: text.includes(giveaway) }).toEqual({ giveaway, found: false });
  }

  beforeAll(async () => {
    calendar = new ConflictCalendar(suite);
    environment = await knownEnvironment(calendar);
    hidden = await calendar.lifecycle.fileIntent(
      environment,
      { refreshType: 'FULL_COPY', submit: true, ...windowOf(hours(DAY, 20, 23)) },
      reqB,
    );
    expect((await suite.api.get(`/intents/${hidden.id}`, { as: reqA })).status).toBe(404);
  });

  const windowOf = (span: { start: string; end: string }) => ({
    plannedStart: span.start,
    plannedEnd: span.end,
  });

  it('POST /conflicts/check names it only as another refresh with its window', async () => {
    const check = await eventually(
      async () => {
        const answer = await calendar.check(environment, hours(DAY, 21, 22));
        expect(answer.conflicts.map((conflict) => conflict.type)).toContain('INTENT_OVERLAP');
        return answer;
      },
      { timeoutMs: 10_000, intervalMs: 100 },
    );
    const response = await calendar.checkResponse(
      { environmentId: environment.id, ...windowOf(hours(DAY, 21, 22)) },
      reqA,
    );
    const seenByA = response.body as ConflictCheckView;
    const overlap = seenByA.conflicts.find((conflict) => conflict.type === 'INTENT_OVERLAP')!;

    expect(overlap).toMatchObject({
      severity: 'WARNING',
      relatedRef: { kind: 'INTENT' },
      window: { start: instant(DAY, 21), end: instant(DAY, 22) },
    });
    expect(overlap.relatedRef).not.toHaveProperty('id');
    expect(overlap.explanation).toContain('another refresh from 2032-09-14 20:00 to 23:00 UTC');
    expectNothingNamingTheHiddenIntent(seenByA);
    // The cast's requester, of yet another team, reads it as discreetly; reqB, who may see it, in full.
    expectNothingNamingTheHiddenIntent(check);
    const seenByB = (
      await calendar.checkResponse({ environmentId: environment.id, ...windowOf(hours(DAY, 21, 22)) }, reqB)
    ).body as ConflictCheckView;
    expect(seenByB.conflicts.find((conflict) => conflict.type === 'INTENT_OVERLAP')).toMatchObject({
      relatedRef: { kind: 'INTENT', id: hidden.id },
      explanation: expect.stringContaining(`REQUESTED FULL_COPY refresh by ${reqB.sub}`),
    });
  });

  it('GET /freeze gives the reason without naming it', async () => {
    const response = await suite.api.get<FreezeView>('/freeze', {
      as: reqA,
      query: { environmentId: environment.id, at: instant(DAY, 21) },
    });
    expect(response.status).toBe(200);
    const reason = response.body.reasons.find((candidate) => candidate.type === 'INTENT_OVERLAP');
    expect(reason).toMatchObject({ relatedRef: { kind: 'INTENT' } });
    expect(reason!.explanation).toContain('another refresh');
    expectNothingNamingTheHiddenIntent(response.body);

    const asOwner = await suite.api.get<FreezeView>('/freeze', {
      as: ownerApprover,
      query: { environmentId: environment.id, at: instant(DAY, 21) },
    });
    expect(asOwner.body.reasons.find((candidate) => candidate.type === 'INTENT_OVERLAP')).toMatchObject({
      relatedRef: { id: hidden.id },
    });
  });

  describe("reqA's own intent overlapping it", () => {
    let mine: IntentView;
    let stored: ConflictView;

    beforeAll(async () => {
      mine = await calendar.lifecycle.fileIntent(
        environment,
        { submit: true, ...windowOf(hours(DAY, 22, 24)) },
        reqA,
      );
      stored = await eventuallyTheConflict(calendar, mine, { type: 'INTENT_OVERLAP', relatedId: hidden.id });
    });

    it('GET /intents/{id}/conflicts reports the conflict as another refresh, with its window', async () => {
      const conflicts = await calendar.conflictsOf(mine, reqA);
      const overlap = conflicts.find((conflict) => conflict.id === stored.id)!;
      expect(overlap).toMatchObject({
        type: 'INTENT_OVERLAP',
        intentId: mine.id,
        relatedRef: { kind: 'INTENT' },
        window: { start: instant(DAY, 22), end: instant(DAY, 23) },
      });
      expect(overlap.explanation).toContain('another refresh from 2032-09-14 20:00 to 23:00 UTC');
      expectNothingNamingTheHiddenIntent(conflicts);
    });

    it('GET /conflicts does the same, while the owner group reads it in full', async () => {
      const listed = await suite.api.get<{ items: ConflictView[] }>('/conflicts', {
        as: reqA,
        query: { intentId: mine.id },
      });
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((conflict) => conflict.id)).toContain(stored.id);
      expectNothingNamingTheHiddenIntent(listed.body);

      const asOwner = await calendar.conflictsOf(mine, ownerApprover);
      expect(asOwner.find((conflict) => conflict.id === stored.id)).toMatchObject({
        relatedRef: { kind: 'INTENT', id: hidden.id },
        explanation: expect.stringContaining(reqB.sub),
      });
    });
  });

  it('GET /environments/{id}/refresh-history lists a refresh reqA may not see only with its times', async () => {
    const lifecycle = calendar.lifecycle;
    // Notifying the cast's requester's team lets the lifecycle helper follow it; reqA stays outside.
    const notified = { refreshType: 'FULL_COPY', notificationGroups: lifecycle.cast.requester.groups };
    let done = await lifecycle.fileIntent(environment, notified, reqB);
    done = await lifecycle.advance(done, 'submit', { as: reqB });
    done = await lifecycle.advance(done, 'approve', { as: ownerApprover });
    done = await lifecycle.schedule(done);
    done = await lifecycle.advance(done, 'start');
    done = await lifecycle.advance(done, 'complete', { body: { rowsAffected: 42 } });

    const history = (who: typeof reqA) =>
      suite.api.get<{ items: Record<string, unknown>[] }>(`/environments/${environment.id}/refresh-history`, {
        as: who,
      });
    const seenByA = await history(reqA);
    expect(seenByA.status).toBe(200);
    expect(seenByA.body.items).toEqual([
      expect.objectContaining({
        hidden: true,
        environmentId: environment.id,
        completedAt: expect.any(String),
      }),
    ]);
    const text = JSON.stringify(seenByA.body);
    for (const giveaway of [done.id, reqB.sub, 'FULL_COPY', lifecycle.cast.operator.sub])
      expect({ giveaway, found: text.includes(giveaway) }).toEqual({ giveaway, found: false });
    expect(seenByA.body.items[0]).toMatchObject({ rowsAffected: null, logUrl: null });
    expect(seenByA.body.items[0]).not.toHaveProperty('completedBy');

    const seenByB = await history(reqB);
    expect(seenByB.body.items).toEqual([
      expect.objectContaining({ intentId: done.id, refreshType: 'FULL_COPY', rowsAffected: 42 }),
    ]);
    expect(seenByB.body.items[0]).not.toHaveProperty('hidden');
  });
});
