import type { ReadinessCheck } from '@envrefresh/observability';

/**
 * Whether the service's RPC server is consuming its request queue right now. The events
 * connection's readiness said nothing about it: after a broker cut the RPC server came back on a
 * connection of its own, later, and requests waited in its queue meanwhile (504s the fault harness
 * counted after "ready"). The server reports each consume and each loss; readiness asks here.
 */
export class RpcServerReadiness implements ReadinessCheck {
  readonly name = 'rpc';
  private consumerTag?: string;
  private lost = 'the RPC server has not started consuming its queue yet';

  consuming(consumerTag: string): void {
    this.consumerTag = consumerTag;
  }

  stopped(reason: string): void {
    this.consumerTag = undefined;
    this.lost = `the RPC server is not consuming its queue: ${reason}`;
  }

  isConsuming(): boolean {
    return this.consumerTag !== undefined;
  }

  async check(): Promise<void> {
    if (!this.isConsuming()) throw new Error(this.lost);
  }
}
