import Fastify from 'fastify';

/**
 * The yardstick of `npm run bench:api`: plain Fastify answering one JSON object, no Nest, no
 * auth, no logging, run as its own process like the gateway so both pay the same process costs.
 * It prints its port once listening.
 */
async function main(): Promise<void> {
  const app = Fastify({ logger: false });
  app.get('/bare', async () => ({ hello: 'world' }));
  const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  console.log(`listening ${address}`);
}

main().catch((error: Error) => {
  console.error(error.stack ?? error.message);
  process.exit(1);
});
