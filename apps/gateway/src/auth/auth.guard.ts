import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthenticatedActor, InvalidTokenError, JwtVerifier, Role, grantsAny } from '@envrefresh/auth';
import { REQUIRED_ROLES } from './roles.decorator';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  actor?: AuthenticatedActor;
}

/** Authenticates the bearer token, then checks the route's roles against the role ladder. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw new UnauthorizedException('Send Authorization: Bearer <JWT>');
    try {
      request.actor = this.verifier.verify(match[1]);
    } catch (error) {
      throw new UnauthorizedException(
        error instanceof InvalidTokenError ? `Invalid token: ${error.message}` : 'Invalid token',
      );
    }
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (required?.length && !grantsAny(request.actor.roles, required)) {
      throw new ForbiddenException(`This needs the ${required.join(' or ')} role`);
    }
    return true;
  }
}
