import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { freePort } from '@envrefresh/testing';
import { chownTree } from './own-rabbitmq';
import { run } from './own-process';

const POSTGRES_LIBRARY = '/usr/lib/postgresql';
/** initdb refuses to run as root; the machine's postgres account runs the cluster then. */
const SERVICE_USER = 'postgres';
/**
 * Connections the suite opens: nine app processes with their pools, the harness's own and a
 * margin for the reconnect storm after a cut (closed sockets linger in the server a moment).
 */
const MAX_CONNECTIONS = 200;

/**
 * A PostgreSQL cluster of the harness's own (`initdb` in `baseDir`, `pg_ctl` on a free port,
 * its socket in `baseDir` too), so restarting Postgres is a fault it may inject: the shared
 * server on 5432 is never named. fsync stays on, as in production, so a restart proves durability.
 */
export class OwnPostgresCluster {
  private constructor(
    readonly port: number,
    private readonly baseDir: string,
    private readonly binaries: string,
  ) {}

  static async create(baseDir: string): Promise<OwnPostgresCluster> {
    const cluster = new OwnPostgresCluster(await freePort(), baseDir, newestBinaries());
    mkdirSync(baseDir, { recursive: true });
    if (asRoot()) chownTree(baseDir, SERVICE_USER);
    await cluster.pg('initdb', [
      '-D',
      cluster.dataDir,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--no-sync',
    ]);
    return cluster;
  }

  /** The server URL (database `postgres`); the harness makes its own database in it. */
  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async version(): Promise<string> {
    return (await this.pg('postgres', ['--version'])).trim();
  }

  async start(): Promise<void> {
    await this.pgCtl(['-t', '60', '-o', this.serverOptions(), 'start']);
  }

  /** A fast shutdown (open transactions are rolled back, clients cut) and a start, as an operator's restart. */
  async restart(): Promise<void> {
    await this.pgCtl(['-t', '60', '-m', 'fast', '-o', this.serverOptions(), 'restart']);
  }

  async destroy(): Promise<void> {
    if (existsSync(path.join(this.dataDir, 'postmaster.pid')))
      await this.pgCtl(['-t', '30', '-m', 'immediate', 'stop']).catch(() => undefined);
    rmSync(this.baseDir, { recursive: true, force: true });
  }

  private get dataDir(): string {
    return path.join(this.baseDir, 'data');
  }

  private serverOptions(): string {
    return [
      `-p ${this.port}`,
      `-k ${this.baseDir}`,
      '-c listen_addresses=127.0.0.1',
      `-c max_connections=${MAX_CONNECTIONS}`,
    ].join(' ');
  }

  /**
   * pg_ctl, always with a log file: without one the server inherits pg_ctl's stdout, and a
   * caller waiting for that pipe to close waits as long as the server runs.
   */
  private pgCtl(args: string[]): Promise<string> {
    return this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-l',
      path.join(this.baseDir, 'server.log'),
      '-w',
      ...args,
    ]);
  }

  private pg(binary: string, args: string[]): Promise<string> {
    const executable = path.join(this.binaries, binary);
    return asRoot()
      ? run('runuser', ['-u', SERVICE_USER, '--', executable, ...args], { cwd: '/tmp' })
      : run(executable, args);
  }
}

function asRoot(): boolean {
  return process.getuid?.() === 0;
}

function newestBinaries(): string {
  const versions = readdirSync(POSTGRES_LIBRARY)
    .filter((entry) => /^\d+$/.test(entry) && existsSync(path.join(POSTGRES_LIBRARY, entry, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${POSTGRES_LIBRARY}/*/bin`);
  return path.join(POSTGRES_LIBRARY, versions[0], 'bin');
}
