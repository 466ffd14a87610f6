import type { EntityManager } from 'typeorm';

/** The environments this service knows (its projection of the catalog), as bookings need them. */
export interface BookingEnvironments {
  exists(manager: EntityManager, environmentId: string): Promise<boolean>;
}

export const BOOKING_ENVIRONMENTS = Symbol('BookingEnvironments');
