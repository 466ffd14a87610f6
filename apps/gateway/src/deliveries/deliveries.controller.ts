import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import {
  DeliveryView,
  Page,
  deliveriesListRpc,
  deliveriesReplayRpc,
  deliveriesRetryRpc,
} from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { DeliveryIdPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { DELIVERY_EXAMPLE } from '../openapi/notification-schemas';
import { ServiceClients } from '../services/service-clients';
import { ListDeliveriesQueryDto } from './list-deliveries.query.dto';
import { ReplayDeliveriesRequestDto } from './replay-deliveries.request.dto';

const { target: _target, ...MEMBER_DELIVERY } = DELIVERY_EXAMPLE;

@ApiTags('deliveries')
@Controller('deliveries')
export class DeliveriesController {
  constructor(private readonly services: ServiceClients) {}

  @Get()
  @Endpoint({
    conditional: true,
    summary: 'The delivery log, newest first',
    description:
      'Every delivery of an event to a destination: PENDING, SENT, RETRYING or DEAD, with each attempt (time, outcome, response status, error, duration), the last error, why the destination was told and when the next attempt is due. Admins read every delivery, with its target as scheme and host; others those about intents they may see, without targets.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'DeliveryPage',
      description: 'One page of deliveries',
      example: { items: [MEMBER_DELIVERY], nextCursor: null },
    },
    problems: [400],
  })
  list(
    @CurrentActor() actor: AuthenticatedActor,
    @Query() query: ListDeliveriesQueryDto,
  ): Promise<Page<DeliveryView>> {
    return this.services.call(deliveriesListRpc, { actor, payload: { ...query } });
  }

  @Post('replay')
  @HttpCode(200)
  @Endpoint({
    summary: 'Send again what a subscription was sent, or what died, in a period',
    description:
      'Each SENT or DEAD delivery of the subscription created in `[since, until)` is sent again as a new delivery (a new `webhook-id`; the reasons say it was replayed). At most 1000 at once: a longer period is 422.',
    roles: ['admin'],
    success: {
      status: 200,
      schema: 'DeliveryReplay',
      description: 'How many were queued, and their ids',
      example: { replayed: 1, deliveryIds: [DELIVERY_EXAMPLE.id] },
    },
    problems: [400, 404, 422],
  })
  replay(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: ReplayDeliveriesRequestDto,
  ): Promise<{ replayed: number; deliveryIds: string[] }> {
    return this.services.call(deliveriesReplayRpc, { actor, payload: { ...body } });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiParam({ name: 'id', format: 'uuid', description: 'Delivery id' })
  @Endpoint({
    summary: 'Retry a dead delivery',
    description:
      'A DEAD delivery is due again at once, with a fresh retry schedule and the same `webhook-id`. One not DEAD is 409.',
    roles: ['admin'],
    success: {
      status: 200,
      schema: 'DeliveryView',
      description: 'The delivery, PENDING again',
      example: { ...DELIVERY_EXAMPLE, status: 'PENDING' },
    },
    problems: [404, 409],
  })
  retry(
    @Param('id', DeliveryIdPipe) deliveryId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<DeliveryView> {
    return this.services.call(deliveriesRetryRpc, { actor, payload: { deliveryId } });
  }
}
