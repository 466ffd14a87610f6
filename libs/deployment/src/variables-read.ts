import { EnvReader } from '@envrefresh/config';

/**
 * Runs an app's config reader over `env` and returns every variable name it asked for, whether
 * set or not: what the app reads, found by the reader itself rather than by a list kept by hand.
 */
export function variablesRead(
  readConfig: (env: EnvReader) => unknown,
  env: Record<string, string>,
): string[] {
  const asked = new Set<string>();
  const recording = new Proxy(env, {
    get(target, name) {
      if (typeof name === 'string') asked.add(name);
      return target[name as string];
    },
  });
  const reader = new EnvReader(recording);
  readConfig(reader);
  return [...asked].sort();
}
