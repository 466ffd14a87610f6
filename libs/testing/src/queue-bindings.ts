import { rabbitmqctl } from './rabbitmqctl';

/**
 * The routing keys binding `queue` to `exchange`, as the broker itself lists them (rabbitmqctl
 * `list_bindings` in the vhost of `amqpUrl`), sorted: what a spec compares with the types a
 * consumer handles. One call costs an Erlang VM start (~1.5 s).
 */
export async function queueBindings(amqpUrl: string, exchange: string, queue: string): Promise<string[]> {
  const vhost = decodeURIComponent(new URL(amqpUrl).pathname.slice(1)) || '/';
  const listing = await rabbitmqctl([
    'list_bindings',
    '--quiet',
    '--no-table-headers',
    '-p',
    vhost,
    'source_name',
    'destination_name',
    'routing_key',
  ]);
  return listing
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([source, destination]) => source === exchange && destination === queue)
    .map(([, , key]) => key)
    .sort();
}
