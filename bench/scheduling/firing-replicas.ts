import { DataSource } from 'typeorm';
import { SystemClock } from '@envrefresh/kernel';
import { EventFactory, OutboxRepository, UnitOfWork } from '@envrefresh/messaging';
import { createServiceDataSource } from '@envrefresh/persistence';
import { FireJobsUseCase } from '../../apps/scheduling/src/schedules/application/fire-jobs.use-case';
import { ScheduleJobsWorker } from '../../apps/scheduling/src/schedules/infrastructure/schedule-jobs.worker';
import { SqlScheduleRepository } from '../../apps/scheduling/src/schedules/infrastructure/sql-schedule.repository';
import { SqlSchedulingProjections } from '../../apps/scheduling/src/schedules/infrastructure/sql-scheduling-projections';
import { SchedulingConfig } from '../../apps/scheduling/src/scheduling.config';

/**
 * `count` replicas of the service's firing worker, each with its own pool, wired as the app wires
 * them (the app's own classes, no Nest). They share this process's event loop, so three here are
 * a floor for three processes, not a ceiling. No relay runs: what is measured is firing into the
 * outbox, which is where "fired" is decided.
 */
export class FiringReplicas {
  private constructor(
    private readonly dataSources: DataSource[],
    private readonly workers: ScheduleJobsWorker[],
  ) {}

  static async start(
    databaseUrl: string,
    count: number,
    settings: { batchSize: number; pollIntervalMs: number },
  ): Promise<FiringReplicas> {
    const dataSources: DataSource[] = [];
    const workers: ScheduleJobsWorker[] = [];
    const clock = new SystemClock();
    const config = {
      jobBatchSize: settings.batchSize,
      jobPollIntervalMs: settings.pollIntervalMs,
    } as SchedulingConfig;
    for (let index = 0; index < count; index += 1) {
      const dataSource = await createServiceDataSource({
        url: databaseUrl,
        schema: 'scheduling',
        applicationName: `bench-scheduling-${index}`,
        poolSize: 4,
      }).initialize();
      dataSources.push(dataSource);
      const schedules = new SqlScheduleRepository();
      const fire = new FireJobsUseCase(
        schedules,
        new SqlSchedulingProjections(),
        new EventFactory('scheduling', clock),
        clock,
      );
      const unitOfWork = new UnitOfWork(dataSource, new OutboxRepository('scheduling'));
      workers.push(new ScheduleJobsWorker(dataSource, unitOfWork, fire, schedules, config, clock));
    }
    for (const worker of workers) worker.onApplicationBootstrap();
    return new FiringReplicas(dataSources, workers);
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.beforeApplicationShutdown()));
    await Promise.all(this.dataSources.map((dataSource) => dataSource.destroy()));
  }
}
