import { AmqpUsers, AppName } from '@envrefresh/config';
import { VIEW_CHANGING_EVENT_FAMILIES, viewsExchange } from '../topology/gateway-views-topology';
import {
  EVENT_OWNER_NAMES,
  EVENT_OWNERS,
  EventOwner,
  RPC_SERVICES,
  RpcService,
  eventStreamName,
} from '@envrefresh/contracts';

/** What one broker user may do in the vhost: RabbitMQ's three regexes, and its topic permissions. */
export interface BrokerGrant {
  user: string;
  /** For the reader: which app or party the user is. */
  role: AppName | 'downstream';
  configure: string;
  write: string;
  read: string;
  /** Routing keys the user may publish (write) and bind (read) on the events exchange. */
  topic: { exchange: string; write: string; read: string };
}

export interface BrokerGrantOptions {
  /** AMQP_NAMESPACE: the prefix of every queue and exchange. */
  namespace: string;
  users: AmqpUsers;
  /** The example downstream account: its user, and the prefix its queues must carry. */
  downstream: { user: string; queuePrefix: string };
}

/**
 * Who calls whose RPC queue: the gateway every service; the intents service the conflicts
 * service (the approval gate, ADR 0009); conflicts asks intents for what its projections do not
 * know yet (ADR 0014), and so do scheduling (intents and environments for its schedules and
 * calendar, bookings and windows of conflicts for the calendar) and notifications (environments
 * and intents they meet before their events). A service that comes to call another is added here, and
 * the definitions are generated again.
 */
export const RPC_CALLERS: Partial<Record<AppName, readonly RpcService[]>> = {
  gateway: RPC_SERVICES,
  intents: ['conflicts'],
  conflicts: ['intents'],
  scheduling: ['intents', 'conflicts'],
  notifications: ['intents'],
};

/** Nothing: the regex RabbitMQ documents for "no resource". */
const NOTHING = '^$';

/**
 * Least privilege per user, derived from the topology names and the event owner map:
 * - a service configures, binds and reads only its own queues (events, retries, DLQ, RPC) and its
 *   dead-letter exchange; it declares the events exchange (configure, read) and publishes to it;
 * - `amq.default` write lets it schedule retries (to its retry queues) and answer RPCs (to reply
 *   queues): RabbitMQ checks only the exchange there, which is why consumers check user_id too;
 * - on the events exchange it may publish only the routing keys it owns (topic permissions);
 * - it declares the event stream and binds it (configure, write), and never reads it;
 * - the gateway declares its replicas' views fanout and their own queues under its name, binds them
 *   to it and to the events exchange (which it may declare, as it may start first) for the event
 *   families that change a view, reads them and publishes on the fanout (ADR 0031); it publishes
 *   no event;
 * - the downstream account declares, binds and reads queues of its own prefix, reads the events
 *   exchange and the event stream (to replay from an offset or a time), and writes nothing of ours.
 */
export function brokerGrants({ namespace, users, downstream }: BrokerGrantOptions): BrokerGrant[] {
  const ns = escapeRegex(namespace);
  const exchange = `${namespace}.events`;
  const stream = escapeRegex(eventStreamName(namespace));
  const grants: BrokerGrant[] = [];
  const gatewayCalls = RPC_CALLERS.gateway ?? [];
  const views = `${escapeRegex(viewsExchange(namespace))}(\\..+)?`;
  grants.push({
    user: users.gateway,
    role: 'gateway',
    configure: `^(${ns}\\.(${gatewayCalls.join('|')})\\.rpc|${ns}\\.events|${views})$`,
    write: `^(amq\\.default|${views})$`,
    read: `^(amq\\.rabbitmq\\.reply-to|${ns}\\.events|${views})$`,
    topic: { exchange, write: NOTHING, read: `^(${VIEW_CHANGING_EVENT_FAMILIES.join('|')})\\..+$` },
  });
  for (const service of RPC_SERVICES) {
    const own = `${ns}\\.${service}\\.(events(\\..+)?|rpc)`;
    const calls = RPC_CALLERS[service] ?? [];
    const called = calls.length > 0 ? `|${ns}\\.(${calls.join('|')})\\.rpc` : '';
    grants.push({
      user: users[service],
      role: service,
      configure: `^(${ns}\\.events|${stream}|${own}${called})$`,
      write: `^(${ns}\\.events|${stream}|${own}|amq\\.default)$`,
      read: `^(${ns}\\.events|${own}${calls.length > 0 ? '|amq\\.rabbitmq\\.reply-to' : ''})$`,
      topic: { exchange, write: ownedKeys(service), read: '.*' },
    });
  }
  const prefix = escapeRegex(downstream.queuePrefix);
  grants.push({
    user: downstream.user,
    role: 'downstream',
    configure: `^${prefix}.*`,
    write: `^${prefix}.*`,
    read: `^(${ns}\\.events|${stream}|${prefix}.*)$`,
    topic: { exchange, write: NOTHING, read: '.*' },
  });
  return grants;
}

function ownedKeys(service: RpcService): string {
  if (!(EVENT_OWNER_NAMES as readonly string[]).includes(service)) return NOTHING;
  return `^(${EVENT_OWNERS[service as EventOwner].join('|')})\\..+$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
