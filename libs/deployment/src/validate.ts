import { parseAllDocuments } from 'yaml';

/** Where the model classes of each API group live; anything else is refused, never skipped. */
function modelPackage(apiVersion: string): string | undefined {
  if (apiVersion.startsWith('monitoring.coreos.com/'))
    return `@kubernetes-models/prometheus-operator/${apiVersion}`;
  if (apiVersion.startsWith('keda.sh/')) return `@kubernetes-models/keda/${apiVersion}`;
  if (apiVersion === 'v1' || /^(apps|batch|policy|autoscaling|networking\.k8s\.io)\/v\d+$/.test(apiVersion))
    return `kubernetes-models/${apiVersion}`;
  return undefined;
}

/** kustomize's own files, and its delete patches, are not Kubernetes objects. */
function isKustomizeDocument(object: Record<string, unknown>): boolean {
  return String(object.apiVersion).startsWith('kustomize.config.k8s.io/') || object.$patch === 'delete';
}

interface Model {
  validate(): void;
}
type ModelClass = new (data: unknown) => Model;

/**
 * Validates each object against the JSON schema of its kind (kubernetes-models and
 * @kubernetes-models/prometheus-operator, /keda); returns one line per problem. The packages are
 * ESM-only, hence the dynamic imports.
 */
export async function validateManifest(path: string, text: string): Promise<string[]> {
  const problems: string[] = [];
  for (const [index, document] of parseAllDocuments(text).entries()) {
    if (document.errors.length > 0) {
      problems.push(`${path} #${index + 1}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const object = document.toJS() as Record<string, unknown> | null;
    if (object === null) continue;
    const where = `${path} #${index + 1} ${String(object.kind)} ${String((object.metadata as { name?: string })?.name)}`;
    if (isKustomizeDocument(object)) continue;
    const specifier = modelPackage(String(object.apiVersion));
    if (!specifier) {
      problems.push(`${where}: no schema for apiVersion ${String(object.apiVersion)}`);
      continue;
    }
    const models = (await import(specifier)) as Record<string, ModelClass | undefined>;
    const Kind = models[String(object.kind)];
    if (!Kind) {
      problems.push(`${where}: ${specifier} has no kind ${String(object.kind)}`);
      continue;
    }
    try {
      new Kind(object).validate();
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  }
  return problems;
}
