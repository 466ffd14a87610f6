import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ApiExcludeController } from '@nestjs/swagger';
import { ReadinessIndicator } from './readiness.indicator';
import { recordReadiness } from './readiness.metrics';

@ApiExcludeController()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: ReadinessIndicator,
  ) {}

  /** Answers while the event loop does; restarting the process is the only cure for a no. */
  @Get('live')
  @HealthCheck()
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  /** 503, naming each failed dependency and why, until the app can serve requests. */
  @Get('ready')
  @HealthCheck()
  async ready(): Promise<HealthCheckResult> {
    try {
      const result = await this.health.check(this.readiness.indicatorFunctions());
      recordReadiness(true);
      return result;
    } catch (error) {
      recordReadiness(false);
      throw error;
    }
  }
}
