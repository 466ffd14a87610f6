import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DEFAULT_POOL_SIZE, ServiceDataSourceOptions, createServiceDataSource } from './data-source.factory';
import { registerPoolGauges } from './pool.gauges';

const UNREGISTER_POOL = Symbol('UnregisterPoolGauges');

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(UNREGISTER_POOL) private readonly unregisterPool: () => void,
  ) {}

  // Runs after the messaging layer has drained in-flight handlers (they ran in onModuleDestroy).
  async onApplicationShutdown(): Promise<void> {
    this.unregisterPool();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/** Provides the service's initialized TypeORM DataSource; migrations are never run here. */
@Module({})
export class DatabaseModule {
  static forRoot(options: ServiceDataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      providers: [
        {
          provide: DataSource,
          useFactory: async () => createServiceDataSource(options).initialize(),
        },
        {
          provide: UNREGISTER_POOL,
          inject: [DataSource],
          useFactory: (dataSource: DataSource) =>
            registerPoolGauges(options.schema, dataSource, options.poolSize ?? DEFAULT_POOL_SIZE),
        },
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
