import { connect, Socket } from 'node:net';
import { createTestNamespace, deleteAmqpNamespace, namespaceNames, testAmqpUrl } from '@envrefresh/testing';
import { RunningApp } from '../support/app-processes';
import { signTestToken } from '../support/test-token';
import { startGateway } from './support/gateway-under-test';

interface Outcome {
  /** From the first byte sent until the gateway closed the connection. */
  heldMs: number;
  answer: string;
}

/**
 * A client on a real socket that writes `head` at once, then one byte of `drip` every
 * `intervalMs`, as a slow-loris attack does, and reports when the server hung up and what it said.
 */
function dribble(
  app: RunningApp,
  head: string,
  drip: string,
  intervalMs: number,
  giveUpMs = 60_000,
): Promise<Outcome> {
  const { hostname, port } = new URL(app.baseUrl);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(Number(port), hostname);
    const started = Date.now();
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`still connected after ${giveUpMs} ms, having sent ${sent} bytes`));
    }, giveUpMs);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < drip.length && socket.writable) socket.write(drip[sent++]);
      }, intervalMs);
    });
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ heldMs: Date.now() - started, answer });
    });
  });
}

const problemIn = (answer: string) => {
  const [head, body] = answer.split('\r\n\r\n');
  return {
    statusLine: head.split('\r\n')[0],
    contentType: /content-type: *([^\r\n]+)/i.exec(head)?.[1],
    body: JSON.parse(body),
  };
};

describe('slow clients are cut off in seconds, with a 408 problem', () => {
  const amqpUrl = testAmqpUrl();
  const namespace = createTestNamespace();
  let defaults: RunningApp;
  let tight: RunningApp;
  const token = signTestToken({ sub: 'slow-sam', roles: ['requester'], groups: [] });

  beforeAll(async () => {
    [defaults, tight] = await Promise.all([
      startGateway(amqpUrl, namespace),
      startGateway(amqpUrl, namespace, { HEADERS_TIMEOUT_MS: '1000', REQUEST_TIMEOUT_MS: '2000' }),
    ]);
  }, 30_000);

  afterAll(async () => {
    await Promise.all([defaults?.process.stop(), tight?.process.stop()]);
    await deleteAmqpNamespace(amqpUrl, namespaceNames(namespace));
  });

  it('a body sent one byte a second is cut at REQUEST_TIMEOUT_MS (default 10 s), long before it is read', async () => {
    const body = JSON.stringify({ reason: 'x'.repeat(200) });
    const head =
      `POST /api/v1/intents HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
    const outcome = await dribble(defaults, head, body, 1_000);

    expect(outcome.heldMs).toBeGreaterThanOrEqual(9_000);
    expect(outcome.heldMs).toBeLessThan(13_000);
    const answer = problemIn(outcome.answer);
    expect(answer.statusLine).toBe('HTTP/1.1 408 Request Timeout');
    expect(answer.contentType).toBe('application/problem+json');
    expect(answer.body).toMatchObject({
      status: 408,
      title: 'Request Timeout',
      detail: expect.stringContaining('10000 ms'),
    });
  }, 30_000);

  it('headers sent one line at a time are cut at HEADERS_TIMEOUT_MS', async () => {
    const outcome = await dribble(
      tight,
      'GET /api/v1/intents HTTP/1.1\r\n',
      'X-Slow: 1\r\n'.repeat(100),
      100,
    );
    expect(outcome.heldMs).toBeLessThan(3_500);
    expect(problemIn(outcome.answer)).toMatchObject({
      statusLine: 'HTTP/1.1 408 Request Timeout',
      contentType: 'application/problem+json',
      body: { status: 408 },
    });
  });

  it('a connection that never sends anything is closed too', async () => {
    const outcome = await dribble(tight, '', '', 1_000);
    expect(outcome.heldMs).toBeLessThan(3_500);
  });

  it('a client that sends its request in time is served as usual', async () => {
    const response = await fetch(`${tight.baseUrl}/api/v1/intents/not-a-uuid`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(404);
  });
});
