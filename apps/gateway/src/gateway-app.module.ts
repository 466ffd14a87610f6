import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtVerifier } from '@envrefresh/auth';
import { ObservabilityModule } from '@envrefresh/observability';
import { AuthGuard } from './auth/auth.guard';
import { DevelopmentSecretWarning } from './auth/development-secret.warning';
import { RequestAuthenticator } from './auth/request-authenticator';
import { BookingsController } from './bookings/bookings.controller';
import { CalendarProjection } from './calendar/calendar-projection';
import { CalendarCache, FeedCache } from './calendar/calendar-caches';
import { CalendarFeedController } from './calendar/calendar-feed.controller';
import { CalendarController } from './calendar/calendar.controller';
import { MeCalendarFeedsController } from './calendar/me-calendar-feeds.controller';
import { ConflictsController } from './conflicts/conflicts.controller';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { FreezeController } from './conflicts/freeze.controller';
import { CatalogProjections } from './environments/catalog-projections';
import { EnvironmentsController } from './environments/environments.controller';
import { GATEWAY_CONFIG, GatewayConfig } from './gateway.config';
import { InFlightLimit } from './http/in-flight-limit';
import { InFlightLimitGuard } from './http/in-flight-limit.guard';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { IntentActionsController } from './intents/intent-actions.controller';
import { IntentsController } from './intents/intents.controller';
import { MeTokensController } from './me/me-tokens.controller';
import { SchedulesController } from './schedules/schedules.controller';
import { ServiceClients } from './services/service-clients';
import { SubscriptionsController } from './subscriptions/subscriptions.controller';
import { VIEWS_BUS } from './views/application/views-bus.port';
import { ViewsService } from './views/application/views.service';
import { ViewCache } from './views/domain/view-cache';
import { WrittenIntents } from './views/domain/written-intents';
import { ViewsBus } from './views/infrastructure/views-bus';
import { WindowsController } from './windows/windows.controller';
import { DevSignInController, offersDevSignIn } from './web/dev-sign-in.controller';
import { WebSettingsController } from './web/web-settings.controller';

@Module({})
export class GatewayAppModule {
  static register(config: GatewayConfig): DynamicModule {
    const clients = new ServiceClients(config);
    return {
      module: GatewayAppModule,
      imports: [
        ObservabilityModule.forRoot({
          config,
          readiness: { useFactory: () => clients.readinessChecks() },
        }),
      ],
      controllers: [
        EnvironmentsController,
        IntentsController,
        IntentActionsController,
        ConflictsController,
        FreezeController,
        BookingsController,
        WindowsController,
        MeTokensController,
        SchedulesController,
        SubscriptionsController,
        DeliveriesController,
        CalendarController,
        MeCalendarFeedsController,
        CalendarFeedController,
        WebSettingsController,
        // Absent, not refused, in production and wherever a real key is configured.
        ...(offersDevSignIn(config) ? [DevSignInController] : []),
      ],
      providers: [
        { provide: ServiceClients, useValue: clients },
        { provide: JwtVerifier, useValue: new JwtVerifier(config.jwt) },
        RequestAuthenticator,
        AuthGuard,
        { provide: InFlightLimit, useValue: new InFlightLimit(config.maxInFlightPerUser) },
        InFlightLimitGuard,
        CatalogProjections,
        CalendarProjection,
        { provide: FeedCache, useFactory: () => new FeedCache() },
        { provide: CalendarCache, useFactory: () => new CalendarCache() },
        { provide: GATEWAY_CONFIG, useValue: config },
        DevelopmentSecretWarning,
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: ViewCache, useFactory: () => new ViewCache(config.viewsMaxEntries) },
        { provide: WrittenIntents, useFactory: () => new WrittenIntents() },
        {
          provide: VIEWS_BUS,
          useFactory: () => new ViewsBus({ amqpUrl: config.amqpUrl, namespace: config.amqpNamespace }),
        },
        ViewsService,
      ],
    };
  }
}
