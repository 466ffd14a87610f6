import { sleep } from '../own-services/own-process';
import { FAULTS_GROUP } from '../suite/faults-tokens';
import { isSuccess } from './api-client';
import { LoadWorld, PATIENCE_MS, WorldEnvironment } from './load-world';

interface IntentView {
  id: string;
  status: string;
  version: number;
}

/** Statuses an intent has reached once `action` took effect, to recognise an effect whose answer was lost. */
const REACHED_BY: Record<string, readonly string[]> = {
  approve: ['APPROVED', 'SCHEDULED', 'IN_PROGRESS', 'COMPLETED'],
  start: ['IN_PROGRESS', 'COMPLETED', 'FAILED', 'ROLLED_BACK'],
  complete: ['COMPLETED'],
};

/** How long a flow waits for the scheduler to move an approved intent to SCHEDULED (it may be stopped). */
const SCHEDULED_PATIENCE_MS = 90_000;

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)];
}

async function fileIntent(
  world: LoadWorld,
  environment: WorldEnvironment,
  window: { start: string; end: string },
) {
  const marker = world.marker('intent');
  return world.create<IntentView>('intent', marker, '/intents', world.tokens.requester, {
    environmentId: environment.id,
    refreshType: 'MASKED_COPY',
    plannedStart: window.start,
    plannedEnd: window.end,
    reason: `fault harness load ${marker}`,
    notificationGroups: [FAULTS_GROUP],
    externalRef: marker,
    submit: true,
  });
}

async function readIntent(world: LoadWorld, id: string, token: string): Promise<IntentView | undefined> {
  const answer = await world.client.callRetrying<IntentView>('GET', `/intents/${id}`, token, {}, PATIENCE_MS);
  return isSuccess(answer.status) ? answer.body : undefined;
}

/**
 * `action` on the intent at `version`, as a client does it: retried on "try again"; when a retry
 * is refused (409) because the first try did take effect, the intent read back says so.
 */
async function transition(
  world: LoadWorld,
  intent: IntentView,
  action: 'approve' | 'start' | 'complete',
  token: string,
  extra: Record<string, unknown> = {},
): Promise<IntentView | undefined> {
  const answer = await world.client.callRetrying<IntentView>(
    'POST',
    `/intents/${intent.id}/${action}`,
    token,
    { body: { version: intent.version, ...extra } },
    PATIENCE_MS,
  );
  const answered2xx = isSuccess(answer.status);
  world.recordTransition(intent.id, action, answered2xx);
  if (answered2xx) return answer.body;
  const now = await readIntent(world, intent.id, token);
  return now && REACHED_BY[action].includes(now.status) ? now : undefined;
}

async function waitUntilScheduled(world: LoadWorld, intent: IntentView): Promise<IntentView | undefined> {
  const deadline = Date.now() + SCHEDULED_PATIENCE_MS;
  while (Date.now() < deadline) {
    const now = await readIntent(world, intent.id, world.tokens.operator);
    if (now?.status === 'SCHEDULED') return now;
    if (now && now.status !== 'APPROVED') return undefined;
    await sleep(500);
  }
  return undefined;
}

/**
 * Planned two minutes ahead, inside the default START_EARLY_TOLERANCE (15 min), so the operator
 * may start it as soon as it is scheduled, and short, so a flow that fails frees its environment soon.
 */
const LIFECYCLE_LEAD_MS = 120_000;
const LIFECYCLE_LENGTH_MS = 60_000;
/** After its window, a stranded intent's environment rests a little longer: its overrun job and expiry run then. */
const STRANDED_REST_MS = 60_000;

/** File, approve, wait for the schedule, start and complete: the whole life of a refresh. */
export async function lifecycleFlow(world: LoadWorld): Promise<void> {
  const environment = world.lifecycleLeases.take();
  if (!environment) {
    world.lifecyclesWithoutEnvironment += 1;
    return;
  }
  const startMs = Date.now() + LIFECYCLE_LEAD_MS;
  const window = {
    start: new Date(startMs).toISOString(),
    end: new Date(startMs + LIFECYCLE_LENGTH_MS).toISOString(),
  };
  let completed = false;
  try {
    completed = await liveThrough(world, environment, window);
  } finally {
    world.lifecycleLeases.release(
      environment,
      completed ? 0 : startMs + LIFECYCLE_LENGTH_MS + STRANDED_REST_MS,
    );
  }
}

