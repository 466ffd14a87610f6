'use strict';
// `npm test`: installs dependencies if needed (building is left to jest's global setup, which the
// integration specs need anyway) and runs jest, passing extra arguments through
// (`npm test -- libs/testing`). Exits with jest's code.
require('./node-runtime').runUnderSupportedNode();
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { ensureInstalled, ROOT } = require('./ensure-built');

const LOCAL_SERVICES = [
  { variable: 'TEST_DATABASE_URL', port: 5432, url: 'postgres://postgres@127.0.0.1:5432/postgres' },
  { variable: 'TEST_AMQP_URL', port: 5672, url: 'amqp://guest:guest@127.0.0.1:5672' },
];

function tcpReachable(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (reachable) => {
      socket.destroy();
      resolve(reachable);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The places testcontainers looks for an engine first; a socket file alone may be stale. */
function dockerEndpoints() {
  const endpoints = [];
  const fromEnv = process.env.DOCKER_HOST;
  if (fromEnv && fromEnv.startsWith('unix://'))
    endpoints.push({ socketPath: fromEnv.slice('unix://'.length) });
  else if (fromEnv && fromEnv.startsWith('tcp://')) {
    const { hostname, port } = new URL(fromEnv);
    endpoints.push({ host: hostname, port: Number(port) || 2375 });
  }
  const sockets = ['/var/run/docker.sock', path.join(os.homedir(), '.docker', 'run', 'docker.sock')];
  if (process.env.XDG_RUNTIME_DIR) sockets.push(path.join(process.env.XDG_RUNTIME_DIR, 'docker.sock'));
  for (const socketPath of sockets) if (fs.existsSync(socketPath)) endpoints.push({ socketPath });
  return endpoints;
}

function dockerAnswers(endpoint) {
  return new Promise((resolve) => {
    const request = http.get({ ...endpoint, path: '/_ping', timeout: 1000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/**
 * Without a container engine jest's global setup cannot start its own Postgres and RabbitMQ, so a
 * fresh clone on a machine running them locally would fail; point the tests at those instead.
 */
async function defaultToLocalServices() {
  const unset = LOCAL_SERVICES.filter(({ variable }) => !process.env[variable]);
  if (unset.length === 0) return;
  for (const endpoint of dockerEndpoints()) if (await dockerAnswers(endpoint)) return;
  const answering = [];
  for (const service of unset) if (await tcpReachable('127.0.0.1', service.port)) answering.push(service);
  if (answering.length === 0) return;
  for (const { variable, url } of answering) process.env[variable] = url;
  console.error(
    `envrefresh: no Docker engine; testing against the local services: ${answering.map(({ variable, url }) => `${variable}=${url}`).join(' ')}`,
  );
}

function parallelismArgs(args) {
  const chosen = args.some((arg) => /^(-i|--runInBand|-w|--maxWorkers)(=|$)/.test(arg) || /^-w\d/.test(arg));
  return chosen ? [] : ['--maxWorkers=2'];
}

async function main() {
  try {
    ensureInstalled();
  } catch (error) {
    console.error(`envrefresh: ${error.message}`);
    return error.exitCode || 1;
  }
  await defaultToLocalServices();
  const args = process.argv.slice(2);
  const jest = require.resolve('jest/bin/jest', { paths: [ROOT] });
  // Jest loads ESM-only packages (jose) into its CommonJS test modules through require(esm), which
  // it implements on Node's VM modules.
  const nodeArgs = ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'];
  const child = spawn(process.execPath, [...nodeArgs, jest, ...parallelismArgs(args), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  // Ctrl-C reaches jest through the terminal's process group; a signal sent to this process alone
  // (a CI runner's SIGTERM) has to be passed on.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? 128 + (os.constants.signals[signal] || 0)));
  });
}

main().then((code) => process.exit(code));
