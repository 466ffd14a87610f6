import { ConsoleLogger, DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import type { FastifyHttpOptions } from 'fastify';
import { RpcServerReadiness, rpcServerOptions } from '@envrefresh/messaging';
import { ServiceConfig } from '@envrefresh/config';
import { AppLogger } from '@envrefresh/observability';

export interface ServiceAppOptions {
  config: ServiceConfig;
  module: DynamicModule | Type<unknown>;
  /** Serve request/reply on the service's RPC queue (every service but the gateway). */
  rpc: boolean;
  /** Last touches before the app starts (global prefix, OpenAPI…). */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
  /** Fastify and Node HTTP server options of a public surface: timeouts, low-level error answers. */
  server?: FastifyHttpOptions<Server>;
}

/**
 * Builds an app the way production runs it (Fastify, pino, shutdown hooks, RPC server), without
 * listening: `main.ts` listens, tests use `inject()` or listen on port 0.
 */
export async function createServiceApp(options: ServiceAppOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    options.module,
    // Nest bundles its own copy of fastify; the options are the same, the types differ only by version.
    new FastifyAdapter({ ...options.server, trustProxy: options.config.trustProxy } as never),
    {
      bufferLogs: true,
      abortOnError: false,
      // What Nest logs before pino takes over (a failed start) is JSON lines too.
      logger: new ConsoleLogger({ json: true, colors: false }),
    },
  );
  app.useLogger(app.get(AppLogger));
  // Exit 0 after a clean drain; without useProcessExit Nest re-raises the signal and dies by it.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  ignoreTransportRejectionsWhileStopping(app.get(AppLogger));
  await options.configure?.(app);
  if (options.rpc) {
    app.connectMicroservice(
      rpcServerOptions({
        amqpUrl: options.config.amqpUrl,
        namespace: options.config.amqpNamespace,
        service: options.config.app,
        readiness: app.get(RpcServerReadiness),
      }),
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  return app;
}

export type { INestApplication };

/**
 * Once a stop signal arrives, Nest's RMQ server may reject with "Channel closed" as it closes its
 * channel under in-flight replies; that must not turn a clean drain into exit code 1. Before the
 * signal, an unhandled rejection still ends the process as usual.
 */
function ignoreTransportRejectionsWhileStopping(logger: AppLogger): void {
  const onStop = (): void => {
    process.on('unhandledRejection', (reason) => {
      logger.warn(`ignored while stopping: ${reason instanceof Error ? reason.message : String(reason)}`);
    });
  };
  process.once('SIGTERM', onStop);
  process.once('SIGINT', onStop);
}
