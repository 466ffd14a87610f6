export interface StoppableContainer {
  stop(): Promise<unknown>;
}

/**
 * Containers global setup started, for global teardown to stop. Jest runs both hooks in the same
 * process, so a global is the one channel between them.
 */
const KEY = Symbol.for('envrefresh.testing.startedContainers');

export function startedContainers(): StoppableContainer[] {
  const store = globalThis as { [KEY]?: StoppableContainer[] };
  return (store[KEY] ??= []);
}
