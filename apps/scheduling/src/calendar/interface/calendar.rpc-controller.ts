import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MAX_WRITTEN_INTENTS, RpcReplyOf, RpcRequestOf, calendarEntriesRpc } from '@envrefresh/contracts';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { CalendarCatchUpService } from '../application/calendar-catch-up.service';
import { CalendarQuery } from '../application/calendar.query';
import { parseCalendarQuery } from '../domain/calendar-range';
import { timeCalendarQuery } from './calendar.metrics';
import { writtenIntentsOf } from './intent-versions';

/** `scheduling.calendar.entries`: the JSON calendar for the proven user, once it shows the intent writes named (ADR 0035). */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class CalendarRpcController {
  constructor(
    private readonly calendar: CalendarQuery,
    private readonly catchUp: CalendarCatchUpService,
  ) {}

  @MessagePattern(calendarEntriesRpc.pattern)
  entries(
    @Payload() request: RpcRequestOf<typeof calendarEntriesRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<RpcReplyOf<typeof calendarEntriesRpc>> {
    return timeCalendarQuery('json', async () => {
      const filter = parseCalendarQuery(request?.payload);
      // Before the generation is read, so that what it takes in makes the answer a changed one.
      await this.catchUp.showWrittenIntents(writtenIntentsOf(request?.writtenIntents, MAX_WRITTEN_INTENTS));
      const generation = await this.calendar.generation();
      if (generation === request?.knownGeneration) return { generation, unchanged: true };
      return { generation, items: await this.calendar.entries(user, filter) };
    });
  }
}
