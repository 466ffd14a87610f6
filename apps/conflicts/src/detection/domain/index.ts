// The pure domain of conflict detection: intervals, recurrences, the six rules, their
// configuration, evaluation and the slot finder. No Nest, no TypeORM, no broker. The recurrence
// expansion and interval arithmetic live in @envrefresh/recurrence, shared with the calendar.
export * from '@envrefresh/recurrence';
export * from './situation';
export * from './describe-time';
export * from './timing-validation';
export * from './rules/conflict-rule';
export * from './rules/intent-status';
export * from './rules/intent-overlap';
export * from './rules/booking-overlap';
export * from './rules/blackout';
export * from './rules/outside-maintenance';
export * from './rules/dependency';
export * from './rules/source-contention';
export * from './rules/all-rules';
export * from './rule-set';
export * from './evaluate';
export * from './free-slots';
export * from './stable-until';
