import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

/** Says it loudly, through the app's own logger, when tokens are checked with the development secret. */
@Injectable()
export class DevelopmentSecretWarning implements OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  onApplicationBootstrap(): void {
    if (this.config.jwt.usingDevelopmentSecret) {
      this.logger.warn(
        'JWT_SECRET is not set: tokens are checked with the DEVELOPMENT secret. Never run like this in production.',
      );
    }
  }
}
