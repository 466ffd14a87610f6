import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcReplyOf, RpcRequestOf, calendarEntriesRpc } from '@envrefresh/contracts';
import { ProvenUser, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { CalendarQuery } from '../application/calendar.query';
import { parseCalendarQuery } from '../domain/calendar-range';
import { timeCalendarQuery } from './calendar.metrics';

/** `scheduling.calendar.entries`: the JSON calendar for the proven user. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class CalendarRpcController {
  constructor(private readonly calendar: CalendarQuery) {}

  @MessagePattern(calendarEntriesRpc.pattern)
  entries(
    @Payload() request: RpcRequestOf<typeof calendarEntriesRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<RpcReplyOf<typeof calendarEntriesRpc>> {
    return timeCalendarQuery('json', async () => {
      const filter = parseCalendarQuery(request?.payload);
      const generation = await this.calendar.generation();
      if (generation === request?.knownGeneration) return { generation, unchanged: true };
      return { generation, items: await this.calendar.entries(user, filter) };
    });
  }
}
