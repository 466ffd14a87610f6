import { Inject, Injectable } from '@nestjs/common';
import { BookingView, EnvironmentView, IntentView, WindowView } from '@envrefresh/contracts';
import { TransactionContext } from '@envrefresh/messaging';
import { occurrenceReachOf } from '@envrefresh/recurrence';
import { TrackEnvironmentUseCase } from '../../world/application/track-environment.use-case';
import { TrackIntentUseCase } from '../../world/application/track-intent.use-case';
import { WORLD_REPOSITORY, WorldRepository } from '../../world/application/world.repository.port';
import { IntentWindow } from '../../world/domain/intent-window';
import { AFFECTED_INTENTS, AffectedIntents } from './affected-intents.port';
import { CONFLICT_REGISTER, ConflictRegister } from './conflict-register.port';
import { RECOMPUTATION_LOCK, RecomputationLock } from './recomputation-lock.port';
import { RecomputeConflictsService } from './recompute-conflicts.service';

/**
 * SPEC: "Conflicts are recomputed whenever anything they depend on changes". Each change names the
 * intents it can touch: those with a live conflict caused by the changed thing (so a cause that
 * went away is resolved) and the active intents around where and when it happened (so a new
 * cause is found); only those are recomputed.
 */
@Injectable()
export class WorldChangesService {
  constructor(
    private readonly trackIntent: TrackIntentUseCase,
    private readonly trackEnvironment: TrackEnvironmentUseCase,
    private readonly recomputer: RecomputeConflictsService,
    @Inject(WORLD_REPOSITORY) private readonly world: WorldRepository,
    @Inject(CONFLICT_REGISTER) private readonly register: ConflictRegister,
    @Inject(AFFECTED_INTENTS) private readonly affected: AffectedIntents,
    @Inject(RECOMPUTATION_LOCK) private readonly lock: RecomputationLock,
  ) {}

  /**
   * A request somebody waits on (a booking, a window) is about to change the world: before the
   * first thing in its transaction that needs the lock (a window's world revision, a booking's
   * recomputation), it takes its turn, waiting no longer than a request may
   * (RECOMPUTATION_LOCK_WAIT; then 503 with Retry-After). What it does next waits no more.
   */
  async takeTurnForRequest(transaction: TransactionContext): Promise<void> {
    await this.lock.acquireForRequest(transaction.manager);
  }

  /** An intent was filed, amended, moved along its lifecycle or ended. */
  async intentChanged(transaction: TransactionContext, intent: IntentView): Promise<void> {
    const { manager } = transaction;
    // A version already taken in (the approval gate takes an intent in before its event comes)
    // would change nothing: no turn at the lock, which every replica and request queues on.
    // Versions only grow and the one held was committed under the lock, so this read is enough.
    const held = (await this.world.intentVersions(manager, [intent.id])).get(intent.id);
    if (held !== undefined && held >= intent.version) return;
    await this.lock.acquire(manager);
    const change = await this.trackIntent.execute(manager, intent);
    if (!change.changed) return;
    const firstHeld = change.previous === null;
    // An intent this service did not hold yet is no other intent's cause either.
    const referencing = firstHeld ? [] : await this.register.intentsReferencing(manager, intent.id);
    const touched = new Set([intent.id, ...referencing]);
    for (const where of [change.previous, change.current]) {
      if (!where) continue;
      for (const id of await this.affected.around(manager, aroundIntent(where))) touched.add(id);
    }
    await this.recomputer.recompute(transaction, touched, { window: change.current, firstHeld });
  }

  /** An environment was added or changed: its dependencies, tier or maintenance windows may differ. */
  async environmentChanged(transaction: TransactionContext, environment: EnvironmentView): Promise<void> {
    const { manager } = transaction;
    await this.lock.acquire(manager);
    // The walk before the change reaches what the old graph connected; the one after, the new.
    const before = await this.affected.around(manager, { environmentIds: [environment.id] });
    const change = await this.trackEnvironment.execute(manager, environment);
    if (!change.changed) return;
    const after = await this.affected.around(manager, { environmentIds: [environment.id] });
    const referencing = await this.register.intentsReferencing(manager, environment.id);
    await this.recomputer.recompute(transaction, [...before, ...after, ...referencing]);
  }

  /** A booking was made or cancelled. */
  async bookingChanged(transaction: TransactionContext, booking: BookingView): Promise<void> {
    const { manager } = transaction;
    await this.lock.acquire(manager);
    const span = { start: new Date(booking.start), end: new Date(booking.end) };
    const around = await this.affected.around(manager, { environmentIds: [booking.environmentId], span });
    const referencing = await this.register.intentsReferencing(manager, booking.id);
    await this.recomputer.recompute(transaction, [...around, ...referencing]);
  }

  /** A blackout or maintenance window was added or deleted. */
  async windowChanged(transaction: TransactionContext, window: WindowView): Promise<void> {
    const { manager } = transaction;
    await this.lock.acquire(manager);
    const environmentIds = window.scope?.environmentIds ?? [];
    const tiers = window.scope?.tiers ?? [];
    const around = await this.affected.around(manager, {
      environmentIds,
      tiers,
      everywhere: environmentIds.length === 0 && tiers.length === 0,
      span: occurrenceReachOf(window),
    });
    const referencing = await this.register.intentsReferencing(manager, window.id);
    await this.recomputer.recompute(transaction, [...around, ...referencing]);
  }
}

function aroundIntent(intent: IntentWindow) {
  return {
    environmentIds: [intent.environmentId],
    span: { start: intent.start, end: intent.end },
    ...(intent.source ? { source: intent.source } : {}),
  };
}
