'use strict';
// The project runs on Node 24 LTS. A machine whose `node` is older (this kind ships Node 20) gets
// the official Node 24 build from the npm registry, where it is published as the package
// `node-<platform>-<arch>`: a binary inside a registry package, so no other download is needed.
// It is installed once into a cache folder and reused; the calling script is then run again under
// it, with that Node first on PATH (so npm and every child process use it too) and its headers
// as npm's `nodedir` (native addons must be built against the Node that loads them).
//
//   require('./node-runtime').runUnderSupportedNode()   at the top of a script: re-runs it if needed
//   node scripts/node-runtime.js env                     prints `export …` lines for a shell (.ci/run)
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** .nvmrc names the exact build contributors and CI run; its major is the one required. */
const PROVISIONED_VERSION = fs
  .readFileSync(path.join(__dirname, '..', '.nvmrc'), 'utf8')
  .trim()
  .replace(/^v/, '');
const majorOf = (version) => Number(version.replace(/^v/, '').split('.')[0]);
const REQUIRED_MAJOR = majorOf(PROVISIONED_VERSION);
const PACKAGED_PLATFORMS = new Set(['linux-x64', 'linux-arm64', 'darwin-x64', 'darwin-arm64']);

const say = (line) => process.stderr.write(`envrefresh: ${line}\n`);

class RuntimeError extends Error {
  constructor(message) {
    super(message);
    this.exitCode = 1;
  }
}

const isSupported = (version = process.version) => majorOf(version) >= REQUIRED_MAJOR;

function cacheRoot() {
  if (process.env.ENVREFRESH_NODE_CACHE) return process.env.ENVREFRESH_NODE_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'envrefresh', `node-v${PROVISIONED_VERSION}`);
}

function packageName() {
  const platform = `${process.platform}-${process.arch}`;
  if (!PACKAGED_PLATFORMS.has(platform)) {
    throw new RuntimeError(
      `Node ${process.versions.node} is too old and no Node ${REQUIRED_MAJOR} package exists for ${platform}: install Node ${REQUIRED_MAJOR} LTS (e.g. \`nvm install ${REQUIRED_MAJOR}\`) and run again`,
    );
  }
  return `node-${platform}`;
}

/** Where the provisioned Node lives: its binary and the folder holding include/node (for node-gyp). */
function provisionedPaths(root = cacheRoot()) {
  const home = path.join(root, 'node_modules', packageName());
  return { home, bin: path.join(home, 'bin', 'node') };
}

function runs(bin) {
  const result = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return result.status === 0 && isSupported(result.stdout.trim());
}

/** Installs the Node build into the cache unless a working one is there; returns its paths. */
function provisionNode() {
  const root = cacheRoot();
  const paths = provisionedPaths(root);
  if (fs.existsSync(paths.bin) && runs(paths.bin)) return paths;
  say(`bringing Node ${PROVISIONED_VERSION} from the npm registry (${packageName()}) into ${root}`);
  fs.mkdirSync(root, { recursive: true });
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      root,
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `${packageName()}@${PROVISIONED_VERSION}`,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  if (result.status !== 0 || !runs(paths.bin)) {
    throw new RuntimeError(
      `could not install ${packageName()}@${PROVISIONED_VERSION} from the npm registry: install Node ${REQUIRED_MAJOR} LTS yourself (e.g. \`nvm install ${REQUIRED_MAJOR}\`) and run again`,
    );
  }
  return paths;
}

/** The environment a child needs to run under the provisioned Node, npm and node-gyp included. */
function environmentFor({ home, bin }, env = process.env) {
  return {
    ...env,
    PATH: `${path.dirname(bin)}${path.delimiter}${env.PATH ?? ''}`,
    npm_config_nodedir: home,
    ENVREFRESH_NODE_PROVISIONED: bin,
  };
}

/**
 * Call first in a script: returns when the running Node is supported; otherwise runs the same
 * script with the same arguments under Node 24 and exits with its code.
 */
function runUnderSupportedNode() {
  if (isSupported()) return;
  let paths;
  try {
    if (process.env.ENVREFRESH_NODE_PROVISIONED === process.execPath) {
      throw new RuntimeError(`${process.execPath} is not Node ${REQUIRED_MAJOR}`);
    }
    paths = provisionNode();
  } catch (error) {
    say(error.message);
    process.exit(error.exitCode || 1);
  }
  say(
    `Node ${process.versions.node} is older than ${REQUIRED_MAJOR} LTS: running under Node ${PROVISIONED_VERSION} (${paths.bin})`,
  );
  const result = spawnSync(paths.bin, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: environmentFor(paths),
  });
  if (result.error) {
    say(`could not run ${paths.bin}: ${result.error.message}`);
    process.exit(1);
  }
  process.exit(result.status ?? 128 + (os.constants.signals[result.signal] || 0));
}

const shellQuote = (value) => `'${String(value).replace(/'/g, `'\\''`)}'`;

/** `export` lines that put the provisioned Node first, for a shell script (empty when not needed). */
function shellExports() {
  if (isSupported()) return '';
  const paths = provisionNode();
  const env = environmentFor(paths);
  return ['PATH', 'npm_config_nodedir', 'ENVREFRESH_NODE_PROVISIONED']
    .map((name) => `export ${name}=${shellQuote(env[name])}`)
    .join('\n');
}

module.exports = { runUnderSupportedNode, provisionNode, isSupported, REQUIRED_MAJOR, PROVISIONED_VERSION };

if (require.main === module) {
  if (process.argv[2] !== 'env') {
    say('usage: node scripts/node-runtime.js env   (prints export lines for a shell)');
    process.exit(2);
  }
  try {
    process.stdout.write(`${shellExports()}\n`);
  } catch (error) {
    say(error.message);
    process.exit(error.exitCode || 1);
  }
}
