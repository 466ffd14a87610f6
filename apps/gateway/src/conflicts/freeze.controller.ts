import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import { FreezeView, conflictsFreezeRpc } from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Endpoint } from '../openapi/endpoint.decorator';
import { FREEZE_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';
import { ViewsService } from '../views/application/views.service';
import { FreezeQueryDto } from './freeze.query.dto';

@ApiTags('conflicts')
@Controller('freeze')
export class FreezeController {
  constructor(
    private readonly services: ServiceClients,
    private readonly views: ViewsService,
  ) {}

  @Get()
  @Endpoint({
    conditional: true,
    summary: 'May this environment be changed now? For CI/CD pipelines and refresh executors',
    description:
      'Ask before deploying to or refreshing an environment. `frozen: true` while a BLOCKING reason holds at `at` (default now): a blackout window covering it, a HIGH or CRITICAL booking, or an approved refresh. `reasons` explains each finding at that instant; only BLOCKING ones freeze. A refresh you may not see is named only as "another refresh" with its window.',
    roles: ['viewer'],
    success: {
      status: 200,
      schema: 'FreezeView',
      description: 'The verdict and its reasons',
      example: FREEZE_EXAMPLE,
    },
    problems: [400, 404],
  })
  freeze(@CurrentActor() actor: AuthenticatedActor, @Query() query: FreezeQueryDto): Promise<FreezeView> {
    const ask = () => this.services.call(conflictsFreezeRpc, { actor, payload: { ...query } });
    // Only "now" is kept (ADR 0031): a verdict at a given instant is asked for rarely.
    if (query.at !== undefined) return ask();
    return this.views.freeze(actor, query.environmentId, ask);
  }
}
