import { AppName, EnvReader } from '@envrefresh/config';
import { ENVIRONMENTS } from './environments';
import { documentedVariables, podEnvironment } from './rendered-manifests';
import { variablesRead } from './variables-read';

/**
 * For each environment, the variables `readConfig` reads that the app's pod neither sets nor
 * finds documented with a default in the README's "Configuration" table; empty when covered.
 */
export function uncoveredVariables(
  app: AppName,
  readConfig: (env: EnvReader) => unknown,
): Record<string, string[]> {
  const documented = documentedVariables(app);
  const result: Record<string, string[]> = {};
  for (const environment of ENVIRONMENTS) {
    const pod = podEnvironment(environment, app);
    result[environment.name] = variablesRead(readConfig, pod).filter(
      (name) => pod[name] === undefined && !documented.has(name),
    );
  }
  return result;
}
