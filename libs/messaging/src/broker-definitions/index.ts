export * from './broker-grants';
export * from './envrefresh-broker';
export * from './rabbitmq-definitions';
export * from './topology-operator';
