import type { EntityManager } from 'typeorm';
import { Booking } from '../domain/booking';

export interface BookingPageQuery {
  limit: number;
  environmentId?: string;
  group?: string;
  /** Overlap with `[from, to)`: bookings that end after `from` and start before `to`. */
  from?: Date;
  to?: Date;
  includeCancelled: boolean;
  /** Earliest start first: only bookings strictly after this (start, id) position. */
  after?: { start: Date; id: string };
}

/** Bookings in the conflicts schema; writes always happen inside the caller's transaction. */
export interface BookingRepository {
  insert(manager: EntityManager, booking: Booking): Promise<void>;
  /** Records the cancellation of a booking loaded with `forUpdate`. */
  saveCancellation(manager: EntityManager, booking: Booking): Promise<void>;
  /** `forUpdate` locks the row until the transaction ends, so two cancels of one booking serialize. */
  findById(manager: EntityManager, id: string, options?: { forUpdate?: boolean }): Promise<Booking | null>;
  page(manager: EntityManager, query: BookingPageQuery): Promise<Booking[]>;
}

export const BOOKING_REPOSITORY = Symbol('BookingRepository');
