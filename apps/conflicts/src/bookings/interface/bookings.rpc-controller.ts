import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  BookingView,
  Page,
  RpcRequestOf,
  bookingsCancelRpc,
  bookingsCreateRpc,
  bookingsGetRpc,
  bookingsListRpc,
} from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { BookingQueries } from '../application/booking-queries.service';
import { CancelBookingUseCase } from '../application/cancel-booking.use-case';
import { CreateBookingUseCase } from '../application/create-booking.use-case';

/** `conflicts.bookings.*`: the gateway checks roles first; the use cases re-check them with the group rules. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class BookingsRpcController {
  constructor(
    private readonly createBooking: CreateBookingUseCase,
    private readonly cancelBooking: CancelBookingUseCase,
    private readonly queries: BookingQueries,
  ) {}

  @MessagePattern(bookingsCreateRpc.pattern)
  create(
    @Payload() request: RpcRequestOf<typeof bookingsCreateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<BookingView> {
    return this.createBooking.execute({
      user,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(bookingsListRpc.pattern)
  list(
    @Payload() request: RpcRequestOf<typeof bookingsListRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<Page<BookingView>> {
    return this.queries.list(user, request?.payload ?? {});
  }

  @MessagePattern(bookingsGetRpc.pattern)
  get(
    @Payload() request: RpcRequestOf<typeof bookingsGetRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<BookingView> {
    return this.queries.get(user, request?.payload?.bookingId);
  }

  @MessagePattern(bookingsCancelRpc.pattern)
  cancel(
    @Payload() request: RpcRequestOf<typeof bookingsCancelRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<BookingView> {
    return this.cancelBooking.execute({ user, bookingId: request?.payload?.bookingId });
  }
}
