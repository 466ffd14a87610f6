import { Module, type Provider, type Type } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { AppLogger, ObservabilityModule, type ReadinessOptions } from '../../src';
import { LogCapture } from './log-capture';
import { testConfig } from './test-config';

export interface ObservedAppOptions {
  controllers?: Type[];
  providers?: Provider[];
  readiness?: ReadinessOptions;
  globalPrefix?: { prefix: string; exclude: string[] };
}

export interface ObservedApp {
  app: NestFastifyApplication;
  logs: LogCapture;
}

/** A real Nest app on Fastify, wired the way every service's main.ts wires it. */
export async function startObservedApp(options: ObservedAppOptions = {}): Promise<ObservedApp> {
  const logs = new LogCapture();

  @Module({
    imports: [
      ObservabilityModule.forRoot({
        config: testConfig(),
        readiness: options.readiness,
        logDestination: logs,
      }),
    ],
    controllers: options.controllers ?? [],
    providers: options.providers ?? [],
  })
  class ObservedAppModule {}

  const moduleRef = await Test.createTestingModule({ imports: [ObservedAppModule] }).compile();
  const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), {
    bufferLogs: true,
  });
  app.useLogger(app.get(AppLogger));
  if (options.globalPrefix)
    app.setGlobalPrefix(options.globalPrefix.prefix, { exclude: options.globalPrefix.exclude });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, logs };
}
