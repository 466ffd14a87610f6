import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BookingView, ListBookingsPayload, Page } from '@envrefresh/contracts';
import { assertValidQuery, decodeCursor, pageFrom, pageSize, readQueryFlag } from '@envrefresh/application';
import {
  Problems,
  ValidationError,
  isUuid,
  parseInstant,
  ActingUser,
  groupKeyOf,
  GROUP_KEY_RULE,
} from '@envrefresh/kernel';
import { bookingNotFound } from '../domain/booking.errors';
import { BOOKING_REPOSITORY, BookingRepository } from './booking.repository.port';
import { toBookingView } from './booking-view.mapper';

/** Every role may read bookings: knowing who holds an environment is what avoids clashes. */
@Injectable()
export class BookingQueries {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(BOOKING_REPOSITORY) private readonly bookings: BookingRepository,
  ) {}

  /**
   * Owner query (ADR 0014), for no user: the bookings with these ids that exist, as their events
   * carry them, for a projection that has not heard of them yet. At most 100 ids.
   */
  async byIds(ids: unknown): Promise<BookingView[]> {
    const wanted = Array.isArray(ids) ? ids : [];
    if (wanted.length === 0 || wanted.length > 100 || !wanted.every(isUuid))
      throw new ValidationError('REQUEST.INVALID', [{ field: 'ids', message: 'must list 1 to 100 UUIDs' }]);
    const found: BookingView[] = [];
    for (const id of new Set(wanted.map((each) => each.toLowerCase()))) {
      const booking = await this.bookings.findById(this.dataSource.manager, id);
      if (booking) found.push(toBookingView(booking.snapshot()));
    }
    return found;
  }

  /** A cancelled booking stays readable, with who cancelled it and when. */
  async get(user: ActingUser, bookingId: unknown): Promise<BookingView> {
    const booking = isUuid(bookingId)
      ? await this.bookings.findById(this.dataSource.manager, bookingId.toLowerCase())
      : null;
    if (!booking) throw bookingNotFound(bookingId);
    return toBookingView(booking.snapshot());
  }

  /** Earliest start first (then id); environment, group and window-overlap filters; opaque cursor. */
  async list(user: ActingUser, query: ListBookingsPayload = {}): Promise<Page<BookingView>> {
    const problems = new Problems();
    const fields = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
    const limit = pageSize(fields.limit, problems);
    const position = decodeCursor(fields.cursor, ['s', 'i'], problems);
    const after = position && { start: new Date(position.s), id: position.i };
    if (after && (Number.isNaN(after.start.getTime()) || !isUuid(after.id))) {
      problems.add('cursor', 'is not a cursor this list handed out; start again without it');
    }
    if (fields.environmentId !== undefined && !isUuid(fields.environmentId)) {
      problems.add('environmentId', 'must be the id (uuid) of an environment');
    }
    if (fields.group !== undefined && groupKeyOf(fields.group) === undefined)
      problems.add('group', `must be ${GROUP_KEY_RULE}`);
    const from = fields.from === undefined ? undefined : parseInstant(fields.from, 'from', problems);
    const to = fields.to === undefined ? undefined : parseInstant(fields.to, 'to', problems);
    if (from && to && to <= from) problems.add('to', 'must be after from');
    const includeCancelled = readQueryFlag(fields.includeCancelled, 'includeCancelled', problems);
    assertValidQuery(problems);

    const rows = await this.bookings.page(this.dataSource.manager, {
      limit: limit + 1,
      environmentId: (fields.environmentId as string | undefined)?.toLowerCase(),
      group: (fields.group as string | undefined)?.trim(),
      from,
      to,
      includeCancelled,
      after,
    });
    return pageFrom(
      rows,
      limit,
      (booking) => toBookingView(booking.snapshot()),
      (last) => ({ s: last.start, i: last.id }),
    );
  }
}
