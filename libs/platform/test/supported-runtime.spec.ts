import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Every place that names the Node runtime says the same major, and the scripts bring that Node
// to a machine whose own is older. `docker build` cannot run here, so the Dockerfile is read.
const ROOT = join(__dirname, '..', '..', '..');
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');

const nvmrcVersion = read('.nvmrc').trim();
const requiredMajor = Number(nvmrcVersion.split('.')[0]);
const majorOf = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

describe('the supported runtime', () => {
  it('is Node 24 LTS in .nvmrc and package.json engines', () => {
    expect(requiredMajor).toBe(24);
    const engines = JSON.parse(read('package.json')).engines.node as string;
    expect(engines).toMatch(/^>=\d+\.\d+\.\d+$/);
    expect(majorOf(engines.slice(2))).toBe(requiredMajor);
  });

  it('is the base of every Dockerfile stage, and the image still runs as the non-root node user', () => {
    const dockerfile = read('Dockerfile');
    const bases = [...dockerfile.matchAll(/^FROM\s+node:(\d+)[^\s]*/gm)].map((match) => Number(match[1]));
    expect(bases.length).toBeGreaterThanOrEqual(2);
    expect(new Set(bases)).toEqual(new Set([requiredMajor]));
    const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('FROM '));
    const users = [...runtimeStage.matchAll(/^USER\s+(\S+)/gm)].map((match) => match[1]);
    expect(users.at(-1)).toBe('node');
    expect(runtimeStage.indexOf('USER node')).toBeLessThan(runtimeStage.indexOf('CMD '));
  });

  it('is what the GitHub workflow sets up', () => {
    expect(read('.github/workflows/ci.yml')).toMatch(/node-version-file:\s*\.nvmrc/);
  });

  it('runs the scripts under Node 24 even when the machine node is older', () => {
    // /usr/bin/node is this kind of machine's own (Node 20); elsewhere the one jest runs under.
    const machineNode = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;
    const machineVersion = spawnSync(machineNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
    const probe =
      "require(process.argv[1] + '/scripts/node-runtime').runUnderSupportedNode(); console.log(process.version)";
    const result = spawnSync(machineNode, ['-e', probe, ROOT], { encoding: 'utf8', timeout: 120_000 });

    expect(result.status).toBe(0);
    expect(majorOf(result.stdout.trim())).toBe(requiredMajor);
    if (majorOf(machineVersion) < requiredMajor) {
      expect(result.stdout.trim()).toBe(`v${nvmrcVersion}`);
      expect(result.stderr).toContain(`running under Node ${nvmrcVersion}`);
    } else {
      expect(result.stderr).not.toContain('running under');
    }
  });
});
