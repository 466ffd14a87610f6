export * from './alerts';
export * from './dashboard';
export * from './environments';
export * from './operational-paths';
export * from './render';
export * from './suite';
