import { Controller, Get, Param } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import { ScheduleView, intentsGetRpc, schedulesGetRpc } from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { IntentIdPipe } from '../http/path-params.pipe';
import { Endpoint } from '../openapi/endpoint.decorator';
import { SCHEDULE_EXAMPLE } from '../openapi/view-schemas';
import { ServiceClients } from '../services/service-clients';

@ApiTags('schedules')
@Controller('schedules')
export class SchedulesController {
  constructor(private readonly services: ServiceClients) {}

  @Get(':intentId')
  @ApiParam({ name: 'intentId', format: 'uuid', description: 'Intent id' })
  @Endpoint({
    conditional: true,
    summary: "An intent's schedule: reminders, start signal and overrun alarm",
    description:
      "Made when the intent is approved (a reminder whose moment had already passed is SKIPPED), CANCELLED when the intent goes back to REQUESTED or is cancelled (a re-approval makes a new one, shown from then on), DONE when it ends. Each job is PENDING until it FIRES (`firedAt`), once. Visibility is the intent's: 404 when you may not see it, or when it was never approved (`SCHEDULE.NOT_FOUND`). Right after an approval the schedule is already there: the scheduling service catches up with the intent as this request read it.",
    roles: ['viewer'],
    success: { status: 200, schema: 'ScheduleView', description: 'The schedule', example: SCHEDULE_EXAMPLE },
    problems: [404, 503],
  })
  async get(
    @Param('intentId', IntentIdPipe) intentId: string,
    @CurrentActor() actor: AuthenticatedActor,
  ): Promise<ScheduleView> {
    // Reading the intent first applies the intents service's visibility (404) and gives the
    // version the schedule must be for (ADR 0014), as for GET /intents/{id}/conflicts.
    const { version } = await this.services.call(intentsGetRpc, { actor, payload: { intentId } });
    return this.services.call(schedulesGetRpc, { actor, payload: { intentId, version } });
  }
}
