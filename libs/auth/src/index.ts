export * from './jwt-verifier';
export * from './jwt.config';
export * from './verified-tokens';
// The role ladder is a domain rule (libs/kernel); auth re-exports it for the guards.
export { ROLES, grantsAny } from '@envrefresh/kernel';
export type { Role } from '@envrefresh/kernel';
export * from './user-proof';
export * from './api-token';
