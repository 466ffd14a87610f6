import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RENDERED_DIR, renderManifests } from '../render';
import { validateManifest } from '../validate';

/*
 * `npm run k8s:render`, from the repository root: validates every rendered object against its
 * schema, then writes k8s/rendered/ and k8s/kustomization.yaml.
 * `npm run k8s:render -- --check [dir]`: writes nothing; validates the checked-in files (or the
 * copy of k8s/ in dir) and fails when any differs from a fresh render. A spec runs it.
 */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

async function main(): Promise<number> {
  const [mode, root = '.'] = process.argv.slice(2);
  const rendered = renderManifests();
  const problems: string[] = [];
  for (const [path, content] of rendered)
    if (path.endsWith('.yaml')) problems.push(...(await validateManifest(path, content)));
  if (mode === '--check') {
    const base = (path: string) => join(root, path);
    for (const [path, content] of rendered) {
      let current: string | undefined;
      try {
        current = readFileSync(base(path), 'utf8');
      } catch {
        current = undefined;
      }
      if (current === undefined) {
        problems.push(`${path}: missing; run npm run k8s:render`);
        continue;
      }
      if (current !== content) problems.push(`${path}: differs from a fresh render; run npm run k8s:render`);
      if (path.endsWith('.yaml')) problems.push(...(await validateManifest(path, current)));
    }
    for (const file of filesUnder(base(RENDERED_DIR))) {
      const path = file.slice(base('').length).replace(/^\/+/, '');
      if (!rendered.has(path)) problems.push(`${path}: not rendered any more; run npm run k8s:render`);
    }
  } else if (problems.length === 0) {
    rmSync(RENDERED_DIR, { recursive: true, force: true });
    for (const [path, content] of rendered) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
    }
    process.stdout.write(`wrote ${rendered.size} files under k8s/\n`);
  }
  for (const problem of problems) process.stderr.write(`${problem}\n`);
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
