import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcReplyOf, RpcRequestOf, calendarCatchUpRpc } from '@envrefresh/contracts';
import { OWNER_QUERY_MAX_REFS, WithoutUserProof, domainProblem } from '@envrefresh/application';
import { Problems, isUuid } from '@envrefresh/kernel';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { CalendarCatchUpService } from '../application/calendar-catch-up.service';
import { intentVersionsAt, listAt } from './intent-versions';

/** Like the owner queries, at most this many refs of each kind per call. */
const MAX_REFS = OWNER_QUERY_MAX_REFS;

/**
 * `scheduling.calendar.catch-up`: the gateway, after a write, before it answers (ADR 0014). Only
 * ids and versions come in; what is stored comes from the owners, so a caller can make this
 * service ask, never make it believe.
 */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class CalendarCatchUpRpcController {
  constructor(private readonly catchUp: CalendarCatchUpService) {}

  @MessagePattern(calendarCatchUpRpc.pattern)
  // Asked by the gateway for this projection, for no user: only service broker users may publish to RPC queues.
  @WithoutUserProof()
  async catchUpWith(
    @Payload() request: RpcRequestOf<typeof calendarCatchUpRpc>,
  ): Promise<RpcReplyOf<typeof calendarCatchUpRpc>> {
    const payload = (request?.payload ?? {}) as Record<string, unknown>;
    const problems = new Problems();
    const environments = listAt(payload.environments, 'environments', MAX_REFS, problems).map(
      (item, index) => {
        if (!isUuid(item?.id)) problems.add(`environments[${index}].id`, 'must be a UUID');
        if (typeof item?.updatedAt !== 'string' || Number.isNaN(Date.parse(item.updatedAt)))
          problems.add(`environments[${index}].updatedAt`, 'must be an instant');
        return { id: item?.id as string, updatedAt: item?.updatedAt as string };
      },
    );
    const intents = intentVersionsAt(payload.intents, 'intents', MAX_REFS, problems);
    const ids = (field: 'bookings' | 'windows') =>
      listAt<unknown>(payload[field], field, MAX_REFS, problems).map((id, index) => {
        if (!isUuid(id)) problems.add(`${field}[${index}]`, 'must be a UUID');
        return (id as string)?.toLowerCase?.() ?? '';
      });
    const bookings = ids('bookings');
    const windows = ids('windows');
    problems.throwIfAny('REQUEST.INVALID');
    await this.catchUp.catchUp({ environments, intents, bookings, windows });
    return { caughtUp: true };
  }
}
