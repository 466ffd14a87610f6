import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthenticatedActor } from '@envrefresh/auth';
import { CreateIntentRequest, IntentView, intentsCreateRpc } from '@envrefresh/contracts';
import { CurrentActor } from '../auth/current-actor.decorator';
import { RequireRoles } from '../auth/roles.decorator';
import { ServiceClients } from '../services/service-clients';
import { CreateIntentRequestDto } from './create-intent.request.dto';

@ApiTags('intents')
@Controller('intents')
export class IntentsController {
  constructor(private readonly services: ServiceClients) {}

  @Post()
  @HttpCode(201)
  @RequireRoles('requester')
  @ApiOperation({ summary: 'File a refresh intent (DRAFT, or REQUESTED with submit: true)' })
  @ApiCreatedResponse({ description: 'The intent as filed' })
  create(
    @CurrentActor() actor: AuthenticatedActor,
    @Body() body: CreateIntentRequestDto,
  ): Promise<IntentView> {
    const request: Omit<CreateIntentRequest, 'correlationId'> = { actor, payload: { ...body } };
    return this.services.get('intents').send<IntentView>(intentsCreateRpc.pattern, request);
  }
}
