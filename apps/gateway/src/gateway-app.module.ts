import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtVerifier } from '@envrefresh/auth';
import { ObservabilityModule } from '@envrefresh/observability';
import { AuthGuard } from './auth/auth.guard';
import { GatewayConfig } from './gateway.config';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { IntentsController } from './intents/intents.controller';
import { ServiceClients } from './services/service-clients';

@Module({})
export class GatewayAppModule {
  static register(config: GatewayConfig): DynamicModule {
    if (config.jwt.usingDevelopmentSecret) {
      new Logger('Gateway').warn('JWT_SECRET is not set: using the DEVELOPMENT secret. Never run like this in production.');
    }
    const clients = new ServiceClients(config);
    return {
      module: GatewayAppModule,
      imports: [
        ObservabilityModule.forRoot({
          config,
          readiness: { useFactory: () => clients.readinessChecks() },
        }),
      ],
      controllers: [IntentsController],
      providers: [
        { provide: ServiceClients, useValue: clients },
        { provide: JwtVerifier, useValue: new JwtVerifier(config.jwt) },
        AuthGuard,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}
