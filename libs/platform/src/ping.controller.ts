import { Controller, Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { WithoutUserProof } from '@envrefresh/application';
import { PingReply, RpcService, pingReply } from '@envrefresh/contracts';

/** Answers the gateway's readiness ping on the service's RPC queue. */
export function createPingController(service: RpcService): Type<unknown> {
  @Controller()
  class PingController {
    @MessagePattern(`${service}.ping`)
    @WithoutUserProof()
    ping(): PingReply {
      return pingReply(service);
    }
  }
  return PingController;
}
