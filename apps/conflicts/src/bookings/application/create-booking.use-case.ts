import { ActingUser } from '@envrefresh/kernel';
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { BookingView, CreateBookingPayload, bookingCreatedEvent } from '@envrefresh/contracts';
import { EventFactory } from '@envrefresh/messaging';
import { IdempotentCommandRunner } from '@envrefresh/application';
import { Clock } from '@envrefresh/kernel';
import { WorldChangesService } from '../../conflict-register/application/world-changes.service';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';
import { Booking } from '../domain/booking';
import { unknownEnvironment } from '../domain/booking.errors';
import { assertMayBook, assertMayBookFor } from '../domain/booking-policy';
import { parseBookingRequest } from '../domain/booking-request.validation';
import { BOOKING_ENVIRONMENTS, BookingEnvironments } from './booking-environments.port';
import { BOOKING_REPOSITORY, BookingRepository } from './booking.repository.port';
import { toBookingView } from './booking-view.mapper';

export interface CreateBookingCommand {
  user: ActingUser;
  payload: CreateBookingPayload;
  idempotencyKey?: unknown;
}

/**
 * Books an environment for a group; the row, its idempotency key, `booking.created` and the
 * recomputation of the intents it touches commit together, so the next read sees its conflicts
 * (ADR 0014); the event, heard back, then changes nothing.
 */
@Injectable()
export class CreateBookingUseCase {
  constructor(
    private readonly runner: IdempotentCommandRunner,
    private readonly events: EventFactory,
    @Inject(BOOKING_REPOSITORY) private readonly bookings: BookingRepository,
    @Inject(BOOKING_ENVIRONMENTS) private readonly environments: BookingEnvironments,
    @Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp,
    private readonly changes: WorldChangesService,
    private readonly clock: Clock,
  ) {}

  async execute({ user, payload, idempotencyKey }: CreateBookingCommand): Promise<BookingView> {
    assertMayBook(user);
    const now = this.clock.now();
    const request = parseBookingRequest(payload, now);
    assertMayBookFor(user, request.group);
    await this.catchUp.environments([{ ref: request.environmentId }]);
    return this.runner.run(
      { actorSub: user.sub, idempotencyKey, operation: 'bookings.create', payload },
      async (transaction) => {
        const { manager } = transaction;
        if (!(await this.environments.exists(manager, request.environmentId))) {
          throw unknownEnvironment(request.environmentId);
        }
        const booking = Booking.create(request, { id: randomUUID(), createdBy: user, now });
        await this.bookings.insert(manager, booking);
        const view = toBookingView(booking.snapshot());
        await transaction.publish(this.events.create(bookingCreatedEvent, view));
        // The booking's own rows first, outside the lock: it is held only for the recomputation.
        await this.changes.takeTurnForRequest(transaction);
        await this.changes.bookingChanged(transaction, view);
        return view;
      },
    );
  }
}
