import { randomUUID, createSecretKey } from 'node:crypto';
import amqp from 'amqplib';
import Fastify from 'fastify';
import { jwtVerify } from 'jose';

/**
 * The floor of `npm run bench:api`, front half: the hops of `GET /api/v1/intents/{id}` written
 * by hand with no framework. Fastify, the JWT checked with jose as the gateway checks it (HS256,
 * issuer, audience, a KeyObject made once), one amqplib RPC round trip to floor-service over a
 * durable queue with direct reply-to, the service's JSON passed back. No logging, no validation
 * beyond the token, no user assertion: what is left is what this architecture cannot avoid.
 * Prints `listening <url>` once it answers.
 */
const REPLY_TO = 'amq.rabbitmq.reply-to';

async function main(): Promise<void> {
  const queue = required('FLOOR_QUEUE');
  const key = createSecretKey(Buffer.from(required('JWT_SECRET')));
  const connection = await amqp.connect(required('AMQP_URL'));
  const channel = await connection.createChannel();
  // Declared here too, so a request sent before the service consumes waits in the queue.
  await channel.assertQueue(queue, { durable: true });
  const waiting = new Map<string, (body: Buffer) => void>();
  await channel.consume(
    REPLY_TO,
    (message) => {
      const correlationId = message?.properties.correlationId as string | undefined;
      const answer = correlationId === undefined ? undefined : waiting.get(correlationId);
      if (!message || !answer) return;
      waiting.delete(correlationId!);
      answer(message.content);
    },
    { noAck: true },
  );
  const call = (intentId: string) =>
    new Promise<Buffer>((resolve) => {
      const correlationId = randomUUID();
      waiting.set(correlationId, resolve);
      channel.sendToQueue(queue, Buffer.from(JSON.stringify({ intentId })), {
        correlationId,
        replyTo: REPLY_TO,
        contentType: 'application/json',
      });
    });

  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/floor/intents/:id', async (request, reply) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return reply.code(401).send({ title: 'no token' });
    try {
      await jwtVerify(token, key, {
        algorithms: ['HS256'],
        issuer: 'envrefresh',
        audience: 'envrefresh-api',
      });
    } catch {
      return reply.code(401).send({ title: 'bad token' });
    }
    const body = await call(request.params.id);
    return reply.type('application/json').send(body);
  });
  // Ready once a whole round trip (broker, service, Postgres) has answered.
  app.get<{ Params: { id: string } }>('/ready/:id', async (request, reply) =>
    reply.type('application/json').send(await call(request.params.id)),
  );
  const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  process.once(
    'SIGTERM',
    () =>
      void app
        .close()
        .then(() => connection.close())
        .finally(() => process.exit(0)),
  );
  console.log(`listening ${address}`);
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
