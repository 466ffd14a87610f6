'use strict';
// Brings a fresh clone to a runnable state: dependencies installed, dist/ no older than the
// sources it is compiled from. Plain Node with no dependencies, because it runs before npm install.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
// Mirrors tsconfig.build.json: a spec or a test/ file changing must not look like a stale build,
// since building would not touch dist/ and the next run would rebuild again.
const SOURCE_ROOTS = ['apps', 'libs', 'bench'];
const BUILD_CONFIGS = [
  'tsconfig.json',
  'tsconfig.build.json',
  'apps/web/vite.config.mts',
  'apps/web/index.html',
];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'test', '.git']);

function run(command, args, root) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    const how = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
    const error = new Error(`${command} ${args.join(' ')} failed (${how})`);
    error.exitCode = result.status || 1;
    throw error;
  }
}

function ensureInstalled(root = ROOT) {
  if (fs.existsSync(path.join(root, 'node_modules'))) return false;
  const locked = fs.existsSync(path.join(root, 'package-lock.json'));
  const args = locked ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'];
  console.error(`envrefresh: node_modules is missing, running npm ${args[0]}`);
  run('npm', args, root);
  return true;
}

/** Newest modification time (ms) of the files under dir accepted by include, 0 when none. */
function newestMtime(dir, include = () => true) {
  let newest = 0;
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) newest = Math.max(newest, newestMtime(full, include));
    } else if (entry.isFile() && include(full)) {
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  }
  return newest;
}

// The web app (apps/web/src) is TSX and CSS, built by Vite into dist/web.
const isBuiltSource = (file) => /\.(ts|tsx|css)$/.test(file) && !file.endsWith('.spec.ts');

/** Why dist/ needs building, or null when it is up to date. */
function staleReason(root = ROOT) {
  const dist = path.join(root, 'dist');
  if (!fs.existsSync(dist)) return 'dist/ is missing';
  const built = newestMtime(dist, (file) => file.endsWith('.js'));
  for (const source of SOURCE_ROOTS) {
    if (newestMtime(path.join(root, source), isBuiltSource) > built)
      return `${source}/ changed since the last build`;
  }
  for (const config of BUILD_CONFIGS) {
    const file = path.join(root, config);
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs > built)
      return `${config} changed since the last build`;
  }
  return null;
}

function ensureBuilt(root = ROOT) {
  ensureInstalled(root);
  const reason = staleReason(root);
  if (reason === null) return false;
  console.error(`envrefresh: building (${reason})`);
  run('npm', ['run', '--silent', 'build'], root);
  return true;
}

module.exports = { ensureInstalled, ensureBuilt, staleReason, newestMtime, ROOT };

if (require.main === module) {
  try {
    ensureBuilt();
  } catch (error) {
    console.error(`envrefresh: ${error.message}`);
    process.exit(error.exitCode || 1);
  }
}
