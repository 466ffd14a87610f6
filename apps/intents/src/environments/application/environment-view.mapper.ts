import { EnvironmentView } from '@envrefresh/contracts';
import { EnvironmentState } from '../domain/environment';

/** EnvironmentView plus the optional members this service adds (the view's schema allows extras). */
export type EnvironmentRecordView = EnvironmentView & {
  reminderLeadTimes: string[];
  overrunGrace: string;
  version: number;
};

/** The environment as the API and `environment.upserted` show it. */
export function toEnvironmentView(state: EnvironmentState): EnvironmentRecordView {
  return {
    id: state.id,
    key: state.key,
    name: state.name,
    tier: state.tier,
    ownerGroup: state.ownerGroup,
    dependsOn: state.dependsOn,
    maintenanceWindows: state.maintenanceWindows,
    requiresApproval: state.requiresApproval,
    timezone: state.timezone,
    reminderLeadTimes: state.reminderLeadTimes,
    overrunGrace: state.overrunGrace,
    lastRefreshedAt: state.lastRefreshedAt ? state.lastRefreshedAt.toISOString() : null,
    version: state.version,
    createdAt: state.createdAt.toISOString(),
    updatedAt: state.updatedAt.toISOString(),
  };
}
