import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { REPOSITORY_ROOT } from './rendered-manifests';

const read = (path: string) => readFileSync(join(REPOSITORY_ROOT, path), 'utf8');

/** The npm commands of .ci/run, without their shell plumbing (`2>&1 | tee …`). */
function ciRunCommands(): string[] {
  return read('.ci/run')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('npm '))
    .map((line) => line.split(/\s+(?:2>&1|\||&&|;)/)[0].trim());
}

interface Step {
  uses?: string;
  run?: string;
}
const workflow = parse(read('.github/workflows/ci.yml')) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);

// GitHub-only: the advisory database and the fault harness need what this machine's CI lacks.
const GITHUB_ONLY = ['npm audit --omit=dev --audit-level=high'];

describe('.github/workflows/ci.yml', () => {
  it('runs every command of .ci/run, in the same order', () => {
    const commands = workflow.jobs.test.steps.flatMap((step) => (step.run ? [step.run.trim()] : []));
    expect(ciRunCommands().length).toBeGreaterThan(3);
    expect(commands.filter((command) => !GITHUB_ONLY.includes(command))).toEqual(ciRunCommands());
    for (const command of GITHUB_ONLY) expect(commands).toContain(command);
  });

  it('pins every action by a full commit SHA', () => {
    const actions = steps.flatMap((step) => (step.uses ? [step.uses] : []));
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
  });

  it('builds the image with an SBOM', () => {
    const build = steps.find((step) => step.uses?.startsWith('docker/build-push-action@')) as Step & {
      with: Record<string, unknown>;
    };
    expect(build.with).toMatchObject({ sbom: true });
  });
});
