import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  RpcReplyOf,
  RpcRequestOf,
  calendarFeedEntriesRpc,
  MAX_WRITTEN_INTENTS,
  calendarFeedsCreateRpc,
  calendarFeedsListRpc,
  calendarFeedsRevokeRpc,
} from '@envrefresh/contracts';
import { ProvenUser, WithoutUserProof, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { CalendarCatchUpService } from '../application/calendar-catch-up.service';
import { CalendarFeedsService } from '../application/calendar-feeds.service';
import { timeCalendarQuery } from './calendar.metrics';
import { writtenIntentsOf } from './intent-versions';

/** `scheduling.calendar-feeds.*`: a person's iCal feeds, and what a feed token shows. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class CalendarFeedsRpcController {
  constructor(
    private readonly feeds: CalendarFeedsService,
    private readonly catchUp: CalendarCatchUpService,
  ) {}

  @MessagePattern(calendarFeedsCreateRpc.pattern)
  create(
    @Payload() request: RpcRequestOf<typeof calendarFeedsCreateRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<RpcReplyOf<typeof calendarFeedsCreateRpc>> {
    return this.feeds.create(user, request?.payload);
  }

  @MessagePattern(calendarFeedsListRpc.pattern)
  list(@ProvenUser() user: ActingUser): Promise<RpcReplyOf<typeof calendarFeedsListRpc>> {
    return this.feeds.list(user);
  }

  @MessagePattern(calendarFeedsRevokeRpc.pattern)
  revoke(
    @Payload() request: RpcRequestOf<typeof calendarFeedsRevokeRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<RpcReplyOf<typeof calendarFeedsRevokeRpc>> {
    return this.feeds.revoke(user, request?.payload?.feedId);
  }

  @MessagePattern(calendarFeedEntriesRpc.pattern)
  // The feed token is its own credential (a calendar app sends no JWT), like an API token's secret.
  @WithoutUserProof()
  entries(
    @Payload() request: RpcRequestOf<typeof calendarFeedEntriesRpc>,
  ): Promise<RpcReplyOf<typeof calendarFeedEntriesRpc>> {
    return timeCalendarQuery('feed', async () => {
      // First, whatever the token: the gateway forgets what it named once this answers.
      await this.catchUp.showWrittenIntents(writtenIntentsOf(request?.writtenIntents, MAX_WRITTEN_INTENTS));
      return this.feeds.entriesFor(request?.token, request?.knownGeneration);
    });
  }
}