async function liveThrough(
  world: LoadWorld,
  environment: WorldEnvironment,
  window: { start: string; end: string },
): Promise<boolean> {
  const filed = await fileIntent(world, environment, window);
  if (!filed) return false;
  const approved = await transition(world, filed, 'approve', world.tokens.approver, {
    notes: 'fault harness',
  });
  if (!approved) return false;
  const scheduled = await waitUntilScheduled(world, approved);
  if (!scheduled) return false;
  await world.client.call('GET', `/schedules/${scheduled.id}`, world.tokens.operator);
  const started = await transition(world, scheduled, 'start', world.tokens.operator);
  if (!started) return false;
  const completed = await transition(world, started, 'complete', world.tokens.operator, {
    durationSeconds: 60,
    rowsAffected: 1000,
  });
  return completed !== undefined;
}

/** File and approve an intent that starts within the minute, then leave it: its jobs must fire once. */
export async function dueFlow(world: LoadWorld): Promise<void> {
  const environment = pick(world.dueEnvironments);
  const filed = await fileIntent(world, environment, world.dueSlots.next(environment.id));
  if (!filed) return;
  await transition(world, filed, 'approve', world.tokens.approver, {
    notes: 'fault harness, left to the scheduler',
  });
}

export async function bookingFlow(world: LoadWorld): Promise<void> {
  const environment = pick(world.bookingEnvironments);
  const window = world.bookingSlots.next(environment.id);
  const marker = world.marker('booking');
  await world.create('booking', marker, '/bookings', world.tokens.requester, {
    environmentId: environment.id,
    start: window.start,
    end: window.end,
    group: FAULTS_GROUP,
    purpose: marker,
    priority: 'LOW',
  });
}

export async function windowFlow(world: LoadWorld): Promise<void> {
  const environment = world.blackoutEnvironment!;
  const window = world.windowSlots.next(environment.id);
  const marker = world.marker('window');
  await world.create('window', marker, '/windows', world.tokens.admin, {
    kind: 'BLACKOUT',
    name: marker,
    scope: { environmentIds: [environment.id] },
    start: window.start,
    end: window.end,
  });
}

export async function environmentFlow(world: LoadWorld): Promise<void> {
  const marker = world.marker('environment');
  await world.create('environment', marker, '/environments', world.tokens.admin, environmentBody(marker));
}

export async function subscriptionFlow(world: LoadWorld): Promise<void> {
  const environment = pick([...world.lifecycleEnvironments, ...world.dueEnvironments]);
  const marker = world.marker('subscription');
  await world.create(
    'subscription',
    marker,
    '/subscriptions',
    world.tokens.admin,
    subscriptionBody(world, environment, marker),
  );
}

/** What people look at between changes: lists, a calendar, conflicts, the delivery log. */
export async function readFlow(world: LoadWorld): Promise<void> {
  const environment = pick(world.lifecycleEnvironments);
  const from = new Date().toISOString();
  const to = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
  const reads = [
    `/intents?environmentId=${environment.id}&limit=20`,
    `/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}&environmentId=${environment.id}`,
    `/bookings?environmentId=${pick(world.bookingEnvironments).id}`,
    `/deliveries?status=SENT`,
    `/environments/${environment.id}`,
  ];
  const token = Math.random() < 0.5 ? world.tokens.requester : world.tokens.admin;
  await world.client.call('GET', pick(reads), token);
}

export function environmentBody(key: string, overrides: Record<string, unknown> = {}) {
  return {
    key,
    name: `Fault harness ${key}`,
    tier: 'QA',
    ownerGroup: FAULTS_GROUP,
    requiresApproval: true,
    timezone: 'UTC',
    reminderLeadTimes: ['PT1H'],
    ...overrides,
  };
}

export function subscriptionBody(world: LoadWorld, environment: WorldEnvironment, marker: string) {
  return {
    channel: 'WEBHOOK',
    target: `${world.receiverUrl}/${environment.key}/${marker}`,
    filter: { environmentIds: [environment.id] },
  };
}

/** The mix a steady load draws from: weights are shares of the flows started. */
export const FLOW_MIX: readonly { name: string; weight: number; run: (world: LoadWorld) => Promise<void> }[] =
  [
    { name: 'lifecycle', weight: 35, run: lifecycleFlow },
    { name: 'due', weight: 10, run: dueFlow },
    { name: 'booking', weight: 15, run: bookingFlow },
    { name: 'read', weight: 30, run: readFlow },
    { name: 'window', weight: 5, run: windowFlow },
    { name: 'environment', weight: 3, run: environmentFlow },
    { name: 'subscription', weight: 2, run: subscriptionFlow },
  ];
