import { startTracing } from '@envrefresh/tracing';

// main.ts imports this first: instrumentations patch http, Fastify and pg only as those load.
startTracing('intents');
