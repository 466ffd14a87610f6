import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP_NODE_OPTIONS, appNodeOptions, heapLimitsOf } from '../src/app-heap';

const ROOT = join(__dirname, '..', '..', '..');
const MIB = 1024 * 1024;
/** V8's young generation is three semi-spaces (two for the scavenger, one for new large objects). */
const SEMI_SPACES_IN_YOUNG_GENERATION = 3;

function heapSizeLimitMib(nodeOptions: string): number {
  const result = spawnSync(
    process.execPath,
    ['-p', 'require("node:v8").getHeapStatistics().heap_size_limit'],
    {
      env: { PATH: process.env.PATH, NODE_OPTIONS: nodeOptions },
      encoding: 'utf8',
    },
  );
  expect(result.stderr).toBe('');
  return Number(result.stdout.trim()) / MIB;
}

describe("the apps' V8 heap limits", () => {
  it('are what the image runs the apps with', () => {
    const dockerfile = readFileSync(join(ROOT, 'Dockerfile'), 'utf8');
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    const [, nodeOptions] = runtimeStage.match(/^ENV NODE_OPTIONS="([^"]*)"$/m) ?? [];
    expect(nodeOptions).toBe(APP_NODE_OPTIONS);
  });

  it("are the gateway's own in compose (the image's default is the services')", () => {
    const compose = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    const gateway = compose.slice(compose.indexOf('\n  gateway:'), compose.indexOf('\n  intents:'));
    const [, nodeOptions] = gateway.match(/^\s+NODE_OPTIONS: "([^"]*)"$/m) ?? [];
    expect(nodeOptions).toBe(appNodeOptions('gateway'));
    expect(appNodeOptions('intents')).toBe(APP_NODE_OPTIONS);
  });

  it.each(['gateway', 'intents'])(
    "bound %s's young generation on this runtime, so the old space keeps headroom above it",
    (app) => {
      // Node 24 given only an old-space cap grows each semi-space to 64 MB (heap limit 128 + 208 MiB).
      const limits = heapLimitsOf(app);
      const youngGenerationMib = heapSizeLimitMib(appNodeOptions(app)) - limits.maxOldSpaceMb;
      expect(youngGenerationMib).toBeGreaterThan(0);
      expect(youngGenerationMib).toBeLessThanOrEqual(
        SEMI_SPACES_IN_YOUNG_GENERATION * limits.maxSemiSpaceMb + 1,
      );
    },
  );
});
