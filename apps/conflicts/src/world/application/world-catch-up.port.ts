import type { WantedVersion } from '@envrefresh/messaging';

/**
 * Read your writes (ADR 0014): before a request is judged on this service's picture, each
 * environment or intent it names is known here, at least at the version the caller depends on,
 * asked of the intents service when it is not (and taken in exactly as its event would be).
 */
export interface WorldCatchUp {
  environments(wanted: readonly WantedVersion[]): Promise<void>;
  intents(wanted: readonly WantedVersion[]): Promise<void>;
}

export const WORLD_CATCH_UP = Symbol('WorldCatchUp');
