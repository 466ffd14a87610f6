import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { AppName } from '@envrefresh/config';
import { DeploymentEnvironment } from './environments';
import { RENDERED_DIR } from './render';
import { CONFIG_MAP, DEPLOYED_APPS, SHARED_SECRET, amqpSecretName } from './suite';

/** The repository root, from this file in libs/deployment/src (or its build in dist/). */
export const REPOSITORY_ROOT = join(__dirname, __dirname.includes('/dist/') ? '../../../..' : '../../..');

// The checked-in files as plain objects: what a cluster would receive, read back.
export type ManifestObject = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function readManifestFile(relativePath: string): ManifestObject[] {
  const text = readFileSync(join(REPOSITORY_ROOT, relativePath), 'utf8');
  return parseAllDocuments(text)
    .map((document) => document.toJS() as ManifestObject | null)
    .filter((object): object is ManifestObject => object !== null);
}

/** Every object `kubectl apply -k k8s/rendered/<environment>` would apply. */
export function appliedObjects(environment: DeploymentEnvironment): ManifestObject[] {
  const dir = `${RENDERED_DIR}/${environment.name}`;
  const [kustomization] = readManifestFile(`${dir}/kustomization.yaml`);
  return (kustomization.resources as string[]).flatMap((file) => readManifestFile(`${dir}/${file}`));
}

/**
 * The variables an app's pod starts with: its container's `env`, the shared ConfigMap, and the
 * keys of the Secrets it mounts as k8s/secret.example.yaml shows them.
 */
export function podEnvironment(environment: DeploymentEnvironment, app: AppName): Record<string, string> {
  const objects = appliedObjects(environment);
  const secrets = readManifestFile('k8s/secret.example.yaml');
  const deployment = objects.find((object) => object.kind === 'Deployment' && object.metadata.name === app);
  if (!deployment) throw new Error(`no Deployment ${app} in ${environment.name}`);
  const [container] = deployment.spec.template.spec.containers;
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    const name = source.configMapRef?.name ?? source.secretRef?.name;
    const from = source.configMapRef
      ? objects.find((object) => object.kind === 'ConfigMap' && object.metadata.name === name)?.data
      : secrets.find((object) => object.kind === 'Secret' && object.metadata.name === name)?.stringData;
    if (!from)
      throw new Error(`${app} mounts ${name}, which neither the manifests nor secret.example.yaml hold`);
    Object.assign(env, from);
  }
  for (const variable of container.env ?? []) env[variable.name] = variable.value;
  return env;
}

/** The variables the README's "Configuration" table documents, with `<APP>` read for this app. */
export function documentedVariables(app: AppName): Set<string> {
  const readme = readFileSync(join(REPOSITORY_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const names = new Set<string>();
  for (const line of section.split('\n')) {
    const firstCell = line.match(/^\| ([^|]+) \|/)?.[1] ?? '';
    for (const [, name] of firstCell.matchAll(/`([A-Z<>_]+)`/g))
      names.add(name.replace('<APP>', app.toUpperCase()));
  }
  return names;
}

export { CONFIG_MAP, DEPLOYED_APPS, SHARED_SECRET, amqpSecretName };
