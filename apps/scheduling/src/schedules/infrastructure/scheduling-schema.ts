/** The scheduling service's own schema; tables are always qualified. */
export const SCHEMA = 'scheduling';

export function table(name: string): string {
  return `${SCHEMA}.${name}`;
}
