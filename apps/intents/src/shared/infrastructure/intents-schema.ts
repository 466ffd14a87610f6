/** The intents service's own schema (one per service, named after it); tables are always qualified. */
export const SCHEMA = 'intents';

export function table(name: string): string {
  return `${SCHEMA}.${name}`;
}
