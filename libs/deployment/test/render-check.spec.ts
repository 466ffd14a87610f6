import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { REPOSITORY_ROOT } from '@envrefresh/deployment';

// The models are ESM-only: the built CLI validates them in a Node process of its own.
const CLI = join(REPOSITORY_ROOT, 'dist/libs/deployment/src/cli/render-k8s.js');

function check(root: string) {
  const run = spawnSync(process.execPath, [CLI, '--check', root], { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
  return { code: run.status, problems: run.stderr };
}

describe('npm run k8s:render -- --check', () => {
  let copy: string;

  beforeAll(() => {
    copy = mkdtempSync(join(tmpdir(), 'envrefresh-k8s-'));
    cpSync(join(REPOSITORY_ROOT, 'k8s'), join(copy, 'k8s'), { recursive: true });
  });

  afterAll(() => rmSync(copy, { recursive: true, force: true }));

  it('finds the checked-in manifests valid Kubernetes, prometheus-operator and KEDA objects, equal to a fresh render', () => {
    expect(check(REPOSITORY_ROOT)).toEqual({ code: 0, problems: '' });
  });

  it('names an object that breaks its schema, and a file edited by hand', () => {
    const file = join(copy, 'k8s/rendered/production/gateway.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  replicas: 3\n', '  replicas: three\n'));
    const rule = join(copy, 'k8s/rendered/base/monitoring.yaml');
    writeFileSync(rule, readFileSync(rule, 'utf8').replace('for: 10m', 'for: ten minutes'));
    const { code, problems } = check(copy);
    expect(code).toBe(1);
    expect(problems).toContain('k8s/rendered/production/gateway.yaml: differs from a fresh render');
    expect(problems).toContain('Deployment gateway: data/spec/replicas must be integer');
    expect(problems).toContain(
      'PrometheusRule envrefresh: data/spec/groups/0/rules/0/for must match pattern',
    );
  });
});
