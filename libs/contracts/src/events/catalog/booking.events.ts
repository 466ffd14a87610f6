import { BookingView, bookingViewSchema } from '../../model/booking-view';
import { defineEvent } from '../event-definition';

const exampleBooking: BookingView = {
  id: '3c2b1a09-8f7e-4d6c-9b4a-392817160504',
  environmentId: '5f1e8c2a-0b7d-4c1e-8e3a-6d2b9f4a7c30',
  start: '2025-03-01T20:00:00Z',
  end: '2025-03-01T23:00:00Z',
  group: 'payments',
  purpose: 'Release 4.2 regression testing',
  priority: 'HIGH',
  createdBy: { sub: 'carol', email: 'carol@example.com' },
  createdAt: '2025-02-18T14:00:00Z',
};

export const bookingCreatedEvent = defineEvent<BookingView>()({
  type: 'booking.created',
  version: 1,
  source: 'conflicts',
  description: 'A group booked an environment for a time window.',
  dataSchema: bookingViewSchema,
  example: exampleBooking,
});

export const bookingCancelledEvent = defineEvent<BookingView>()({
  type: 'booking.cancelled',
  version: 1,
  source: 'conflicts',
  description: 'A booking was cancelled; conflicts it caused are recomputed.',
  dataSchema: bookingViewSchema,
  example: { ...exampleBooking, cancelledBy: { sub: 'carol' }, cancelledAt: '2025-02-25T11:00:00Z' },
});
