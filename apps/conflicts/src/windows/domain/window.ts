import { RecurringTiming, WindowKind, WindowTiming } from '@envrefresh/contracts';
import { ActorRef, actorRefOf } from '@envrefresh/kernel';
import { occurrenceReachOf } from '../../detection/domain';
import { Timing, WindowRequest } from './window-request.validation';
import { Scope } from './window-scope.validation';

/** From the first occurrence's start to the last one's end (null: the recurrence never ends). */
export interface Span {
  start: Date;
  end: Date | null;
}

export interface WindowState {
  id: string;
  kind: WindowKind;
  name: string;
  scope: Scope;
  timing: Timing;
  /** A bound on every occurrence, so overlap lookups need not expand recurrences they cannot touch. */
  span: Span;
  createdBy: ActorRef;
  createdAt: Date;
  /** Set once an admin deleted it: the row stays for the audit, and nothing counts it any more. */
  deleted?: { by: ActorRef; at: Date };
}

/**
 * A blackout or maintenance window: one-off, or recurring in its own timezone. It is never
 * changed, only created and deleted (kept, marked deleted), so conflicts it caused are recomputed
 * on exactly those two.
 */
export class Window {
  private constructor(private readonly state: WindowState) {}

  static create(request: WindowRequest, context: { id: string; createdBy: ActorRef; now: Date }): Window {
    return new Window({
      id: context.id,
      kind: request.kind,
      name: request.name,
      scope: {
        environmentIds: [...new Set(request.scope.environmentIds)],
        tiers: [...new Set(request.scope.tiers)],
      },
      timing: request.timing,
      span: occurrenceReachOf(contractTimingOf(request.timing)),
      createdBy: actorRefOf(context.createdBy),
      createdAt: context.now,
    });
  }

  static restore(state: WindowState): Window {
    return new Window({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  snapshot(): WindowState {
    return {
      ...this.state,
      scope: { environmentIds: [...this.state.scope.environmentIds], tiers: [...this.state.scope.tiers] },
    };
  }
}

/** The timing as the API and the recurrence expander write it: instants as ISO-8601 UTC. */
export function contractTimingOf(timing: Timing): WindowTiming {
  if (timing.form === 'one-off') return { start: timing.start.toISOString(), end: timing.end.toISOString() };
  const recurring: RecurringTiming = {
    rrule: timing.rrule,
    duration: timing.duration,
    timezone: timing.timezone,
    startsAt: timing.startsAt.toISOString(),
  };
  if (timing.until) recurring.until = timing.until.toISOString();
  return recurring;
}
