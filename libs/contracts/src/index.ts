export * from './json-schema';
export * from './schema-compiler';

export * from './model/actor';
export * from './model/booking-view';
export * from './model/conflict-view';
export * from './model/conflict-check';
export * from './model/environment-view';
export * from './model/intent-view';
export * from './model/schedule-view';
export * from './model/window-timing';
export * from './model/window-view';
export * from './model/history-entry';

export * from './events/event-source';
export * from './events/event-envelope';
export * from './events/event-envelope.schema';
export * from './events/event-definition';
export * from './events/event-message.schema';
export * from './events/create-envelope';
export * from './events/event-catalog';
export * from './events/event-owners';
export * from './events/event-validator';
export * from './events/catalog/environment.events';
export * from './events/catalog/intent.events';
export * from './events/catalog/conflict.events';
export * from './events/catalog/booking.events';
export * from './events/catalog/window.events';
export * from './events/catalog/schedule.events';
export * from './events/catalog/notification.events';

export * from './rpc/rpc-contract';
export * from './rpc/rpc-request';
export * from './rpc/remote-problem';
export * from './rpc/intents.rpc';
export * from './rpc/page';
export * from './rpc/idempotency';
export * from './rpc/environments.rpc';
export * from './rpc/intent-lifecycle.rpc';
export * from './rpc/conflict-gate.rpc';
export * from './rpc/conflicts.rpc';
export * from './rpc/bookings.rpc';
export * from './rpc/windows.rpc';
export * from './rpc/ping.rpc';
export * from './rpc/projection-sources.rpc';
export * from './rpc/rpc-catalog';

export { buildAsyncApiDocument, renderAsyncApi, EVENTS_API_VERSION } from './asyncapi/render-asyncapi';
