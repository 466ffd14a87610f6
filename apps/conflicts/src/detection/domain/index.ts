// The pure domain of conflict detection: intervals, recurrences, the six rules, their
// configuration, evaluation and the slot finder. No Nest, no TypeORM, no broker.
export * from './interval';
export * from './situation';
export * from './interval-math';
export * from './describe-time';
export * from './wall-clock';
export * from './window-duration';
export * from './rrule-text';
export * from './recurrence';
export * from './timing-validation';
export * from './occurrence-reach';
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
