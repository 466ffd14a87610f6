import { Controller, Get, Inject } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { offersDevSignIn } from './dev-sign-in.controller';
import { OidcSettings } from './web.config';

export interface WebSettingsView {
  /** Null when OIDC_ISSUER and OIDC_CLIENT_ID are not set: the page offers no organisation sign-in. */
  oidc: OidcSettings | null;
  /** True where POST /api/v1/web/dev-sign-in exists (never in production). */
  developmentSignIn: boolean;
  /** Where the gateway reads roles and groups in a token (JWT_ROLES_CLAIM, JWT_GROUPS_CLAIM). */
  claims: { roles: string; groups: string };
  /** Where the page's links point (PUBLIC_URL). */
  publicUrl: string;
}

/**
 * `GET /web/settings`: what the page needs before anyone signs in, so it carries no
 * configuration of its own and one build serves every deployment. No bearer token: it holds
 * nothing secret (a public client id and an issuer any browser is sent to).
 */
@ApiExcludeController()
@Controller('web/settings')
export class WebSettingsController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Get()
  settings(): WebSettingsView {
    return {
      oidc: this.config.web.oidc,
      developmentSignIn: offersDevSignIn(this.config),
      claims: { roles: this.config.jwt.rolesClaim, groups: this.config.jwt.groupsClaim },
      publicUrl: this.config.publicUrl,
    };
  }
}
