import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  ANNOUNCED_EVENT_TYPES,
  DeliveryView,
  Page,
  SubscriptionView,
  SubscriptionWithSecret,
  subscriptionsCreateRpc,
  subscriptionsDeleteRpc,
  subscriptionsListRpc,
  subscriptionsRotateSecretRpc,
  subscriptionsTestRpc,
  subscriptionsUpdateRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { INCLUDE_DELETED_RULE } from '../common/include-deleted.query';
import { setLocation } from '../http/created-at';
import { IdempotencyKey } from '../http/idempotency-key.decorator';
import { SubscriptionIdPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { DELIVERY_EXAMPLE, SUBSCRIPTION_EXAMPLE } from '../openapi/notification-schemas';
import { ServiceClients } from '../services/service-clients';
import { CreateSubscriptionRequestDto } from './create-subscription.request.dto';
import { ListSubscriptionsQueryDto } from './list-subscriptions.query.dto';
import { UpdateSubscriptionRequestDto } from './update-subscription.request.dto';

const { secret: _secret, ...SHOWN_SUBSCRIPTION } = SUBSCRIPTION_EXAMPLE;
const MANAGE =
  'Admins manage every subscription; a requester those whose `filter.groups` are all groups of theirs. One you may not see is 404.';

@ApiTags('subscriptions')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly services: ServiceClients) {}

  @Post()
  @HttpCode(201)
  @Endpoint({
    summary: 'Subscribe a destination to events',
    description: `EMAIL, SLACK, TEAMS or a signed WEBHOOK. A filter narrows by groups, environments, tiers and event types; without \`eventTypes\` the default set applies (${ANNOUNCED_EVENT_TYPES.join(', ')}). A subscription naming groups is how those groups are told: it hears an event when one of its groups owns the environment, is named by the intent, holds an overlapping booking or owns a dependent environment. Admins may subscribe anything; a requester only for their own groups. The target is checked now (https, no literal private address). A webhook's secret is returned in this answer only. The next matching event reaches it.`,
    roles: ['requester'],
    success: {
      status: 201,
      schema: 'SubscriptionView',
      description: 'The subscription, with its secret this once',
      example: SUBSCRIPTION_EXAMPLE,
    },
    problems: [400, 413, 422],
    idempotencyKey: true,
  })
  async create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateSubscriptionRequestDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SubscriptionWithSecret> {
    const subscription = await this.services.call(subscriptionsCreateRpc, {
      actor,
      payload: { ...body, ...(body.filter ? { filter: { ...body.filter } } : {}) },
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    setLocation(reply, `subscriptions/${subscription.id}`);
    return subscription;
  }

  @Get()
  @Endpoint({
    conditional: true,
    summary: "List subscriptions of the caller's groups (admins: all), newest first",
    description: `Targets show scheme and host only; secrets never. Deleted subscriptions are left out. \`includeDeleted\`: ${INCLUDE_DELETED_RULE}`,
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'SubscriptionPage',
      description: 'One page of subscriptions',
      example: { items: [SHOWN_SUBSCRIPTION], nextCursor: null },
    },
    problems: [400, 403],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListSubscriptionsQueryDto,
  ): Promise<Page<SubscriptionView>> {
    return this.services.call(subscriptionsListRpc, { actor, payload: { ...query } });
  }

  @Patch(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Subscription id' })
  @Endpoint({
    summary: 'Pause or resume a subscription',
    description: `\`{ "enabled": false }\` pauses it; \`true\` resumes it (also one the service disabled after a 410). ${MANAGE}`,
    roles: ['requester'],
    success: {
      status: 200,
      schema: 'SubscriptionView',
      description: 'The subscription as it now is',
      example: { ...SHOWN_SUBSCRIPTION, enabled: false },
    },
    problems: [400, 404],
  })
  update(
    @Param('id', SubscriptionIdPipe) subscriptionId: string,
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: UpdateSubscriptionRequestDto,
  ): Promise<SubscriptionView> {
    return this.services.call(subscriptionsUpdateRpc, {
      actor,
      payload: { subscriptionId, enabled: body.enabled },
    });
  }

  @Delete(':id')
  @ApiParam({ name: 'id', format: 'uuid', description: 'Subscription id' })
  @Endpoint({
    summary: 'Delete a subscription',
    description: `Nothing more is sent through it; its delivery log stays, and so does the subscription, marked with who deleted it and when (\`GET /subscriptions?includeDeleted=true\`, admins). ${MANAGE}`,
    roles: ['requester'],
    success: {
      status: 200,
      schema: 'SubscriptionView',
      description: 'The subscription as it was',
      example: SHOWN_SUBSCRIPTION,
    },
    problems: [404],
  })
  delete(
    @Param('id', SubscriptionIdPipe) subscriptionId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<SubscriptionView> {
    return this.services.call(subscriptionsDeleteRpc, { actor, payload: { subscriptionId } });
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid', description: 'Subscription id' })
  @Endpoint({
    summary: "Rotate a webhook's secret",
    description: `A new \`whsec_…\` secret, in this answer only. For 24 h both the new and the old secret sign every message (two signatures in \`webhook-signature\`), so the receiver can switch without losing one. ${MANAGE}`,
    roles: ['requester'],
    success: {
      status: 200,
      schema: 'SubscriptionView',
      description: 'The subscription with its new secret',
      example: SUBSCRIPTION_EXAMPLE,
    },
    problems: [404, 422],
  })
  rotateSecret(
    @Param('id', SubscriptionIdPipe) subscriptionId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<SubscriptionWithSecret> {
    return this.services.call(subscriptionsRotateSecretRpc, { actor, payload: { subscriptionId } });
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid', description: 'Subscription id' })
  @Endpoint({
    summary: 'Send a test message now',
    description: `A \`notification.test\` message goes out at once through the same channel, signing and delivery log as any event; the answer is its delivery after the first attempt. ${MANAGE}`,
    roles: ['requester'],
    success: {
      status: 200,
      schema: 'DeliveryView',
      description: 'The test delivery',
      example: { ...DELIVERY_EXAMPLE, eventType: 'notification.test', intentId: null },
    },
    problems: [404],
  })
  test(
    @Param('id', SubscriptionIdPipe) subscriptionId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<DeliveryView> {
    return this.services.call(subscriptionsTestRpc, { actor, payload: { subscriptionId } });
  }
}
