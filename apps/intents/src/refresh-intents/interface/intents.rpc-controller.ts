import { Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CreateIntentRequest, IntentView, intentsCreateRpc } from '@envrefresh/contracts';
import { RpcCorrelationInterceptor, RpcProblemFilter } from '@envrefresh/messaging';
import { FileIntentUseCase } from '../application/file-intent.use-case';
import { intentProblem } from './intent-problem.mapper';

@Controller()
@UseInterceptors(RpcCorrelationInterceptor)
@UseFilters(new RpcProblemFilter(intentProblem))
export class IntentsRpcController {
  constructor(private readonly fileIntent: FileIntentUseCase) {}

  @MessagePattern(intentsCreateRpc.pattern)
  create(@Payload() request: CreateIntentRequest): Promise<IntentView> {
    return this.fileIntent.execute(request);
  }
}
