import { intentRequestedEvent } from '../events/catalog/intent.events';
import { RPC_SERVICES, RpcReplyOf, RpcRequestOf } from './rpc-contract';
import { RPC_CATALOG } from './rpc-catalog';
import { intentsCreateRpc } from './intents.rpc';
import { PING_RPCS, pingReply } from './ping.rpc';

describe('RPC catalog', () => {
  it('names every pattern after the service that answers it, once', () => {
    const patterns = RPC_CATALOG.map((contract) => contract.pattern);
    expect(new Set(patterns).size).toBe(patterns.length);
    for (const contract of RPC_CATALOG)
      expect(contract.pattern.startsWith(`${contract.service}.`)).toBe(true);
  });

  it('lets the gateway ping every service', () => {
    expect(PING_RPCS.map((contract) => contract.service)).toEqual([...RPC_SERVICES]);
    expect(PING_RPCS.map((contract) => contract.pattern)).toEqual([
      'intents.ping',
      'conflicts.ping',
      'scheduling.ping',
      'notifications.ping',
    ]);
  });

  it('routes intent creation to the intents service, typed on both ends', () => {
    const request: RpcRequestOf<typeof intentsCreateRpc> = {
      assertion: 'a signed user assertion (ADR 0017)',
      correlationId: 'req-1',
      payload: {
        environmentId: 'env-1',
        refreshType: 'FULL_COPY',
        plannedStart: '2025-03-01T22:00:00Z',
        plannedEnd: '2025-03-02T02:00:00Z',
        reason: 'regression cycle',
      },
    };
    const reply: RpcReplyOf<typeof intentsCreateRpc> = intentRequestedEvent.example;
    // @ts-expect-error the reply is an IntentView, which `npm run typecheck` enforces
    const wrongReply: RpcReplyOf<typeof intentsCreateRpc> = { service: 'intents', ok: true, at: '' };
    expect(intentsCreateRpc).toMatchObject({ pattern: 'intents.create', service: 'intents' });
    expect([request.payload.refreshType, reply.status, wrongReply]).toBeDefined();
  });

  it('builds a ping reply with an ISO time', () => {
    expect(pingReply('scheduling', new Date('2025-03-01T22:00:00Z'))).toEqual({
      service: 'scheduling',
      ok: true,
      at: '2025-03-01T22:00:00.000Z',
    });
  });
});
