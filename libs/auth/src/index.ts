export * from './jwt-verifier';
export * from './jwt.config';
export * from './roles';
export * from './user-proof';
export * from './api-token';
