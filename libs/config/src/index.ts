export * from './amqp-users';
export * from './app-name';
export * from './config-error';
export * from './env-reader';
export * from './operational-routes';
export * from './service-config';
export * from './tracing-config';
export * from './database-timeouts';
