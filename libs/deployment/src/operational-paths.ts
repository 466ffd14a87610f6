import { OPERATIONAL_ROUTES } from '@envrefresh/observability';

/** The probe and scrape paths the apps serve (libs/observability), as absolute URL paths. */
function pathOf(route: string): string {
  if (!OPERATIONAL_ROUTES.includes(route)) throw new Error(`the apps serve no ${route}`);
  return `/${route}`;
}

export const OPERATIONAL_PATHS = {
  live: pathOf('health/live'),
  ready: pathOf('health/ready'),
  metrics: pathOf('metrics'),
} as const;
