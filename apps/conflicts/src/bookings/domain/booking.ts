import { BookingPriority } from '@envrefresh/contracts';
import { ActorRef, actorRefOf } from '@envrefresh/kernel';
import { bookingAlreadyCancelled } from './booking.errors';
import { BookingRequest } from './booking-request.validation';

export interface BookingState {
  id: string;
  environmentId: string;
  /** Half-open `[start, end)`: back-to-back bookings do not overlap. */
  start: Date;
  end: Date;
  group: string;
  purpose: string;
  priority: BookingPriority;
  createdBy: ActorRef;
  createdAt: Date;
  cancelledBy?: ActorRef;
  cancelledAt?: Date;
}

/** A group's claim on an environment for a while. It is never deleted, only cancelled, so history stays readable. */
export class Booking {
  private constructor(private state: BookingState) {}

  static create(request: BookingRequest, context: { id: string; createdBy: ActorRef; now: Date }): Booking {
    return new Booking({
      id: context.id,
      ...request,
      createdBy: actorRefOf(context.createdBy),
      createdAt: context.now,
    });
  }

  static restore(state: BookingState): Booking {
    return new Booking({ ...state });
  }

  get id(): string {
    return this.state.id;
  }

  get group(): string {
    return this.state.group;
  }

  get createdBySub(): string {
    return this.state.createdBy.sub;
  }

  get isCancelled(): boolean {
    return this.state.cancelledAt !== undefined;
  }

  /** Cancelling is final; a second cancel is a conflict (BOOKING.ALREADY_CANCELLED), not a silent success. */
  cancel(by: ActorRef, now: Date): void {
    if (this.state.cancelledAt) throw bookingAlreadyCancelled(this.state.id, this.state.cancelledAt);
    this.state = { ...this.state, cancelledBy: actorRefOf(by), cancelledAt: now };
  }

  snapshot(): BookingState {
    return { ...this.state };
  }
}
