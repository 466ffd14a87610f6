import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import jwt from 'jsonwebtoken';
import { GATEWAY_CONFIG, GatewayConfig } from '../gateway.config';
import { DevSignInRequestDto } from './dev-sign-in.request.dto';

/** A development token lives a working day: long enough to click around, short enough to forget. */
export const DEV_SIGN_IN_LIFETIME_SECONDS = 12 * 3600;

export interface DevSignInView {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  /** Always true: the page shows it as a banner so nobody mistakes it for a real sign-in. */
  development: true;
}

/**
 * Mints a token signed with the development secret for whoever the page names, so the UI can be
 * used without an identity provider. The module registers this controller only when the gateway
 * itself verifies with the development secret, which readJwtConfig refuses in production: it is
 * absent (404) in production, and wherever a real key is configured. Left out of the OpenAPI
 * document: it is the page's development aid, not the public API (docs/web-ui.md).
 */
@ApiExcludeController()
@Controller('web/dev-sign-in')
export class DevSignInController {
  constructor(@Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig) {}

  @Post()
  @HttpCode(200)
  signIn(@Body() body: DevSignInRequestDto): DevSignInView {
    const { key, issuer, audience } = this.config.jwt;
    if (key.kind !== 'secret' || !this.config.jwt.usingDevelopmentSecret || this.config.production)
      throw new Error('the development sign-in is registered only with the development secret');
    const accessToken = jwt.sign(
      { name: body.name, email: body.email, roles: body.roles, groups: body.groups },
      key.secret,
      {
        algorithm: 'HS256',
        subject: body.sub,
        issuer,
        audience,
        expiresIn: DEV_SIGN_IN_LIFETIME_SECONDS,
      },
    );
    return { accessToken, tokenType: 'Bearer', expiresIn: DEV_SIGN_IN_LIFETIME_SECONDS, development: true };
  }
}

/** True where the development sign-in exists: outside production, with no real key configured. */
export function offersDevSignIn(config: GatewayConfig): boolean {
  return !config.production && config.jwt.usingDevelopmentSecret && config.jwt.key.kind === 'secret';
}
