import { Module } from '@nestjs/common';
import { CalendarCatchUpService } from './application/calendar-catch-up.service';
import { CALENDAR_FEED_STORE } from './application/calendar-feed.store.port';
import { CalendarFeedsService } from './application/calendar-feeds.service';
import { CALENDAR_STORE } from './application/calendar-store.port';
import { CalendarQuery } from './application/calendar.query';
import { TrackCalendarUseCase } from './application/track-calendar.use-case';
import { SqlCalendarFeedStore } from './infrastructure/sql-calendar-feed.store';
import { SqlCalendarStore } from './infrastructure/sql-calendar.store';
import { CalendarCatchUpRpcController } from './interface/calendar-catch-up.rpc-controller';
import { CalendarEventsHandler } from './interface/calendar-events.handler';
import { CalendarFeedsRpcController } from './interface/calendar-feeds.rpc-controller';
import { CalendarRpcController } from './interface/calendar.rpc-controller';

/** The calendar read side (CQRS): a projection kept from events, the JSON calendar and iCal feeds. */
@Module({
  controllers: [CalendarRpcController, CalendarFeedsRpcController, CalendarCatchUpRpcController],
  providers: [
    TrackCalendarUseCase,
    CalendarQuery,
    CalendarFeedsService,
    CalendarCatchUpService,
    CalendarEventsHandler,
    { provide: CALENDAR_STORE, useClass: SqlCalendarStore },
    { provide: CALENDAR_FEED_STORE, useClass: SqlCalendarFeedStore },
  ],
})
export class CalendarModule {}
