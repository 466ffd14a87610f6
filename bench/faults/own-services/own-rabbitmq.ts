import { ChildProcess, spawn } from 'node:child_process';
import { chownSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { freePort } from '@envrefresh/testing';
import { run, waitFor } from './own-process';

const RABBITMQ_SERVER = '/usr/lib/rabbitmq/bin/rabbitmq-server';
/** The Debian wrapper: as root it runs the real rabbitmqctl as the rabbitmq user, with its cookie. */
const RABBITMQCTL = 'rabbitmqctl';
const SERVICE_USER = 'rabbitmq';
/** rabbitmq-server's own account keeps the Erlang cookie rabbitmqctl needs to reach the node. */
const SERVICE_HOME = '/var/lib/rabbitmq';
const START_TIMEOUT_MS = 90_000;

export interface QueueRow {
  name: string;
  messages: number;
}

export interface BindingRow {
  source_name: string;
  destination_name: string;
  routing_key: string;
}

/**
 * A RabbitMQ node of the harness's own: its own node name, AMQP and distribution ports, data and
 * log folders under `baseDir`, no plugins (so no management port), and a config file of its own
 * so the machine's /etc/rabbitmq (which the shared broker reads) is never applied. Restarting it
 * is a fault the harness injects; the shared broker other runs use is never named.
 */
export class OwnRabbitNode {
  private process?: ChildProcess;

  private constructor(
    readonly nodeName: string,
    readonly port: number,
    private readonly distributionPort: number,
    private readonly baseDir: string,
  ) {}

  static async create(baseDir: string, runId: string): Promise<OwnRabbitNode> {
    const node = new OwnRabbitNode(
      `envrefresh-faults-${runId}@localhost`,
      await freePort(),
      await freePort(),
      baseDir,
    );
    node.prepareFolders();
    return node;
  }

  /** An AMQP URL on this node for `user`, optionally through a proxy port. */
  url(user: string, password: string, vhost: string): string {
    return `amqp://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${encodeURIComponent(vhost)}`;
  }

  async start(): Promise<void> {
    const asRoot = process.getuid?.() === 0;
    const env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: asRoot ? SERVICE_HOME : (process.env.HOME ?? SERVICE_HOME),
      RABBITMQ_NODENAME: this.nodeName,
      RABBITMQ_NODE_PORT: String(this.port),
      RABBITMQ_DIST_PORT: String(this.distributionPort),
      RABBITMQ_MNESIA_BASE: path.join(this.baseDir, 'mnesia'),
      RABBITMQ_LOG_BASE: path.join(this.baseDir, 'log'),
      RABBITMQ_CONFIG_FILE: path.join(this.baseDir, 'rabbitmq.conf'),
      RABBITMQ_ENABLED_PLUGINS_FILE: path.join(this.baseDir, 'enabled_plugins'),
      RABBITMQ_CONF_ENV_FILE: path.join(this.baseDir, 'rabbitmq-env.conf'),
      ERL_EPMD_ADDRESS: '127.0.0.1',
    };
    const [command, args] = asRoot
      ? [
          'runuser',
          [
            '-u',
            SERVICE_USER,
            '--',
            'env',
            ...Object.entries(env).map(([k, v]) => `${k}=${v}`),
            RABBITMQ_SERVER,
          ],
        ]
      : [RABBITMQ_SERVER, []];
    const child = spawn(command as string, args as string[], {
      env: asRoot ? { PATH: env.PATH } : { ...env },
      cwd: this.baseDir,
      stdio: 'ignore',
    });
    this.process = child;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const up = await Promise.race([
      waitFor(() => portOpen(this.port), START_TIMEOUT_MS, 250),
      exited.then(() => false),
    ]);
    if (!up) throw new Error(`RabbitMQ node ${this.nodeName} did not start; see ${this.baseDir}/log`);
    await this.ctl(['await_startup', '--timeout', '60']);
  }

  /** Stops the node and waits until its process is gone. */
  async stop(): Promise<void> {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.process!.once('exit', () => resolve()));
    await this.ctl(['shutdown']).catch(() => this.process?.kill('SIGTERM'));
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** rabbitmqctl against this node only (`-n`), never the default one. */
  ctl(args: readonly string[], input?: string): Promise<string> {
    return run(RABBITMQCTL, ['-n', this.nodeName, ...args], { input, timeoutMs: 90_000 });
  }

  async importDefinitions(definitions: object): Promise<void> {
    await this.ctl(['import_definitions', '--format', 'json'], JSON.stringify(definitions));
  }

  async queues(vhost: string): Promise<QueueRow[]> {
    const output = await this.ctl([
      'list_queues',
      '-p',
      vhost,
      'name',
      'messages',
      '--formatter',
      'json',
      '--quiet',
    ]);
    return JSON.parse(output || '[]') as QueueRow[];
  }

  async bindings(vhost: string): Promise<BindingRow[]> {
    const output = await this.ctl([
      'list_bindings',
      '-p',
      vhost,
      'source_name',
      'destination_name',
      'routing_key',
      '--formatter',
      'json',
      '--quiet',
    ]);
    return JSON.parse(output || '[]') as BindingRow[];
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    if (this.process && this.process.exitCode === null) this.process.kill('SIGKILL');
    rmSync(this.baseDir, { recursive: true, force: true });
  }

  private prepareFolders(): void {
    for (const folder of ['mnesia', 'log']) mkdirSync(path.join(this.baseDir, folder), { recursive: true });
    writeFileSync(
      path.join(this.baseDir, 'rabbitmq.conf'),
      [`listeners.tcp.1 = 127.0.0.1:${this.port}`, 'loopback_users = none', 'log.console = false', ''].join(
        '\n',
      ),
    );
    writeFileSync(path.join(this.baseDir, 'enabled_plugins'), '[].\n');
    writeFileSync(path.join(this.baseDir, 'rabbitmq-env.conf'), '');
    if (process.getuid?.() === 0) chownTree(this.baseDir, SERVICE_USER);
  }
}

export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Hands a folder the harness made (as root) to a service account that must write in it. */
export function chownTree(folder: string, user: string): void {
  const { uid, gid } = accountOf(user);
  const walk = (entry: string) => {
    chownSync(entry, uid, gid);
    if (statSync(entry).isDirectory()) for (const child of readdirSync(entry)) walk(path.join(entry, child));
  };
  walk(folder);
}

function accountOf(user: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${user}:`));
  if (!line) throw new Error(`no account "${user}" on this machine`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}
