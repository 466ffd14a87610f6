'use strict';
// Applies every service's migrations, one service after the other, as `npm run migrate` and
// `npm start` do. Each app owns its entry point (apps/<app>/src/migrate.ts), which takes the
// advisory lock and creates its schema; this script only runs them in order.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ensureBuilt, ROOT } = require('./ensure-built');

const MIGRATING_APPS = ['intents', 'conflicts', 'scheduling', 'notifications'];

/** Returns 0 when every app migrated, else the exit code of the first that failed. */
function migrateAll({ root = ROOT, env = process.env } = {}) {
  for (const app of MIGRATING_APPS) {
    const entry = path.join(root, 'dist', 'apps', app, 'src', 'migrate.js');
    if (!fs.existsSync(entry)) {
      console.error(
        `envrefresh: cannot migrate ${app}: ${path.relative(root, entry)} does not exist (is apps/${app}/src/migrate.ts missing?)`,
      );
      return 1;
    }
    const result = spawnSync(process.execPath, [entry], { cwd: root, env, stdio: 'inherit' });
    if (result.status !== 0) {
      const how = result.error ? result.error.message : `exit code ${result.status ?? result.signal}`;
      console.error(`envrefresh: migrating ${app} failed (${how})`);
      return result.status || 1;
    }
  }
  return 0;
}

module.exports = { migrateAll, MIGRATING_APPS };

if (require.main === module) {
  require('./node-runtime').runUnderSupportedNode();
  try {
    ensureBuilt();
  } catch (error) {
    console.error(`envrefresh: ${error.message}`);
    process.exit(error.exitCode || 1);
  }
  process.exit(migrateAll());
}
