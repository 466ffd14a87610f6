import amqp from 'amqplib';
import { Pool } from 'pg';

/**
 * The floor of `npm run bench:api`, back half: takes RPC requests from its queue (acked on
 * delivery, as the services' RPC servers take them), runs one query for the intent's row on a
 * pool of 10 (the services' DATABASE_POOL_SIZE default) and replies to the caller's reply-to.
 * Prints `ready` once consuming.
 */
const INTENT_ROW = 'SELECT * FROM intents.refresh_intents WHERE id = $1';

async function main(): Promise<void> {
  const queue = required('FLOOR_QUEUE');
  const pool = new Pool({ connectionString: required('DATABASE_URL'), max: 10 });
  const connection = await amqp.connect(required('AMQP_URL'));
  const channel = await connection.createChannel();
  await channel.assertQueue(queue, { durable: true });
  await channel.consume(
    queue,
    (message) => {
      if (!message) return;
      const { intentId } = JSON.parse(message.content.toString()) as { intentId: string };
      void pool.query(INTENT_ROW, [intentId]).then(
        ({ rows }) => reply(rows[0] ?? null),
        (error: Error) => reply({ error: error.message }),
      );
      const reply = (body: unknown) =>
        channel.sendToQueue(message.properties.replyTo as string, Buffer.from(JSON.stringify(body)), {
          correlationId: message.properties.correlationId as string,
          contentType: 'application/json',
        });
    },
    { noAck: true },
  );
  process.once(
    'SIGTERM',
    () =>
      void connection
        .close()
        .then(() => pool.end())
        .finally(() => process.exit(0)),
  );
  console.log('ready');
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
