import { Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { TracingConfig } from '@envrefresh/config';
import { stopTracing } from '@envrefresh/tracing';

/**
 * The app's side of tracing, which `startTracing` began before Nest loaded: says at start where
 * traces go, and exports what is still buffered before the process exits on SIGTERM.
 */
@Injectable()
export class TraceExportLifecycle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Tracing');

  constructor(private readonly tracing: TracingConfig | undefined) {}

  onModuleInit(): void {
    if (!this.tracing) return;
    const { serviceName, endpoint, protocol } = this.tracing;
    this.logger.log(`traces of ${serviceName} are exported to ${endpoint} over OTLP ${protocol}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await stopTracing();
  }
}
