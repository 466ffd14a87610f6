import CircuitBreaker from 'opossum';
import { AttemptOutcome } from '../application/channel-sender.port';
import { BREAKER_STATE_VALUE, channelMetrics } from './channel-metrics';

export interface BreakerSettings {
  /** Failed share of the attempts in the rolling window (percent) that opens the circuit. */
  errorThresholdPercentage: number;
  /** Attempts in the window before the share counts, so one early failure cannot open it. */
  volumeThreshold: number;
  /** How long an open circuit refuses before it lets one trial attempt through. */
  resetTimeoutMs: number;
  /** The rolling window the share is computed over. */
  rollingWindowMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = {
  errorThresholdPercentage: 50,
  volumeThreshold: 5,
  resetTimeoutMs: 30_000,
  rollingWindowMs: 60_000,
};

/** Thrown inside the breaker so that it counts an attempt worth retrying as a failure. */
class RetryableAttempt extends Error {
  constructor(readonly outcome: AttemptOutcome) {
    super('retryable attempt');
  }
}

type Attempt = () => Promise<AttemptOutcome>;

/**
 * One circuit breaker per destination origin (scheme, host, port): a destination that keeps
 * timing out or answering 5xx is left alone for a while (RETRY "circuit open", no request) instead
 * of holding a worker for its full timeout each time, and other destinations are not affected.
 * Only RETRY outcomes count as failures: a 4xx proves the destination is up.
 */
export class OriginBreakers {
  private readonly breakers = new Map<string, CircuitBreaker<[Attempt], AttemptOutcome>>();

  constructor(private readonly settings: BreakerSettings = DEFAULT_BREAKER_SETTINGS) {}

  async run(origin: string, attempt: Attempt): Promise<AttemptOutcome> {
    const breaker = this.breakerOf(origin);
    const started = Date.now();
    try {
      return await breaker.fire(attempt);
    } catch (error) {
      if (error instanceof RetryableAttempt) return error.outcome;
      if ((error as { code?: string }).code === 'EOPENBREAKER')
        return {
          kind: 'RETRY',
          statusCode: null,
          error: `circuit open: ${origin} failed repeatedly; no request sent`,
          retryAfterMs: null,
          durationMs: Date.now() - started,
        };
      throw error;
    }
  }

  isOpen(origin: string): boolean {
    return this.breakers.get(origin)?.opened ?? false;
  }

  /** Stops the breakers' rolling-window timers. */
  shutdown(): void {
    for (const breaker of this.breakers.values()) breaker.shutdown();
    this.breakers.clear();
  }

  private breakerOf(origin: string): CircuitBreaker<[Attempt], AttemptOutcome> {
    const existing = this.breakers.get(origin);
    if (existing) return existing;
    const breaker = new CircuitBreaker(
      async (attempt: Attempt) => {
        const outcome = await attempt();
        if (outcome.kind === 'RETRY') throw new RetryableAttempt(outcome);
        return outcome;
      },
      {
        timeout: false, // the outbound client's deadline ends every attempt
        errorThresholdPercentage: this.settings.errorThresholdPercentage,
        volumeThreshold: this.settings.volumeThreshold,
        resetTimeout: this.settings.resetTimeoutMs,
        rollingCountTimeout: this.settings.rollingWindowMs,
      },
    );
    const host = new URL(origin).host;
    const gauge = channelMetrics.breakerOpen.labels({ host });
    breaker.on('open', () => gauge.set(BREAKER_STATE_VALUE.open));
    breaker.on('halfOpen', () => gauge.set(BREAKER_STATE_VALUE.halfOpen));
    breaker.on('close', () => gauge.set(BREAKER_STATE_VALUE.closed));
    gauge.set(BREAKER_STATE_VALUE.closed);
    this.breakers.set(origin, breaker);
    return breaker;
  }
}
