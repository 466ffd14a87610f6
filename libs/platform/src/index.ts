export * from './app-heap';
export * from './clock.module';
export * from './ping.controller';
export * from './run-service';
export * from './service-app.factory';
export * from './service-runtime.config';
export * from './service.module';
