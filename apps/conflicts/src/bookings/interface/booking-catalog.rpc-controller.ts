import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcReplyOf, RpcRequestOf, catalogBookingsRpc } from '@envrefresh/contracts';
import { WithoutUserProof, domainProblem } from '@envrefresh/application';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { BookingQueries } from '../application/booking-queries.service';

/** `conflicts.catalog.bookings`: the calendar asks for bookings it has not heard of yet (ADR 0014). */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class BookingCatalogRpcController {
  constructor(private readonly queries: BookingQueries) {}

  @MessagePattern(catalogBookingsRpc.pattern)
  // Asked by another service for its projection, for no user: bookings are on the broker for every consumer.
  @WithoutUserProof()
  bookings(
    @Payload() request: RpcRequestOf<typeof catalogBookingsRpc>,
  ): Promise<RpcReplyOf<typeof catalogBookingsRpc>> {
    return this.queries.byIds(request?.payload?.ids);
  }
}
