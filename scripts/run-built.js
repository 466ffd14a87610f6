'use strict';
// `node scripts/run-built.js dist/<file>.js [args…]`: the npm commands that run compiled code
// (token, benches, docs) under Node 24, after building whatever is stale.
require('./node-runtime').runUnderSupportedNode();
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const { ensureBuilt, ROOT } = require('./ensure-built');

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('envrefresh: usage: node scripts/run-built.js dist/<file>.js [arguments]');
  process.exit(2);
}
try {
  ensureBuilt();
} catch (error) {
  console.error(`envrefresh: ${error.message}`);
  process.exit(error.exitCode || 1);
}
const result = spawnSync(process.execPath, [path.resolve(ROOT, entry), ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
