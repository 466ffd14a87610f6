import { Controller, INestMicroservice } from '@nestjs/common';
import { MessagePattern, MicroserviceOptions } from '@nestjs/microservices';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { createTestNamespace, deleteAmqpNamespace, testAmqpUrl } from '@envrefresh/testing';
import { RpcClient, rpcQueue, rpcServerOptions } from '../src';

@Controller()
class EchoController {
  @MessagePattern('intents.echo')
  echo(data: { n: number }): { n: number } {
    return { n: data.n };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('request/reply over the RPC queue', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let server: INestMicroservice;
  let client: RpcClient;

  beforeAll(async () => {
    server = await NestFactory.createMicroservice<MicroserviceOptions>(EchoModule, {
      ...rpcServerOptions({ amqpUrl, namespace, service: 'intents', prefetch: 5 }),
      logger: false,
    });
    await server.listen();
    client = new RpcClient({ amqpUrl, namespace, service: 'intents', timeoutMs: 5000 });
  });

  afterAll(async () => {
    await client?.close();
    await server?.close();
    await deleteAmqpNamespace(amqpUrl, { queues: [rpcQueue(namespace, 'intents')], exchanges: [] });
  });

  it('keeps answering far beyond its prefetch: no request is left holding the queue', async () => {
    for (let n = 0; n < 60; n += 1) {
      await expect(client.send<{ n: number }>('intents.echo', { n })).resolves.toEqual({ n });
    }
  });
});
