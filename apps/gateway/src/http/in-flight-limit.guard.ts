import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AuthenticatedRequest } from '../auth/auth.guard';
import { InFlightLimit } from './in-flight-limit';

/**
 * Admits an authenticated caller's request into their in-flight share. Runs after AuthGuard (the
 * share is the verified `sub`'s, and a refused token or role takes none).
 */
@Injectable()
export class InFlightLimitGuard implements CanActivate {
  constructor(private readonly limit: InFlightLimit) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest & FastifyRequest>();
    const sub = request.actor?.sub;
    if (sub !== undefined) this.limit.admit(sub, request, http.getResponse<FastifyReply>());
    return true;
  }
}
