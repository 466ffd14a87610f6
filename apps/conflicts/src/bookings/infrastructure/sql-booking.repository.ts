import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActorRef } from '@envrefresh/kernel';
import { BookingPageQuery, BookingRepository } from '../application/booking.repository.port';
import { Booking } from '../domain/booking';
import { BOOKING_CLAIM_COLUMNS, BookingClaimRow } from '../../shared/infrastructure/booking-rows';

/** The claim, with who made and cancelled it and when. */
interface BookingRow extends BookingClaimRow {
  created_by: ActorRef;
  created_at: Date;
  cancelled_by: ActorRef | null;
  cancelled_at: Date | null;
}

const BOOKINGS = 'conflicts.bookings';
const COLUMNS = `${BOOKING_CLAIM_COLUMNS}, created_by, created_at, cancelled_by, cancelled_at`;

@Injectable()
export class SqlBookingRepository implements BookingRepository {
  async insert(manager: EntityManager, booking: Booking): Promise<void> {
    const state = booking.snapshot();
    await manager.query(
      `INSERT INTO ${BOOKINGS} (id, environment_id, during, group_key, purpose, priority, created_by, created_at)
       VALUES ($1, $2, tstzrange($3, $4, '[)'), $5, $6, $7, $8, $9)`,
      [
        state.id,
        state.environmentId,
        state.start,
        state.end,
        state.group,
        state.purpose,
        state.priority,
        JSON.stringify(state.createdBy),
        state.createdAt,
      ],
    );
  }

  async saveCancellation(manager: EntityManager, booking: Booking): Promise<void> {
    const state = booking.snapshot();
    await manager.query(`UPDATE ${BOOKINGS} SET cancelled_by = $2, cancelled_at = $3 WHERE id = $1`, [
      state.id,
      JSON.stringify(state.cancelledBy ?? null),
      state.cancelledAt ?? null,
    ]);
  }

  async findById(
    manager: EntityManager,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Booking | null> {
    const rows: BookingRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${BOOKINGS} WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ? toDomain(rows[0]) : null;
  }

  async page(manager: EntityManager, query: BookingPageQuery): Promise<Booking[]> {
    // An absent bound of tstzrange is unbounded, so one overlap test serves from, to, both or neither.
    const rows: BookingRow[] = await manager.query(
      `SELECT ${COLUMNS} FROM ${BOOKINGS}
       WHERE ($1::uuid IS NULL OR environment_id = $1)
         AND ($2::text IS NULL OR group_key = $2)
         AND during && tstzrange($3::timestamptz, $4::timestamptz, '[)')
         AND ($5::boolean OR cancelled_at IS NULL)
         AND ($6::timestamptz IS NULL OR (lower(during), id) > ($6::timestamptz, $7::uuid))
       ORDER BY lower(during), id
       LIMIT $8`,
      [
        query.environmentId ?? null,
        query.group ?? null,
        query.from ?? null,
        query.to ?? null,
        query.includeCancelled,
        query.after?.start ?? null,
        query.after?.id ?? null,
        query.limit,
      ],
    );
    return rows.map(toDomain);
  }
}

function toDomain(row: BookingRow): Booking {
  return Booking.restore({
    id: row.id,
    environmentId: row.environment_id,
    start: row.start,
    end: row.end,
    group: row.group_key,
    purpose: row.purpose,
    priority: row.priority,
    createdBy: row.created_by,
    createdAt: row.created_at,
    ...(row.cancelled_by ? { cancelledBy: row.cancelled_by } : {}),
    ...(row.cancelled_at ? { cancelledAt: row.cancelled_at } : {}),
  });
}
