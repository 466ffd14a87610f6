import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import { CALENDAR_MAX_RANGE_DAYS, CalendarEntryView, calendarEntriesRpc } from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ServiceClients } from '../services/service-clients';
import { CALENDAR_ENTRY_EXAMPLE } from './calendar-schemas';
import { CalendarQueryDto } from './calendar.query.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly services: ServiceClients) {}

  @Get()
  @Endpoint({
    summary: 'The calendar: refreshes, bookings and window occurrences in a range',
    description: `Entries overlapping \`[from, to)\` (at most ${CALENDAR_MAX_RANGE_DAYS} days; 400 naming the field otherwise), earliest first. Refreshes follow the row-level rule (yours, your groups' environments, or naming one of your groups; admins all); drafts are left out. Recurring windows are expanded in their own timezone, so a 22:00–06:00 Europe/Berlin blackout stays at 22:00 local across daylight-saving changes. A window covering several environments (a tier, or everything) appears once with \`environmentId\` null, unless \`environmentId\` is given: then every window covering that environment appears under its id. A range that would expand more than the request's share of window occurrences is 422 with the reason.`,
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'CalendarView',
      description: 'The entries, earliest start first',
      example: { items: [CALENDAR_ENTRY_EXAMPLE] },
    },
    problems: [400, 422],
  })
  entries(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: CalendarQueryDto,
  ): Promise<{ items: CalendarEntryView[] }> {
    return this.services.call(calendarEntriesRpc, { actor, payload: { ...query } });
  }
}
