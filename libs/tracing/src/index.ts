// Light on purpose: an app imports this before anything else, so it may load only
// @opentelemetry/api and @envrefresh/config. The SDK itself is required only when tracing is on.
export * from './message-trace';
export * from './start-tracing';
