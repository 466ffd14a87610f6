export * from './amqp-probe';
export * from './eventually';
export * from './tcp-proxy';
export * from './test-database';
export * from './test-env';
export * from './test-namespace';
export * from './test-services';
