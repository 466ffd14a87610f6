import { APP_NAMES, AppName } from '@envrefresh/config';
import { freePort, startTcpProxy, TcpProxy } from '@envrefresh/testing';
import { SuiteSettings, environmentOf } from '../../api/support/api-suite';
import { ChildApp, startChildApp } from '../../api/support/child-app';
import { waitUntilAnswering } from '../../api/support/wait-until-answering';

/** Processes per app: the gateway is one, each backend service runs two replicas. */
export const REPLICAS: Record<AppName, number> = {
  gateway: 1,
  intents: 2,
  conflicts: 2,
  scheduling: 2,
  notifications: 2,
};

export interface SuiteTargets {
  /** The harness's own Postgres: host and port every database proxy relays to. */
  postgres: { port: number; databaseUrl: string };
  /** The harness's own broker: port, and each app's AMQP URL (its own user) as if there were no proxy. */
  broker: { port: number; urlOf(app: AppName): string };
}

/** One running process of the suite, with the proxies only it connects through. */
export interface SuiteProcess {
  readonly label: string;
  readonly app: AppName;
  readonly baseUrl: string;
  readonly amqpProxy: TcpProxy;
  readonly databaseProxy?: TcpProxy;
  child: ChildApp;
}

/**
 * The five apps as separate production processes, two replicas of every backend, each process
 * behind a TCP proxy of its own to Postgres and to RabbitMQ (libs/testing's), so the harness can
 * cut every connection at once without touching either server, kill one replica and start it again
 * on the same port, or stop a whole service for a while.
 */
export class FaultedSuite {
  private constructor(
    readonly processes: SuiteProcess[],
    private readonly environments: Map<string, Record<string, string>>,
  ) {}

  static async start(settings: SuiteSettings, targets: SuiteTargets): Promise<FaultedSuite> {
    const processes: SuiteProcess[] = [];
    const environments = new Map<string, Record<string, string>>();
    const suite = new FaultedSuite(processes, environments);
    try {
      for (const app of APP_NAMES) {
        for (let replica = 1; replica <= REPLICAS[app]; replica += 1) {
          const label = REPLICAS[app] > 1 ? `${app}#${replica}` : app;
          const port = await freePort();
          const amqpProxy = await startTcpProxy('127.0.0.1', targets.broker.port);
          const databaseProxy =
            app === 'gateway' ? undefined : await startTcpProxy('127.0.0.1', targets.postgres.port);
          const environment = {
            ...environmentOf(settings, app, port),
            AMQP_URL: amqpProxy.url(targets.broker.urlOf(app)),
            ...(databaseProxy ? { DATABASE_URL: databaseProxy.url(targets.postgres.databaseUrl) } : {}),
          };
          environments.set(label, environment);
          const child = startChildApp(label, `dist/apps/${app}/src/main.js`, environment);
          processes.push({
            label,
            app,
            baseUrl: `http://127.0.0.1:${port}`,
            amqpProxy,
            databaseProxy,
            child,
          });
        }
      }
      await Promise.all(
        processes.map((process) =>
          waitUntilAnswering(process.child, `${process.baseUrl}/health/ready`, 120_000),
        ),
      );
      return suite;
    } catch (error) {
      await suite.stop();
      throw error;
    }
  }

  get gatewayUrl(): string {
    return this.processes.find((process) => process.app === 'gateway')!.baseUrl;
  }

  replicas(app: AppName): SuiteProcess[] {
    return this.processes.filter((process) => process.app === app);
  }

  sever(which: 'broker' | 'database'): void {
    for (const process of this.processes)
      (which === 'broker' ? process.amqpProxy : process.databaseProxy)?.sever();
  }

  restore(which: 'broker' | 'database'): void {
    for (const process of this.processes)
      (which === 'broker' ? process.amqpProxy : process.databaseProxy)?.restore();
  }

  /** SIGKILL: no shutdown hook runs, whatever the process held in memory is gone. */
  async kill(process: SuiteProcess): Promise<void> {
    process.child.child.kill('SIGKILL');
    await process.child.exited;
  }

  /** SIGTERM and wait: the app's graceful shutdown. */
  async stopProcess(process: SuiteProcess): Promise<void> {
    await process.child.stop(30_000);
  }

  /** Starts a stopped or killed process again, on its port and behind its proxies, and waits until it is ready. */
  async restart(process: SuiteProcess): Promise<void> {
    process.child = startChildApp(
      process.label,
      `dist/apps/${process.app}/src/main.js`,
      this.environments.get(process.label)!,
    );
    await waitUntilAnswering(process.child, `${process.baseUrl}/health/ready`, 120_000);
  }

  /** True when every process answers its readiness probe with 200 right now. */
  async allReady(): Promise<boolean> {
    return (await this.notReady()).length === 0;
  }

  /** The processes not ready right now, each with what its probe said (or that it has exited). */
  async notReady(): Promise<string[]> {
    const answers = await Promise.all(
      this.processes.map(async (process) => {
        if (process.child.child.exitCode !== null || process.child.child.signalCode !== null)
          return `${process.label} exited ${process.child.child.exitCode ?? process.child.child.signalCode}`;
        try {
          const response = await fetch(`${process.baseUrl}/health/ready`, {
            signal: AbortSignal.timeout(2_000),
          });
          return response.status === 200
            ? ''
            : `${process.label}: ${response.status} ${(await response.text()).slice(0, 300)}`;
        } catch (error) {
          return `${process.label}: ${(error as Error).message}`;
        }
      }),
    );
    return answers.filter(Boolean);
  }

  async stop(): Promise<string[]> {
    const exits = await Promise.all(
      this.processes.map(async (process) => ({ process, exit: await process.child.stop() })),
    );
    await Promise.all(
      this.processes.flatMap((process) => [process.amqpProxy.close(), process.databaseProxy?.close()]),
    );
    return exits
      .filter(({ exit }) => exit.code !== 0 && exit.signal !== 'SIGTERM' && exit.signal !== 'SIGKILL')
      .map(({ process, exit }) => `${process.label} exited ${exit.code ?? exit.signal}`);
  }
}
