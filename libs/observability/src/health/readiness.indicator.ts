import { Inject, Injectable } from '@nestjs/common';
import {
  HealthIndicatorService,
  type HealthIndicatorFunction,
  type HealthIndicatorResult,
} from '@nestjs/terminus';
import { failureMessage } from './failure-message';
import type { ReadinessCheck } from './readiness-check';
import { READINESS_CHECKS, READINESS_TIMEOUT_MS } from './readiness.tokens';
import { withTimeout } from './with-timeout';

/** Turns each ReadinessCheck into a Terminus indicator that fails, with its reason, rather than hangs. */
@Injectable()
export class ReadinessIndicator {
  constructor(
    @Inject(READINESS_CHECKS) private readonly checks: ReadinessCheck[],
    @Inject(READINESS_TIMEOUT_MS) private readonly timeoutMs: number,
    private readonly indicators: HealthIndicatorService,
  ) {}

  indicatorFunctions(): HealthIndicatorFunction[] {
    return this.checks.map((check) => () => this.run(check));
  }

  private async run(check: ReadinessCheck): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(check.name);
    try {
      // Wrapped so that a check which throws before returning its promise is still a failure.
      const answered = Promise.resolve().then(() => check.check());
      await withTimeout(answered, this.timeoutMs, `no answer within ${this.timeoutMs} ms`);
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: failureMessage(error) });
    }
  }
}

/** Names key the response body, so an empty or repeated one would hide a check. */
export function validateReadinessChecks(checks: ReadinessCheck[]): ReadinessCheck[] {
  const seen = new Set<string>();
  for (const check of checks) {
    if (!check.name) throw new Error('Every readiness check needs a name');
    if (seen.has(check.name)) throw new Error(`Two readiness checks are named "${check.name}"`);
    seen.add(check.name);
  }
  return checks;
}
