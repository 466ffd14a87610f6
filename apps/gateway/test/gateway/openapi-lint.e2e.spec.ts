import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestNamespace, deleteAmqpNamespace, namespaceNames, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { startGateway } from './support/gateway-under-test';

const ROOT = resolve(__dirname, '../../../..');
const REDOCLY = join(ROOT, 'node_modules/@redocly/cli/bin/cli.js');

interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location: { pointer?: string }[];
}

/**
 * A linter no one here wrote reads the document the gateway serves, with Redocly's recommended
 * rules (redocly.yaml; examples that their schema refuses count as errors).
 */
describe('the OpenAPI document passes Redocly CLI lint', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let gateway: RunningApp;
  const folder = mkdtempSync(join(tmpdir(), 'envrefresh-openapi-'));

  beforeAll(async () => {
    gateway = await startGateway(amqpUrl, namespace);
  }, 30_000);

  afterAll(async () => {
    await gateway?.process.stop();
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
    rmSync(folder, { recursive: true, force: true });
  });

  it('with no error', async () => {
    const response = await fetch(`${gateway.baseUrl}/api/docs-json`);
    expect(response.status).toBe(200);
    const file = join(folder, 'openapi.json');
    writeFileSync(file, await response.text());

    const run = spawnSync(
      process.execPath,
      [REDOCLY, 'lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'],
      {
        cwd: folder,
        encoding: 'utf8',
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report = JSON.parse(run.stdout) as { problems: LintProblem[] };
    const lines = (severity: LintProblem['severity']) =>
      report.problems
        .filter((problem) => problem.severity === severity)
        .map((problem) => `${problem.ruleId} at ${problem.location[0]?.pointer}: ${problem.message}`);
    const warnings = lines('warn');
    if (warnings.length > 0) console.warn(`Redocly warnings:\n${warnings.join('\n')}`);
    expect(lines('error')).toEqual([]);
  });
});
