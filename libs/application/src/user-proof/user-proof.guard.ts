import {
  CanActivate,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RmqContext, RpcException } from '@nestjs/microservices';
import { InvalidUserProofError, ProofBinding, UserProofVerifier } from '@envrefresh/auth';
import { RemoteProblem } from '@envrefresh/contracts';
import { recordSecurityEvent } from '@envrefresh/observability';
import { actingUserOf } from '../acting-user.factory';
import { PROVEN_ROLES, PROVEN_USER, USER_PROOF_RULE, UserProofRule } from './user-proof.decorators';

export const USER_PROOF_VERIFIER = Symbol('UserProofVerifier');
export const USER_PROOF_AUDIENCE = Symbol('UserProofAudience');
export const USER_PROOF_DEVELOPMENT_KEY = Symbol('UserProofDevelopmentKey');

/**
 * Every RPC handler of a service acts for the user its request's assertion proves (ADR 0017), or
 * is refused before it runs: a missing, expired, foreign or replayed assertion is a 401 problem,
 * changes nothing, and is written to the security log.
 */
@Injectable()
export class UserProofGuard implements CanActivate, OnApplicationBootstrap {
  private readonly logger = new Logger('Security');

  constructor(
    @Inject(USER_PROOF_VERIFIER) private readonly verifier: UserProofVerifier,
    @Inject(USER_PROOF_AUDIENCE) private readonly audience: string,
    @Inject(USER_PROOF_DEVELOPMENT_KEY) private readonly usingDevelopmentKey: boolean,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    if (this.usingDevelopmentKey)
      this.logger.warn(
        'SERVICE_ASSERTION_PUBLIC_KEY is not set: user assertions are checked with the DEVELOPMENT key pair, which anyone can sign with. Never run like this in production.',
      );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'rpc') return true;
    const rule = this.reflector.get<UserProofRule | undefined>(USER_PROOF_RULE, context.getHandler());
    if (rule?.kind === 'none') return true;
    const rpc = context.switchToRpc();
    const data = rpc.getData() as Record<string | symbol, unknown> | undefined;
    const pattern = rpc.getContext<RmqContext>().getPattern();
    const binding: ProofBinding =
      rule?.kind === 'delegated'
        ? { audience: rule.from.service, pattern: rule.from.pattern, request: data?.onBehalfOf }
        : { audience: this.audience, pattern, request: data };
    try {
      const user = await this.verifier.verify(data?.assertion, binding);
      if (data && typeof data === 'object') {
        data[PROVEN_USER] = actingUserOf(user);
        data[PROVEN_ROLES] = user.roles;
      }
      return true;
    } catch (error) {
      const reason =
        error instanceof InvalidUserProofError ? error.message : 'the user assertion could not be verified';
      recordSecurityEvent(this.logger, {
        action: `rpc:${pattern}`,
        outcome: 'refused',
        reason,
        details: { service: this.audience },
      });
      throw new RpcException(unauthenticated(reason));
    }
  }
}

function unauthenticated(reason: string): RemoteProblem {
  return {
    status: 401,
    type: 'https://envrefresh.dev/problems/user-not-proven',
    title: 'Unauthorized',
    detail: `The request does not prove which user it acts for: ${reason}`,
    code: 'AUTH.USER_NOT_PROVEN',
  };
}
