import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  ApiTokenIdentity,
  ApiTokenView,
  CreatedApiTokenView,
  RpcRequestOf,
  RpcReplyOf,
  apiTokensCreateRpc,
  apiTokensListRpc,
  apiTokensResolveRpc,
  apiTokensRevokeRpc,
} from '@envrefresh/contracts';
import { ProvenRoles, ProvenUser, WithoutUserProof, domainProblem } from '@envrefresh/application';
import { ActingUser } from '@envrefresh/kernel';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { ApiTokensService } from '../application/api-tokens.service';

/** `intents.api-tokens.*`: a user's tokens for machines, and the gateway's question about one. */
@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(domainProblem))
export class ApiTokensRpcController {
  constructor(private readonly tokens: ApiTokensService) {}

  @MessagePattern(apiTokensCreateRpc.pattern)
  create(
    @Payload() request: RpcRequestOf<typeof apiTokensCreateRpc>,
    @ProvenUser() user: ActingUser,
    @ProvenRoles() roles: string[],
  ): Promise<CreatedApiTokenView> {
    return this.tokens.create(user, roles, request?.payload);
  }

  @MessagePattern(apiTokensListRpc.pattern)
  list(@ProvenUser() user: ActingUser): Promise<{ items: ApiTokenView[]; nextCursor: null }> {
    return this.tokens.list(user);
  }

  @MessagePattern(apiTokensRevokeRpc.pattern)
  revoke(
    @Payload() request: RpcRequestOf<typeof apiTokensRevokeRpc>,
    @ProvenUser() user: ActingUser,
  ): Promise<RpcReplyOf<typeof apiTokensRevokeRpc>> {
    return this.tokens.revoke(user, request?.payload?.tokenId);
  }

  /** Before any user is proven: the secret itself is the credential, checked against its hash. */
  @MessagePattern(apiTokensResolveRpc.pattern)
  @WithoutUserProof()
  resolve(@Payload() request: RpcRequestOf<typeof apiTokensResolveRpc>): Promise<ApiTokenIdentity | null> {
    return this.tokens.resolve(request?.secret);
  }
}
