import { ENVIRONMENT_TIERS, EnvironmentTier, MaintenanceWindow } from '@envrefresh/contracts';
import {
  Problems,
  isIsoDuration,
  isKnownTimeZone,
  objectOf,
  NAME_MAX_LENGTH,
  groupKeyOf,
  GROUP_KEY_RULE,
} from '@envrefresh/kernel';
import { validateMaintenanceWindows } from './maintenance-window.validation';

export const ENVIRONMENT_KEY = /^[a-z0-9][a-z0-9-]{1,62}$/;
export const DEFAULT_REMINDER_LEAD_TIMES: readonly string[] = ['P7D', 'P1D', 'PT1H'];
/** How long after plannedEnd a refresh still IN_PROGRESS counts as overrunning, unless the environment says. */
export const DEFAULT_OVERRUN_GRACE = 'PT30M';

export interface EnvironmentState {
  id: string;
  key: string;
  name: string;
  tier: EnvironmentTier;
  ownerGroup: string;
  /** Keys of the environments this one depends on. */
  dependsOn: string[];
  maintenanceWindows: MaintenanceWindow[];
  requiresApproval: boolean;
  timezone: string;
  reminderLeadTimes: string[];
  overrunGrace: string;
  lastRefreshedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

/** What may be changed after creation: everything but the id and the key. */
export interface EnvironmentChanges {
  name?: string;
  tier?: EnvironmentTier;
  ownerGroup?: string;
  dependsOn?: string[];
  maintenanceWindows?: MaintenanceWindow[];
  requiresApproval?: boolean;
  timezone?: string;
  reminderLeadTimes?: string[];
  overrunGrace?: string;
}

const CHANGEABLE = [
  'name',
  'tier',
  'ownerGroup',
  'dependsOn',
  'maintenanceWindows',
  'requiresApproval',
  'timezone',
  'reminderLeadTimes',
  'overrunGrace',
] as const;

/**
 * A shared environment in the catalog. Its dependency edges are checked against the whole graph
 * by the application (unknown keys, cycles), which is the one place that sees every environment.
 */
export class Environment {
  private constructor(private state: EnvironmentState) {}

  static create(input: unknown, id: string, now: Date): Environment {
    const problems = new Problems();
    const fields = objectOf(input, problems);
    const key = fields.key;
    if (typeof key !== 'string' || !ENVIRONMENT_KEY.test(key)) {
      problems.add(
        'key',
        'must be 2 to 63 lowercase letters, digits or hyphens, starting with a letter or digit',
      );
    }
    for (const required of ['name', 'tier', 'ownerGroup'] as const) {
      if (fields[required] === undefined) problems.add(required, 'is required');
    }
    const changes = readChanges(fields, problems, ['key']);
    problems.throwIfAny('ENVIRONMENT.INVALID');
    return new Environment({
      id,
      key: key as string,
      name: changes.name as string,
      tier: changes.tier as EnvironmentTier,
      ownerGroup: changes.ownerGroup as string,
      dependsOn: changes.dependsOn ?? [],
      maintenanceWindows: changes.maintenanceWindows ?? [],
      requiresApproval: changes.requiresApproval ?? true,
      timezone: changes.timezone ?? 'UTC',
      reminderLeadTimes: changes.reminderLeadTimes ?? [...DEFAULT_REMINDER_LEAD_TIMES],
      overrunGrace: changes.overrunGrace ?? DEFAULT_OVERRUN_GRACE,
      lastRefreshedAt: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    });
  }

  static restore(state: EnvironmentState): Environment {
    return new Environment({ ...state });
  }

  /** Validates a PATCH body; `key` cannot change (it is how other environments refer to this one). */
  static readChanges(patch: unknown): EnvironmentChanges {
    const problems = new Problems();
    const fields = objectOf(patch, problems);
    if ('key' in fields) problems.add('key', 'cannot be changed: other environments depend on it by key');
    const changes = readChanges(fields, problems, ['key']);
    problems.throwIfAny('ENVIRONMENT.INVALID');
    return changes;
  }

  get id(): string {
    return this.state.id;
  }

  get key(): string {
    return this.state.key;
  }

  get dependsOn(): readonly string[] {
    return this.state.dependsOn;
  }

