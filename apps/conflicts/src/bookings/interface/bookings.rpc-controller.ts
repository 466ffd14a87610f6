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
import { domainProblem } from '@envrefresh/application';
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
  create(@Payload() request: RpcRequestOf<typeof bookingsCreateRpc>): Promise<BookingView> {
    return this.createBooking.execute({
      actor: request?.actor,
      payload: request?.payload,
      idempotencyKey: request?.idempotencyKey,
    });
  }

  @MessagePattern(bookingsListRpc.pattern)
  list(@Payload() request: RpcRequestOf<typeof bookingsListRpc>): Promise<Page<BookingView>> {
    return this.queries.list(request?.actor, request?.payload ?? {});
  }

  @MessagePattern(bookingsGetRpc.pattern)
  get(@Payload() request: RpcRequestOf<typeof bookingsGetRpc>): Promise<BookingView> {
    return this.queries.get(request?.actor, request?.payload?.bookingId);
  }

  @MessagePattern(bookingsCancelRpc.pattern)
  cancel(@Payload() request: RpcRequestOf<typeof bookingsCancelRpc>): Promise<BookingView> {
    return this.cancelBooking.execute({ actor: request?.actor, bookingId: request?.payload?.bookingId });
  }
}
