import { Controller, Inject, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RpcReplyOf, RpcRequestOf, conflictsCatchUpRpc } from '@envrefresh/contracts';
import { WithoutUserProof, domainProblem } from '@envrefresh/application';
import { Problems, isUuid } from '@envrefresh/kernel';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { WORLD_CATCH_UP, WorldCatchUp } from '../../world/application/world-catch-up.port';

const MAX_ENVIRONMENTS = 100;

/**
 * `conflicts.catch-up`: the gateway, after a catalog write, before it answers (ADR 0014). Only ids
 * and versions come in; what is stored comes from the owner, so a caller can make this service
 * ask, never make it believe.
 */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class CatchUpRpcController {
  constructor(@Inject(WORLD_CATCH_UP) private readonly catchUp: WorldCatchUp) {}

  @MessagePattern(conflictsCatchUpRpc.pattern)
  // Asked by another service for its projection (ADR 0014), for no user: only service broker users may publish to RPC queues.
  @WithoutUserProof()
  async environments(
    @Payload() request: RpcRequestOf<typeof conflictsCatchUpRpc>,
  ): Promise<RpcReplyOf<typeof conflictsCatchUpRpc>> {
    const given: unknown = request?.payload?.environments;
    const problems = new Problems();
    const wanted = Array.isArray(given) && given.length <= MAX_ENVIRONMENTS ? given : [];
    if (wanted.length === 0) problems.add('environments', `must list 1 to ${MAX_ENVIRONMENTS} environments`);
    const refs = wanted.map((item: { id?: unknown; updatedAt?: unknown }, index) => {
      const atLeast = typeof item?.updatedAt === 'string' ? Date.parse(item.updatedAt) : Number.NaN;
      if (!isUuid(item?.id)) problems.add(`environments[${index}].id`, 'must be a UUID');
      if (Number.isNaN(atLeast)) problems.add(`environments[${index}].updatedAt`, 'must be an instant');
      return { ref: item?.id as string, atLeast };
    });
    problems.throwIfAny('REQUEST.INVALID');
    await this.catchUp.environments(refs);
    return { caughtUp: true };
  }
}
