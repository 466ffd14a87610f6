/**
 * Probe and scrape endpoints every app serves at the root of its port. The gateway keeps them out
 * of its global prefix: `app.setGlobalPrefix('api/v1', { exclude: OPERATIONAL_ROUTES })`.
 */
export const OPERATIONAL_ROUTES: string[] = ['health/live', 'health/ready', 'metrics'];

/** True for probe and scrape requests, which are too frequent and too dull to log. */
export function isOperationalPath(url: string | undefined): boolean {
  if (!url) return false;
  const path = url.split('?', 1)[0].replace(/\/+$/, '');
  return path === '/metrics' || path.startsWith('/health/');
}
