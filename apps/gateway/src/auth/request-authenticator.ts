import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuthenticatedActor, InvalidTokenError, JwtVerifier, looksLikeApiToken } from '@envrefresh/auth';
import { ServiceClients } from '../services/service-clients';

export type AuthenticationOutcome =
  | { actor: AuthenticatedActor }
  | { failure: string }
  /** The credential could not be checked now (the intents service did not answer about an API token). */
  | { unavailable: string };

export interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Verifies a request's bearer credential once, however many times it is asked: the rate limiter
 * (which keys on the verified `sub`) and the AuthGuard both need the answer. A JWT is verified
 * here; an envrefresh API token (`ert_…`) is resolved by the intents service, which owns them,
 * on every request, so a revoked token is refused from the very next one.
 */
@Injectable()
export class RequestAuthenticator {
  private readonly logger = new Logger(RequestAuthenticator.name);
  private readonly outcomes = new WeakMap<object, Promise<AuthenticationOutcome>>();

  constructor(
    @Inject(JwtVerifier) private readonly verifier: JwtVerifier,
    private readonly services: ServiceClients,
  ) {}

  authenticate(request: RequestWithHeaders): Promise<AuthenticationOutcome> {
    let outcome = this.outcomes.get(request);
    if (!outcome) {
      outcome = this.verify(request.headers.authorization);
      this.outcomes.set(request, outcome);
    }
    return outcome;
  }

  private async verify(header: string | string[] | undefined): Promise<AuthenticationOutcome> {
    const match = typeof header === 'string' ? /^Bearer +(\S+)$/i.exec(header) : null;
    if (!match) return { failure: 'Send Authorization: Bearer <JWT or API token>' };
    if (looksLikeApiToken(match[1])) return this.resolveApiToken(match[1]);
    try {
      return { actor: await this.verifier.verify(match[1]) };
    } catch (error) {
      return {
        failure: error instanceof InvalidTokenError ? `Invalid token: ${error.message}` : 'Invalid token',
      };
    }
  }

  private async resolveApiToken(secret: string): Promise<AuthenticationOutcome> {
    try {
      const identity = await this.services.resolveApiToken(secret);
      if (!identity) return { failure: 'Invalid token: unknown, revoked or expired API token' };
      const { tokenId, ...actor } = identity;
      return { actor: { ...actor, apiTokenId: tokenId } };
    } catch (error) {
      this.logger.warn(`API token could not be resolved: ${(error as Error).message}`);
      return { unavailable: 'API tokens cannot be checked right now; try again shortly' };
    }
  }
}
