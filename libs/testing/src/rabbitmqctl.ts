import { spawn } from 'node:child_process';

/**
 * Runs rabbitmqctl against the test broker: `TEST_RABBITMQCTL` (e.g. `docker exec -i <id>
 * rabbitmqctl`, which the global setup sets for a broker it started), else the local one. Each
 * call starts an Erlang VM (~3 s here), so helpers batch what they can into one import.
 */
export function rabbitmqctl(args: string[], input?: string): Promise<string> {
  const [command, ...prefix] = (process.env.TEST_RABBITMQCTL ?? 'rabbitmqctl').split(' ').filter(Boolean);
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...prefix, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', (error) =>
      reject(
        new Error(`rabbitmqctl could not run (${error.message}): set TEST_RABBITMQCTL to a working command`),
      ),
    );
    child.on('close', (code) =>
      code === 0
        ? resolve(stdout)
        : reject(
            new Error(`rabbitmqctl ${args.join(' ')} exited ${code}: ${stderr.trim() || stdout.trim()}`),
          ),
    );
    child.stdin.end(input ?? '');
  });
}
