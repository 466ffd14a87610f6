import { EnvironmentView, IntentView, ScheduleView } from '@envrefresh/contracts';
import { ProbeQueue, eventually } from '@envrefresh/testing';
import { ApiSuite } from '../../api/support/api-suite';
import { describe as describeResponse } from '../../api/support/api-client';
import { Lifecycle, expectStatus } from '../../api/support/lifecycle';

/** The members of a `schedule.*` envelope these specs read. */
export interface ScheduleEvent {
  id: string;
  type: string;
  data: {
    intentId: string;
    jobId?: string;
    kind?: string;
    leadTime?: string;
    dueAt?: string;
    firedAt?: string;
    lateBySeconds?: number;
    status?: string;
    intent?: IntentView;
    job?: { id: string; status: string; firedAt?: string };
  };
}

/** The `schedule.*` events the probe saw for one intent, in arrival order. */
export function scheduleEventsOf(probe: ProbeQueue, intentId: string): ScheduleEvent[] {
  return probe.messages
    .map((message) => message.json<ScheduleEvent>())
    .filter((event) => event.type.startsWith('schedule.') && event.data.intentId === intentId);
}

/** Waits until the probe saw `count` events of `type` for the intent; returns all of its schedule events. */
export function waitForScheduleEvents(
  probe: ProbeQueue,
  intentId: string,
  type: string,
  count: number,
  timeoutMs = 30_000,
): Promise<ScheduleEvent[]> {
  return eventually(
    () => {
      const events = scheduleEventsOf(probe, intentId);
      const seen = events.filter((event) => event.type === type).length;
      if (seen < count)
        throw new Error(
          `saw ${seen} of ${count} ${type} for ${intentId}: ${events.map((e) => e.type).join(', ')}`,
        );
      return events;
    },
    { timeoutMs, intervalMs: 100 },
  );
}

/** A window starting `startInS` seconds from now and lasting `lengthS` seconds. */
export function windowFromNow(
  startInS: number,
  lengthS: number,
): { plannedStart: string; plannedEnd: string } {
  const start = Date.now() + startInS * 1000;
  return {
    plannedStart: new Date(start).toISOString(),
    plannedEnd: new Date(start + lengthS * 1000).toISOString(),
  };
}

/** GET /schedules/{intentId} as the requester, which must answer 200. */
export async function scheduleOf(
  suite: ApiSuite,
  lifecycle: Lifecycle,
  intentId: string,
): Promise<ScheduleView> {
  const response = await suite.api.get<ScheduleView>(`/schedules/${intentId}`, {
    as: lifecycle.cast.requester,
  });
  expectStatus(response, 200, `GET /schedules/${intentId}`);
  return response.body;
}

/** Files an intent on `environment` in `window`, submitted and approved through the API. */
export async function approvedIntent(
  lifecycle: Lifecycle,
  environment: EnvironmentView,
  window: { plannedStart: string; plannedEnd: string },
  overrides: Record<string, unknown> = {},
): Promise<IntentView> {
  const requested = await lifecycle.fileIntent(environment, { ...window, ...overrides, submit: true });
  if (requested.status !== 'REQUESTED') throw new Error(`filed as ${requested.status}`);
  return lifecycle.advance(requested, 'approve');
}

export { describeResponse };
