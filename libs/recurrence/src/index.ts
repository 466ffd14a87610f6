// Recurring windows expanded on their own time zone's wall clock, and the interval arithmetic
// around them: pure TypeScript shared by conflict detection and the calendar (one expansion).
export * from './interval';
export * from './interval-math';
export * from './wall-clock';
export * from './local-time';
export * from './window-duration';
export * from './rrule-text';
export * from './recurrence';
export * from './occurrence-reach';
