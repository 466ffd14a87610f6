// Pure TypeScript shared by the services' domain layers: no Nest, no TypeORM, no broker.
export * from './acting-user';
export * from './canonical-json';
export * from './clock';
export * from './domain-error';
export * from './input-rules';
export * from './instant';
export * from './intent-access';
export * from './intent-action-policy';
export * from './iso-duration';
export * from './sha256';
export * from './time-zone';
export * from './uuid';
export * from './work-budget';
export { ROLES, grantsAny } from './roles';
export type { Role } from './roles';
