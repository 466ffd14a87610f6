export const APP_NAMES = ['gateway', 'intents', 'conflicts', 'scheduling', 'notifications'] as const;
export type AppName = (typeof APP_NAMES)[number];

export const DEFAULT_PORTS: Record<AppName, number> = {
  gateway: 3000,
  intents: 3001,
  conflicts: 3002,
  scheduling: 3003,
  notifications: 3004,
};
