import { Inject, Injectable } from '@nestjs/common';
import { BookingView, bookingCancelledEvent } from '@envrefresh/contracts';
import { EventFactory, UnitOfWork } from '@envrefresh/messaging';
import { Clock, isUuid, ActingUser } from '@envrefresh/kernel';
import { bookingNotFound } from '../domain/booking.errors';
import { assertMayCancel } from '../domain/booking-policy';
import { BOOKING_REPOSITORY, BookingRepository } from './booking.repository.port';
import { WorldChangesService } from '../../conflict-register/application/world-changes.service';
import { toBookingView } from './booking-view.mapper';

export interface CancelBookingCommand {
  user: ActingUser;
  bookingId: unknown;
}

/**
 * Cancels a booking under a row lock, so of two concurrent cancels one succeeds and the other
 * learns BOOKING.ALREADY_CANCELLED; the change and `booking.cancelled` commit together.
 */
@Injectable()
export class CancelBookingUseCase {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly events: EventFactory,
    @Inject(BOOKING_REPOSITORY) private readonly bookings: BookingRepository,
    private readonly changes: WorldChangesService,
    private readonly clock: Clock,
  ) {}

  async execute({ user, bookingId }: CancelBookingCommand): Promise<BookingView> {
    return this.unitOfWork.run(async (transaction) => {
      const { manager } = transaction;
      const booking = isUuid(bookingId)
        ? await this.bookings.findById(manager, bookingId.toLowerCase(), { forUpdate: true })
        : null;
      if (!booking) throw bookingNotFound(bookingId);
      assertMayCancel(user, booking);
      booking.cancel(user, this.clock.now());
      await this.bookings.saveCancellation(manager, booking);
      const view = toBookingView(booking.snapshot());
      await transaction.publish(this.events.create(bookingCancelledEvent, view));
      // Read your writes (ADR 0014): the conflicts it caused are resolved in this transaction,
      // after the booking's own rows, so the lock is held only for the recomputation.
      await this.changes.takeTurnForRequest(transaction);
      await this.changes.bookingChanged(transaction, view);
      return view;
    });
  }
}
