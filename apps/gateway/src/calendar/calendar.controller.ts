import { createHash } from 'node:crypto';
import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import { CALENDAR_MAX_RANGE_DAYS, CalendarEntryView, calendarEntriesRpc } from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ServiceClients } from '../services/service-clients';
import { WrittenIntents } from '../views/domain/written-intents';
import { CalendarCache, calendarAnswers } from './calendar-caches';
import { CALENDAR_ENTRY_EXAMPLE } from './calendar-schemas';
import { CalendarQueryDto } from './calendar.query.dto';

@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(
    private readonly services: ServiceClients,
    private readonly cache: CalendarCache,
    private readonly writtenIntents: WrittenIntents,
  ) {}

  @Get()
  @Endpoint({
    conditional: true,
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
  async entries(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: CalendarQueryDto,
  ): Promise<{ items: CalendarEntryView[] }> {
    return { items: await this.items(actor, query) };
  }

  /**
   * The entries: the ones answered before to the same caller and query when the scheduling
   * service, which checks the caller's proof every time, says the calendar is still at their
   * generation; else what it sends. Either way once it shows the intent writes answered lately
   * (ADR 0035).
   */
  private async items(
    actor: AuthenticatedActor,
    query: CalendarQueryDto,
    reuse = true,
  ): Promise<CalendarEntryView[]> {
    const key = askedBy(actor, query);
    const known = reuse ? this.cache.reusable(key, Date.now()) : undefined;
    const answer = await this.writtenIntents.naming(
      (named) =>
        this.services.call(calendarEntriesRpc, {
          actor,
          payload: { ...query },
          ...(known ? { knownGeneration: known.generation } : {}),
          ...named,
        }),
      Date.now(),
    );
    if (!('unchanged' in answer)) {
      const bytes = Buffer.byteLength(JSON.stringify(answer.items));
      this.cache.keep(key, { generation: answer.generation, value: answer.items }, bytes, Date.now());
      calendarAnswers.inc({ route: 'calendar', source: 'made' });
      return answer.items;
    }
    if (known && known.generation === answer.generation) {
      calendarAnswers.inc({ route: 'calendar', source: 'reused' });
      return known.value;
    }
    // Answered for entries no longer kept (a concurrent request replaced them): ask for them.
    return this.items(actor, query, false);
  }
}

/** Everything an answer depends on: the caller as far as visibility goes, and the query. */
function askedBy(actor: AuthenticatedActor, query: CalendarQueryDto): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        actor.sub,
        [...actor.roles].sort(),
        [...actor.groups].sort(),
        query.from,
        query.to,
        query.environmentId ?? null,
        query.tier ?? null,
      ]),
      'utf8',
    )
    .digest('base64url');
}
