import { Logger } from '@nestjs/common';
import { ClientProxy, ClientProxyFactory, RmqRecord, Transport } from '@nestjs/microservices';
import CircuitBreaker from 'opossum';
import { TimeoutError, firstValueFrom, timeout } from 'rxjs';
import { EnvReader } from '@envrefresh/config';
import { isRemoteProblem } from '@envrefresh/contracts';
import { CorrelationContext } from '@envrefresh/observability';
import { SpanKind, inSpan, traceHeaders } from '@envrefresh/tracing';
import { trackRpcCircuit } from '../metrics/rpc-circuit.gauge';
import { BROKER_HEARTBEAT_SECONDS, BROKER_RECONNECT_SECONDS } from '../connection/amqp-connection';
import { rpcQueue } from '../topology/topology';
import { RemoteProblemError, RemoteTimeoutError, RemoteUnavailableError } from './remote-call.errors';

/** RPC_TIMEOUT_MS: how long a caller waits for a service's answer (the gateway, and intents asking conflicts). */
export function readRpcTimeoutMs(env: EnvReader): number {
  return env.int('RPC_TIMEOUT_MS', 5000, { min: 100, max: 120000 });
}

export interface RpcClientOptions {
  amqpUrl: string;
  namespace: string;
  service: string;
  timeoutMs: number;
  /** Failure ratio (percent) over the rolling window that opens the circuit. */
  errorThresholdPercentage?: number;
  /** How long an open circuit waits before letting one trial call through. */
  resetTimeoutMs?: number;
  /** Calls in the rolling window before the ratio counts, so one early failure cannot trip it. */
  volumeThreshold?: number;
}

/**
 * Calls one service over its RPC queue. Every call carries the caller's correlation id, has a
 * timeout, and passes a circuit breaker; a problem the service answered with (4xx) is a normal
 * answer and never opens the circuit.
 */
export class RpcClient {
  private readonly logger = new Logger(RpcClient.name);
  private readonly proxy: ClientProxy;
  private readonly breaker: CircuitBreaker<[string, unknown], unknown>;

  constructor(private readonly options: RpcClientOptions) {
    this.proxy = ClientProxyFactory.create({
      transport: Transport.RMQ,
      options: {
        urls: [options.amqpUrl],
        queue: rpcQueue(options.namespace, options.service),
        queueOptions: { durable: true },
        persistent: false,
        socketOptions: {
          reconnectTimeInSeconds: BROKER_RECONNECT_SECONDS,
          heartbeatIntervalInSeconds: BROKER_HEARTBEAT_SECONDS,
        },
      },
    });
    this.breaker = new CircuitBreaker((pattern: string, payload: unknown) => this.call(pattern, payload), {
      timeout: false,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      resetTimeout: options.resetTimeoutMs ?? 10_000,
      volumeThreshold: options.volumeThreshold ?? 5,
      errorFilter: (error: unknown) => error instanceof RemoteProblemError && error.problem.status < 500,
    });
    this.breaker.on('open', () => this.logger.warn(`circuit to ${options.service} opened`));
    this.breaker.on('close', () => this.logger.log(`circuit to ${options.service} closed`));
    trackRpcCircuit(options.service, this.breaker);
  }

  get service(): string {
    return this.options.service;
  }

  /**
   * Sends `payload` plus the current correlation id; resolves with the reply or throws a
   * Remote*Error. The call is a client span, whose context travels in the request's headers.
   */
  send<TReply>(pattern: string, payload: object): Promise<TReply> {
    const calling = {
      name: pattern,
      kind: SpanKind.CLIENT,
      attributes: { 'rpc.system': 'rabbitmq', 'rpc.service': this.options.service, 'rpc.method': pattern },
      // A readiness ping or a timer's call starts no trace of its own.
      onlyInTrace: true,
    };
    return inSpan(calling, () => this.fire<TReply>(pattern, payload));
  }

  private async fire<TReply>(pattern: string, payload: object): Promise<TReply> {
    try {
      return (await this.breaker.fire(pattern, {
        ...payload,
        correlationId: CorrelationContext.correlationId(),
      })) as TReply;
    } catch (error) {
      if (error instanceof RemoteProblemError || error instanceof RemoteTimeoutError) throw error;
      if (this.breaker.opened || (error as { code?: string }).code === 'EOPENBREAKER') {
        throw new RemoteUnavailableError(this.options.service, 'circuit open after repeated failures');
      }
      throw new RemoteUnavailableError(this.options.service, (error as Error).message ?? String(error));
    }
  }

  isCircuitOpen(): boolean {
    return this.breaker.opened;
  }

  async close(): Promise<void> {
    this.breaker.shutdown();
    await this.proxy.close();
  }

  private async call(pattern: string, payload: unknown): Promise<unknown> {
    try {
      return await firstValueFrom(
        this.proxy.send(pattern, withTraceHeaders(payload)).pipe(timeout(this.options.timeoutMs)),
      );
    } catch (error) {
      if (error instanceof TimeoutError)
        throw new RemoteTimeoutError(this.options.service, this.options.timeoutMs);
      if (isRemoteProblem(error)) throw new RemoteProblemError(this.options.service, error);
      throw error;
    }
  }
}

/**
 * The W3C trace context rides in the AMQP headers, beside the body the user proof signs (which it
 * leaves as it is); without tracing the request is the plain payload, as before.
 */
function withTraceHeaders(payload: unknown): unknown {
  const headers = traceHeaders();
  return Object.keys(headers).length === 0 ? payload : new RmqRecord(payload, { headers });
}
