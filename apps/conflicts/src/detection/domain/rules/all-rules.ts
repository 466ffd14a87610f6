import { ConflictType } from '@envrefresh/contracts';
import { blackoutRule } from './blackout';
import { bookingOverlapRule } from './booking-overlap';
import { ConflictRule } from './conflict-rule';
import { dependencyRule } from './dependency';
import { intentOverlapRule } from './intent-overlap';
import { outsideMaintenanceRule } from './outside-maintenance';
import { sourceContentionRule } from './source-contention';

/** Every rule of SPEC.md's table, by its stable id (the conflict type). */
export const ALL_RULES: Readonly<Record<ConflictType, ConflictRule>> = {
  INTENT_OVERLAP: intentOverlapRule,
  BOOKING_OVERLAP: bookingOverlapRule,
  BLACKOUT: blackoutRule,
  OUTSIDE_MAINTENANCE: outsideMaintenanceRule,
  DEPENDENCY: dependencyRule,
  SOURCE_CONTENTION: sourceContentionRule,
};
