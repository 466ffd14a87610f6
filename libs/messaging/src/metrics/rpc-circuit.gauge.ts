import { CIRCUIT_STATE_VALUE, getOrCreateGauge } from '@envrefresh/observability';

const rpcCircuitState = getOrCreateGauge({
  name: 'rpc_circuit_breaker_state',
  help: 'Circuit breaker of the RPC calls to a service: 0 closed, 1 half open, 2 open',
  labelNames: ['target'],
});

/** Shows the breaker's state from now on, starting closed, so a dashboard sees every target. */
/** The part of an opossum breaker this reads: its state-change events. */
interface BreakerEvents {
  on(event: 'open' | 'halfOpen' | 'close', listener: () => void): unknown;
}

export function trackRpcCircuit(target: string, breaker: BreakerEvents): void {
  const show = (state: keyof typeof CIRCUIT_STATE_VALUE) => () =>
    rpcCircuitState.set({ target }, CIRCUIT_STATE_VALUE[state]);
  show('closed')();
  breaker.on('open', show('open'));
  breaker.on('halfOpen', show('halfOpen'));
  breaker.on('close', show('closed'));
}
