import { Injectable, Logger } from '@nestjs/common';
import type { AuthenticatedActor } from '@envrefresh/auth';
import { CalendarCatchUpPayload, calendarCatchUpRpc } from '@envrefresh/contracts';
import { PROJECTION_CATCH_UP_WAIT_MS } from '../services/projection-catch-up';
import { ServiceClients } from '../services/service-clients';

/**
 * Read your writes for the calendar (ADR 0014): after a booking or window write answered 2xx, and
 * before the client hears it, the scheduling service takes the change in from its owner (it is
 * told ids, never the data), so the very next `GET /calendar` or feed shows it. Intent writes are
 * named to the calendar's next question instead (ADR 0035). If scheduling cannot be reached (or
 * answers later than PROJECTION_CATCH_UP_WAIT_MS) the write still stands (it is committed; a 5xx
 * would invite a retry of something done) and the calendar learns it from the event.
 */
@Injectable()
export class CalendarProjection {
  private readonly logger = new Logger(CalendarProjection.name);

  constructor(private readonly services: ServiceClients) {}

  async caughtUpWith(actor: AuthenticatedActor, changed: CalendarCatchUpPayload): Promise<void> {
    try {
      await this.services.callWithin(
        calendarCatchUpRpc,
        { actor, payload: changed },
        PROJECTION_CATCH_UP_WAIT_MS,
      );
    } catch (error) {
      this.logger.warn(
        `the calendar did not catch up with ${JSON.stringify(changed)}: ${(error as Error)?.message}`,
      );
    }
  }
}
