import { Inject, Injectable } from '@nestjs/common';
import { AuthenticatedActor, InvalidTokenError, JwtVerifier } from '@envrefresh/auth';

export type AuthenticationOutcome = { actor: AuthenticatedActor } | { failure: string };

export interface RequestWithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Verifies a request's bearer token once, however many times it is asked: the rate limiter (which
 * keys on the verified `sub`) and the AuthGuard both need the answer.
 */
@Injectable()
export class RequestAuthenticator {
  private readonly outcomes = new WeakMap<object, Promise<AuthenticationOutcome>>();

  constructor(@Inject(JwtVerifier) private readonly verifier: JwtVerifier) {}

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
    if (!match) return { failure: 'Send Authorization: Bearer <JWT>' };
    try {
      return { actor: await this.verifier.verify(match[1]) };
    } catch (error) {
      return {
        failure: error instanceof InvalidTokenError ? `Invalid token: ${error.message}` : 'Invalid token',
      };
    }
  }
}
