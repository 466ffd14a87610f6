import { ChildApp } from './child-app';

/** Polls `url` until it answers 200; a process that exits meanwhile fails at once with what it printed. */
export async function waitUntilAnswering(app: ChildApp, url: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void app.exited.then(() => (exited = true));
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (exited) throw new Error(`${app.name} exited before it was ready:\n${app.output().trim()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(3_000) });
      if (response.status === 200) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${app.name} was not ready within ${timeoutMs} ms (last: ${last}):\n${app.output().trim()}`,
  );
}
