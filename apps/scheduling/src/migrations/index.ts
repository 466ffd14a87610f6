import { CreateMessagingTables1763780000000 } from '@envrefresh/messaging';
import { CreatePlannedRefreshes1763780000300 } from './1763780000300-create-planned-refreshes';
import { CreateSchedules1764600000100 } from './1764600000100-create-schedules';
import { CreateCalendar1764600000200 } from './1764600000200-create-calendar';
import { CalendarGeneration1764600000600 } from './1764600000600-calendar-generation';

export const SCHEDULING_MIGRATIONS = [
  CreateMessagingTables1763780000000,
  CreatePlannedRefreshes1763780000300,
  CreateSchedules1764600000100,
  CreateCalendar1764600000200,
  CalendarGeneration1764600000600,
];
