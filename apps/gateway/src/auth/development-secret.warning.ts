import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';

/** Says it loudly, through the app's own logger, when tokens or user assertions use development keys. */
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
    if (this.config.userProof.usingDevelopmentKey) {
      this.logger.warn(
        'SERVICE_ASSERTION_PRIVATE_KEY is not set: user assertions are signed with the DEVELOPMENT key pair, which anyone can sign with. Never run like this in production.',
      );
    }
  }
}
