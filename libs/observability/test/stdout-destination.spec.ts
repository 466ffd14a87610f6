import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const LOGGER_PARAMS = path.join(ROOT, 'dist/libs/observability/src/logging/logger-params.js');

// A fresh process logging through the apps' own logger options to its real standard output.
const logger = (body: string) => `
  const { pinoHttp } = require('pino-http');
  const { buildLoggerParams } = require(process.argv[1]);
  const [options, stream] = buildLoggerParams({ app: 'probe', logLevel: 'info' }).pinoHttp;
  const logger = pinoHttp(options, stream).logger;
  ${body}
`;

describe('the apps write their log lines to stdout asynchronously', () => {
  it('loses none of a burst logged just before the process exits, and interleaves none', () => {
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        logger(
          `for (let n = 0; n < 5000; n++) logger.info({ n, filler: 'x'.repeat(200) }, 'burst'); process.exit(0);`,
        ),
        LOGGER_PARAMS,
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(run.stderr).toBe('');
    const lines = run.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { n: number });
    expect(lines.map((line) => line.n)).toEqual(Array.from({ length: 5000 }, (_, n) => n));
  });

  it('writes a quiet process its line at once, not when a buffer fills', async () => {
    const child = spawn(
      process.execPath,
      ['-e', logger(`logger.info('alone'); setInterval(() => {}, 1000);`), LOGGER_PARAMS],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    try {
      const first = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no line within 5 s')), 5_000);
        child.stdout.setEncoding('utf8').once('data', (chunk: string) => {
          clearTimeout(timer);
          resolve(chunk);
        });
      });
      expect(JSON.parse(first)).toMatchObject({ app: 'probe', msg: 'alone' });
    } finally {
      child.kill('SIGKILL');
    }
  });
});
