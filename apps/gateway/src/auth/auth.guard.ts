import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedActor, Role, grantsAny } from '@envrefresh/auth';
import { RequestAuthenticator, RequestWithHeaders } from './request-authenticator';
import { REQUIRED_ROLES } from './required-roles.metadata';

export interface AuthenticatedRequest extends RequestWithHeaders {
  actor?: AuthenticatedActor;
}

/** Authenticates the bearer token, then checks the route's roles against the role ladder. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const outcome = await this.authenticator.authenticate(request);
    if ('failure' in outcome) throw new UnauthorizedException(outcome.failure);
    if ('unavailable' in outcome) throw new ServiceUnavailableException(outcome.unavailable);
    request.actor = outcome.actor;
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required?.length && !grantsAny(outcome.actor.roles, required)) {
      throw new ForbiddenException(`This needs the ${required.join(' or ')} role`);
    }
    return true;
  }
}