  /** Applies the changes; false when they change nothing (no new version, no event). */
  apply(changes: EnvironmentChanges, now: Date): boolean {
    const next = { ...this.state };
    for (const field of CHANGEABLE) {
      if (changes[field] !== undefined) (next as Record<string, unknown>)[field] = changes[field];
    }
    if (JSON.stringify(next) === JSON.stringify(this.state)) return false;
    this.state = { ...next, version: this.state.version + 1, updatedAt: now };
    return true;
  }

  /** A refresh of this environment completed at `at`; freshness only ever moves forward. */
  recordRefresh(at: Date, now: Date): boolean {
    if (this.state.lastRefreshedAt && this.state.lastRefreshedAt >= at) return false;
    this.state = { ...this.state, lastRefreshedAt: at, version: this.state.version + 1, updatedAt: now };
    return true;
  }

  snapshot(): EnvironmentState {
    return {
      ...this.state,
      dependsOn: [...this.state.dependsOn],
      maintenanceWindows: [...this.state.maintenanceWindows],
      reminderLeadTimes: [...this.state.reminderLeadTimes],
    };
  }
}

function readChanges(
  fields: Record<string, unknown>,
  problems: Problems,
  alsoAllowed: readonly string[],
): EnvironmentChanges {
  const changes: EnvironmentChanges = {};
  for (const field of Object.keys(fields)) {
    if (!(CHANGEABLE as readonly string[]).includes(field) && !alsoAllowed.includes(field)) {
      problems.add(field, 'is not a field of an environment');
    }
  }
  const {
    name,
    tier,
    ownerGroup,
    dependsOn,
    maintenanceWindows,
    requiresApproval,
    timezone,
    reminderLeadTimes,
    overrunGrace,
  } = fields;
  if (name !== undefined) {
    if (typeof name !== 'string' || name.trim() === '' || name.length > NAME_MAX_LENGTH) {
      problems.add('name', `must be a non-blank string of at most ${NAME_MAX_LENGTH} characters`);
    } else changes.name = name.trim();
  }
  if (tier !== undefined) {
    if (!(ENVIRONMENT_TIERS as readonly unknown[]).includes(tier)) {
      problems.add('tier', `must be one of ${ENVIRONMENT_TIERS.join(', ')}`);
    } else changes.tier = tier as EnvironmentTier;
  }
  if (ownerGroup !== undefined) {
    const key = groupKeyOf(ownerGroup);
    if (key === undefined) problems.add('ownerGroup', `must be ${GROUP_KEY_RULE}`);
    else changes.ownerGroup = key;
  }
  if (dependsOn !== undefined) {
    if (
      !Array.isArray(dependsOn) ||
      dependsOn.some((key) => typeof key !== 'string' || !ENVIRONMENT_KEY.test(key))
    ) {
      problems.add('dependsOn', 'must be an array of environment keys');
    } else if (dependsOn.length > 100) problems.add('dependsOn', 'may name at most 100 environments');
    else changes.dependsOn = [...new Set(dependsOn as string[])];
  }
  if (maintenanceWindows !== undefined)
    changes.maintenanceWindows = validateMaintenanceWindows(maintenanceWindows, problems);
  if (requiresApproval !== undefined) {
    if (typeof requiresApproval !== 'boolean') problems.add('requiresApproval', 'must be true or false');
    else changes.requiresApproval = requiresApproval;
  }
  if (timezone !== undefined) {
    if (!isKnownTimeZone(timezone))
      problems.add('timezone', 'must be an IANA timezone such as Europe/Paris or UTC');
    else changes.timezone = timezone;
  }
  if (reminderLeadTimes !== undefined) {
    if (!Array.isArray(reminderLeadTimes) || !reminderLeadTimes.every(isIsoDuration)) {
      problems.add('reminderLeadTimes', 'must be an array of ISO-8601 durations such as P7D, P1D, PT1H');
    } else if (reminderLeadTimes.length > 10)
      problems.add('reminderLeadTimes', 'may hold at most 10 lead times');
    else changes.reminderLeadTimes = [...new Set(reminderLeadTimes)];
  }
  if (overrunGrace !== undefined) {
    if (!isIsoDuration(overrunGrace))
      problems.add('overrunGrace', 'must be an ISO-8601 duration such as PT30M or PT2H');
    else changes.overrunGrace = overrunGrace;
  }
  return changes;
}
