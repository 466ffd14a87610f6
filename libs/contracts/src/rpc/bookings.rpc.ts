import { BookingPriority, BookingView } from '../model/booking-view';
import { Idempotent } from './idempotency';
import { Page, PageQuery } from './page';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/** Body of `POST /api/v1/bookings`. */
export interface CreateBookingPayload {
  environmentId: string;
  start: string;
  end: string;
  group: string;
  purpose: string;
  priority: BookingPriority;
}

export const bookingsCreateRpc = defineRpc<RpcRequest<CreateBookingPayload> & Idempotent, BookingView>()({
  pattern: 'conflicts.bookings.create',
  service: 'conflicts',
  description: 'Book an environment for one of your groups (admins: any group); publishes booking.created.',
});

export interface ListBookingsPayload extends PageQuery {
  environmentId?: string;
  group?: string;
  /** Bookings that end after this instant. */
  from?: string;
  /** Bookings that start before this instant. */
  to?: string;
  includeCancelled?: boolean;
}

export const bookingsListRpc = defineRpc<RpcRequest<ListBookingsPayload>, Page<BookingView>>()({
  pattern: 'conflicts.bookings.list',
  service: 'conflicts',
  description: 'Bookings, earliest start first.',
});

export const bookingsGetRpc = defineRpc<RpcRequest<{ bookingId: string }>, BookingView>()({
  pattern: 'conflicts.bookings.get',
  service: 'conflicts',
  description: 'Everyone: one booking by id, cancelled or not.',
});

export const bookingsCancelRpc = defineRpc<RpcRequest<{ bookingId: string }>, BookingView>()({
  pattern: 'conflicts.bookings.cancel',
  service: 'conflicts',
  description:
    'Cancel a booking (its creator, a member of its group, or an admin); publishes booking.cancelled.',
});
