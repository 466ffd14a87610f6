'use strict';
// `npm start`: installs and builds if needed, checks that the local Postgres and RabbitMQ answer,
// creates the database, migrates, then runs the five apps in the foreground until Ctrl-C.
require('./node-runtime').runUnderSupportedNode();
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { ensureBuilt, ROOT } = require('./ensure-built');
const { migrateAll } = require('./migrate');

const APPS = [
  { name: 'gateway', port: 3000 },
  { name: 'intents', port: 3001 },
  { name: 'conflicts', port: 3002 },
  { name: 'scheduling', port: 3003 },
  { name: 'notifications', port: 3004 },
];
const DEFAULTS = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/envrefresh',
  AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672',
  NODE_ENV: 'development',
};
/** Each app's V8 heap (libs/platform/src/app-heap.ts), unless NODE_OPTIONS says otherwise for all of them. */
const appNodeOptions = (app) => require(path.join(ROOT, 'dist/libs/platform/src/app-heap.js')).appNodeOptions(app);
const START_POSTGRES = 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start';
const START_RABBITMQ = 'rabbitmq-server -detached';
const GATEWAY_WAIT_MS = 60_000;
const STOP_GRACE_MS = 20_000;

const say = (line) => process.stderr.write(`envrefresh: ${line}\n`);

class StartError extends Error {
  constructor(message, exitCode = 1) {
    super(message);
    this.exitCode = exitCode;
  }
}

function tcpReachable(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (error) => {
      socket.destroy();
      resolve(error);
    };
    socket.setTimeout(timeoutMs, () => done('timed out'));
    socket.once('connect', () => done(null));
    socket.once('error', (error) => done(error.code || error.message));
  });
}

/** The distinct database URLs the apps will use: DATABASE_URL and any per-app override. */
function databaseUrls(env) {
  const urls = APPS.filter(({ name }) => name !== 'gateway').map(
    ({ name }) => env[`${name.toUpperCase()}_DATABASE_URL`] || env.DATABASE_URL,
  );
  return [...new Set(urls)];
}

async function checkPostgres(url) {
  const { hostname, port } = new URL(url);
  // A URL naming a Unix socket (?host=/run/postgresql) has no TCP endpoint to probe.
  if (!hostname) return;
  const problem = await tcpReachable(hostname, Number(port) || 5432);
  if (problem) {
    throw new StartError(
      `Postgres is not reachable at ${hostname}:${port || 5432} (${problem}): start it with \`${START_POSTGRES}\` or set DATABASE_URL`,
    );
  }
}

async function checkRabbitMq(url) {
  const { hostname, port, protocol } = new URL(url);
  const defaultPort = protocol === 'amqps:' ? 5671 : 5672;
  const problem = await tcpReachable(hostname || '127.0.0.1', Number(port) || defaultPort);
  if (problem) {
    throw new StartError(
      `RabbitMQ is not reachable at ${hostname}:${port || defaultPort} (${problem}): start it with \`${START_RABBITMQ}\` or set AMQP_URL`,
    );
  }
}

/** Migrations create schemas, not databases: make the database itself on a fresh machine. */
async function ensureDatabase(url) {
  const { Client } = require(require.resolve('pg', { paths: [ROOT] }));
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1)) || target.username || 'postgres';
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new Client({ connectionString: server.toString(), connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      say(`created database ${name}`);
    }
  } catch (error) {
    throw new StartError(`cannot prepare database ${name} on ${target.host}: ${error.message}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function appPort(app, env) {
  const value = env[`${app.name.toUpperCase()}_PORT`];
  return value ? Number(value) : app.port;
}

const base = (port) => `http://localhost:${port}`;

function answersLive(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/health/live', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

const mainOf = (app) => path.join(ROOT, 'dist', 'apps', app.name, 'src', 'main.js');

function assertAppsBuilt() {
  for (const app of APPS) {
    if (!fs.existsSync(mainOf(app))) {
      throw new StartError(`cannot start ${app.name}: ${path.relative(ROOT, mainOf(app))} does not exist`);
    }
  }
}

/**
 * Runs the apps until they are asked to stop or one of them dies. Each app gets its own process
 * group, so a Ctrl-C reaches only this process and each app is signalled exactly once: a second
 * SIGINT would cut a Nest app's graceful shutdown short.
 */
function supervise(env) {
  const children = new Map();
  let stopping = false;
  let failed = false;
  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));

  const signalAll = (signal) => {
    for (const child of children.values()) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
    }
  };
  const stop = (signal, why) => {
    if (stopping) {
      say('stopping now');
      return signalAll('SIGKILL');
    }
    stopping = true;
    if (why) say(why);
    signalAll(signal);
    setTimeout(() => {
      if (children.size === 0) return;
      say(`still running after ${STOP_GRACE_MS / 1000} s: ${[...children.keys()].join(', ')}; killing them`);
      failed = true;
      signalAll('SIGKILL');
    }, STOP_GRACE_MS).unref();
  };

  for (const app of APPS) {
    const child = spawn(process.execPath, [mainOf(app)], {
      cwd: ROOT,
      env: { ...env, PORT: String(appPort(app, env)), NODE_OPTIONS: env.NODE_OPTIONS || appNodeOptions(app.name) },
      stdio: ['ignore', 'inherit', 'inherit'],
      detached: process.platform !== 'win32',
    });
    children.set(app.name, child);
    child.on('exit', (code, signal) => {
      children.delete(app.name);
      const clean = code === 0 || (stopping && signal !== null && signal !== 'SIGKILL');
      if (!clean) failed = true;
      if (!stopping) stop('SIGTERM', `${app.name} exited (${signal ?? `code ${code}`}); stopping the others`);
      if (children.size === 0) resolveExit(failed ? 1 : 0);
    });
  }

  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(signal, 'stopping'));
  // If this process dies abruptly, the apps in their own process groups must not outlive it.
  process.on('exit', () => signalAll('SIGKILL'));
  return { exited, isStopping: () => stopping };
}

async function announceWhenLive(env, supervisor) {
  const port = appPort(APPS[0], env);
  const deadline = Date.now() + GATEWAY_WAIT_MS;
  while (!supervisor.isStopping()) {
    if (await answersLive(port)) {
      const url = base(port);
      process.stderr.write(
        `envrefresh is running: API ${url}/api/v1, docs ${url}/api/docs, metrics ${url}/metrics; Ctrl-C to stop\n`,
      );
      return;
    }
    if (Date.now() > deadline) {
      say(
        `the gateway has not answered ${base(port)}/health/live for ${GATEWAY_WAIT_MS / 1000} s; still waiting on the apps`,
      );
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function main() {
  try {
    ensureBuilt();
  } catch (error) {
    throw new StartError(error.message, error.exitCode);
  }
  for (const [name, value] of Object.entries(DEFAULTS)) if (!process.env[name]) process.env[name] = value;
  const env = process.env;

  const urls = databaseUrls(env);
  const problems = [];
  for (const check of [...urls.map((url) => () => checkPostgres(url)), () => checkRabbitMq(env.AMQP_URL)]) {
    await check().catch((error) => problems.push(error.message));
  }
  if (problems.length > 0) throw new StartError(problems.join('\nenvrefresh: '));
  for (const url of urls) await ensureDatabase(url);

  assertAppsBuilt();
  const migrated = migrateAll({ root: ROOT, env });
  if (migrated !== 0) throw new StartError('migrations failed; nothing was started', migrated);

  const supervisor = supervise(env);
  await announceWhenLive(env, supervisor);
  return supervisor.exited;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    say(error instanceof StartError ? error.message : error.stack);
    process.exit(error.exitCode || 1);
  },
);
