import { CreateAttempt, CreatedKind, TransitionAttempt } from '../invariants/facts';
import { FaultsTokens } from '../suite/faults-tokens';
import { ApiClient, isSuccess } from './api-client';

/** How long a create or transition keeps retrying "try again" before the flow gives it up. */
export const PATIENCE_MS = 40_000;

const MINUTE_MS = 60_000;

/**
 * Windows that never overlap on one environment: each environment hands out back-to-back
 * half-open slots from its own starting point, so no two intents (or bookings) of the load
 * conflict unless the harness means them to.
 */
export class SlotAllocator {
  private readonly nextFree = new Map<string, number>();

  constructor(
    private readonly firstStartMs: () => number,
    private readonly slotMs: number,
  ) {}

  next(environmentId: string): { start: string; end: string } {
    const start = Math.max(this.firstStartMs(), this.nextFree.get(environmentId) ?? 0);
    this.nextFree.set(environmentId, start + this.slotMs);
    return { start: new Date(start).toISOString(), end: new Date(start + this.slotMs).toISOString() };
  }
}

export interface WorldEnvironment {
  id: string;
  key: string;
}

/**
 * Environments lent to one lifecycle flow at a time. `start` re-checks conflicts from the moment
 * it is asked to the intent's end, so two lifecycles on one environment would block each other;
 * a flow that did not complete leaves its intent active, so its environment rests until that
 * intent's window has passed.
 */
export class EnvironmentLeases {
  private readonly freeAt = new Map<string, number>();

  constructor(private readonly environments: readonly WorldEnvironment[]) {}

  take(): WorldEnvironment | undefined {
    const now = Date.now();
    const free = this.environments.filter((environment) => (this.freeAt.get(environment.id) ?? 0) <= now);
    if (free.length === 0) return undefined;
    const environment = free[Math.floor(Math.random() * free.length)];
    this.freeAt.set(environment.id, Number.POSITIVE_INFINITY);
    return environment;
  }

  release(environment: WorldEnvironment, restUntilMs = 0): void {
    this.freeAt.set(environment.id, restUntilMs);
  }
}

/**
 * What the load made and tried, kept for the invariant checks: every create with its marker and
 * whether it was answered 2xx, every transition and whether it was.
 */
export class LoadWorld {
  readonly creates: CreateAttempt[] = [];
  readonly transitions: TransitionAttempt[] = [];
  /** Environments whose intents go through the whole lifecycle, one at a time each (see EnvironmentLeases). */
  lifecycleEnvironments: WorldEnvironment[] = [];
  lifecycleLeases = new EnvironmentLeases([]);
  /** Lifecycle flows not started because every lifecycle environment was busy. */
  lifecyclesWithoutEnvironment = 0;
  /** Environments whose intents are approved and left to the scheduler: their jobs fall due within a minute. */
  dueEnvironments: WorldEnvironment[] = [];
  bookingEnvironments: WorldEnvironment[] = [];
  /** The one environment blackout windows are scoped to, so they never block an approval. */
  blackoutEnvironment?: WorldEnvironment;
  /** Starts 25 s ahead: the 10 s reminder, the start and the overrun all fall due while the run lasts. */
  readonly dueSlots = new SlotAllocator(() => Date.now() + 25_000, 10_000);
  readonly bookingSlots = new SlotAllocator(() => Date.now() + 90 * 24 * 60 * MINUTE_MS, 60 * MINUTE_MS);
  readonly windowSlots = new SlotAllocator(() => Date.now() + 200 * 24 * 60 * MINUTE_MS, 60 * MINUTE_MS);
  private counter = 0;

  constructor(
    readonly runId: string,
    readonly client: ApiClient,
    readonly tokens: FaultsTokens,
    /** The webhook receiver's base URL, for subscription targets. */
    readonly receiverUrl: string,
  ) {}

  /** A value unique in the run that the load writes into what it creates, to find it in the owner's table. */
  marker(kind: CreatedKind, label: string = kind): string {
    this.counter += 1;
    return `faults-${this.runId}-${label}-${this.counter}`;
  }

  /** POST that creates, retried with one Idempotency-Key; records the attempt under its marker. */
  async create<T extends { id: string }>(
    kind: CreatedKind,
    marker: string,
    path: string,
    token: string,
    body: unknown,
  ): Promise<T | undefined> {
    const answer = await this.client.callRetrying<T>(
      'POST',
      path,
      token,
      { body, idempotencyKey: marker },
      PATIENCE_MS,
    );
    const answered2xx = isSuccess(answer.status);
    this.creates.push({ kind, marker, answered2xx });
    return answered2xx ? answer.body : undefined;
  }

  recordTransition(intentId: string, action: string, answered2xx: boolean): void {
    this.transitions.push({ intentId, action, answered2xx });
  }
}
