import { startedContainers } from './started-containers';

/** Stops the containers global setup started; services given through TEST_* are left alone. */
export default async function globalTeardown(): Promise<void> {
  const containers = startedContainers().splice(0);
  await Promise.all(containers.map((container) => container.stop()));
}
