import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  BookingView,
  Page,
  bookingsCancelRpc,
  bookingsCreateRpc,
  bookingsGetRpc,
  bookingsListRpc,
} from '@envrefresh/contracts';
import { CalendarProjection } from '../calendar/calendar-projection';
import { CurrentActor } from '../auth/current-actor.decorator';
import { setLocation } from '../http/created-at';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { BookingIdPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { BOOKING_EXAMPLE, CANCELLED_BOOKING_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import { CreateBookingRequestDto } from './create-booking.request.dto';
import { ListBookingsQueryDto } from './list-bookings.query.dto';

@ApiTags('bookings')
@Controller('bookings')
export class BookingsController {
  constructor(
    private readonly services: ServiceClients,
    private readonly calendar: CalendarProjection,
  ) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Book an environment for one of your groups',
    description:
      'Tells everyone the environment is in use: refreshes overlapping a HIGH or CRITICAL booking are BLOCKING conflicts, LOW or MEDIUM ones a WARNING. `group` must be one of your groups (admins may book for any group, 403 otherwise). Conflicts of existing intents are recomputed. Publishes `booking.created`.',
    roles: ['requester'],
    success: {
      status: 201,
      schema: 'BookingView',
      description: 'The booking as created',
      example: BOOKING_EXAMPLE,
    },
    problems: [400, 404, 413, 422],
    idempotencyKey: true,
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateBookingRequestDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<BookingView> {
    const booking = await this.services.call(bookingsCreateRpc, {
      actor,
      payload: { ...body },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    await this.calendar.caughtUpWith(actor, { bookings: [booking.id] });
    setLocation(reply, `bookings/${booking.id}`);
    return booking;
  }

  @Get()
  @Endpoint({
    conditional: true,
    summary: 'List bookings, earliest start first',
    description: 'Cancelled bookings are left out unless `includeCancelled=true`.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'BookingPage',
      description: 'One page of bookings',
      example: { items: [BOOKING_EXAMPLE], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListBookingsQueryDto,
  ): Promise<Page<BookingView>> {
    return this.services.call(bookingsListRpc, { actor, payload: { ...query } });
  }

  @Get(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Booking id' })
  @Endpoint({
    summary: 'Read one booking',
    description:
      'Where `Location` of a created booking points. A cancelled booking stays readable, with `cancelledAt` and `cancelledBy`.',
    roles: ['viewer'],
    success: { status: 200, schema: 'BookingView', description: 'The booking', example: BOOKING_EXAMPLE },
    problems: [404],
  })
  get(
    @Param('id', BookingIdPipe) bookingId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<BookingView> {
    return this.services.call(bookingsGetRpc, { actor, payload: { bookingId } });
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Booking id' })
  @Endpoint({
    summary: 'Cancel a booking',
    description:
      'Its creator, a member of its group, or an admin may cancel it (403 otherwise). The booking is kept as cancelled and the conflicts it caused are resolved. Publishes `booking.cancelled`.',
    roles: ['requester'],
    success: {
      status: 200,
      schema: 'BookingView',
      description: 'The booking, now cancelled',
      example: CANCELLED_BOOKING_EXAMPLE,
    },
    problems: [404, 409],
  })
  async cancel(
    @Param('id', BookingIdPipe) bookingId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<BookingView> {
    const booking = await this.services.call(bookingsCancelRpc, { actor, payload: { bookingId } });
    await this.calendar.caughtUpWith(actor, { bookings: [booking.id] });
    return booking;
  }
}
