import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  ApiTokenView,
  CreatedApiTokenView,
  apiTokensCreateRpc,
  apiTokensListRpc,
  apiTokensRevokeRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { ApiTokenIdPipe } from '../http/path-params.pipe';
import { API_TOKEN_EXAMPLE } from '../openapi/api-token-schemas';
import { Endpoint } from '../openapi/endpoint.decorator';
import { ServiceClients } from '../services/service-clients';
import { CreateApiTokenRequestDto, NoQueryDto } from './create-api-token.request.dto';

/**
 * `/me/tokens`: envrefresh API tokens for machines (pipelines asking /freeze, refresh executors).
 * Sent as `Authorization: Bearer ert_…`; each acts with its creator's groups and its own roles.
 */
@ApiTags('me')
@Controller('me/tokens')
export class MeTokensController {
  constructor(private readonly services: ServiceClients) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Create an API token',
    description:
      'Answers the token once (`token`); only its SHA-256 is kept. `roles` are at most yours (403 naming `roles` otherwise; all of yours when left out); `expiresAt` is in the future and at most one year ahead (400). The token acts with your groups as they are now. An API token cannot make another (403). At most 50 tokens each (422). No Idempotency-Key: the secret is never stored, so a replay could not show it; a retried create makes a second token, which you revoke.',
    roles: ['viewer'],
    success: {
      status: 201,
      schema: 'CreatedApiTokenView',
      description: 'The token, with its secret shown this once',
      example: { ...API_TOKEN_EXAMPLE, token: 'ert_Zk3qExampleExampleExampleExampleExample0abc' },
    },
    problems: [400, 413, 422],
  })
  create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateApiTokenRequestDto,
  ): Promise<CreatedApiTokenView> {
    // A leaked token must not be able to mint others that outlive it.
    if (actor.apiTokenId)
      throw new ForbiddenException('An API token cannot create API tokens; sign in as yourself');
    return this.services.call(apiTokensCreateRpc, { actor, payload: { ...body } });
  }

  @Get()
  @Endpoint({
    summary: 'List your API tokens',
    description: 'Tokens not revoked, newest first, expired ones included; never their secrets.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'ApiTokenPage',
      description: 'Your tokens',
      example: { items: [API_TOKEN_EXAMPLE], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() _query: NoQueryDto,
  ): Promise<{ items: ApiTokenView[]; nextCursor: null }> {
    return this.services.call(apiTokensListRpc, { actor, payload: {} });
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'API token id' })
  @Endpoint({
    summary: 'Revoke one of your API tokens',
    description: 'At once: the very next request carrying it is 401. Another user’s token is 404.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'ApiTokenView',
      description: 'The token, now revoked',
      example: { ...API_TOKEN_EXAMPLE, revokedAt: '2026-12-02T10:00:00.000Z' },
    },
    problems: [404],
  })
  revoke(
    @Param('id', ApiTokenIdPipe) tokenId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<ApiTokenView> {
    return this.services.call(apiTokensRevokeRpc, { actor, payload: { tokenId } });
  }
}
