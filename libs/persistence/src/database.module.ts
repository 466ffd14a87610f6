import { DynamicModule, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ServiceDataSourceOptions, createServiceDataSource } from './data-source.factory';

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  // Runs after the messaging layer has drained in-flight handlers (they ran in onModuleDestroy).
  async onApplicationShutdown(): Promise<void> {
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
        DataSourceCloser,
      ],
      exports: [DataSource],
    };
  }
}
