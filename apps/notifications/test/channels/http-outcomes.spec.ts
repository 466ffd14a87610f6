import { INestApplicationContext } from '@nestjs/common';
import { register } from 'prom-client';
import { eventually } from '@envrefresh/testing';
import { ChannelSender } from '../../src/channels/application/channel-sender.port';
import { generateWebhookSecret } from '../../src/channels/domain/webhook-secret';
import { SocketTripwire } from '../../../../libs/outbound/test/support/socket-tripwire';
import { TEST_HOSTS, loopbackLookup, startChannels } from './support/channels-under-test';
import { HttpsReceiver } from './support/https-receiver';
import { sampleMessage } from './support/sample-messages';
import { Certificate, selfSignedCertificate } from './support/self-signed-certificate';

/**
 * What each answer of a real receiver becomes, through libs/outbound (ADR 0012). The tripwire
 * pins every socket of this process to loopback and counts them, so a refusal is shown to open
 * none and a refused redirect is shown never to be followed.
 */
describe('HTTP channels: attempt outcomes from real answers', () => {
  const tripwire = new SocketTripwire();
  let certificate: Certificate;
  let receiver: HttpsReceiver;
  let sender: ChannelSender;
  let context: INestApplicationContext;
  const TIMEOUT_MS = 800;

  beforeAll(async () => {
    tripwire.arm();
    certificate = selfSignedCertificate([TEST_HOSTS.allowed, TEST_HOSTS.other]);
    receiver = await new HttpsReceiver(certificate).start();
    ({ sender, context } = await startChannels(
      // A high minimum keeps this spec's failures from opening the breaker; the last test opens it.
      { OUTBOUND_TIMEOUT_MS: String(TIMEOUT_MS), DELIVERY_BREAKER_MIN_ATTEMPTS: '1000' },
      { outbound: { ca: certificate.cert, lookup: loopbackLookup } },
    ));
  });

  afterAll(async () => {
    await context?.close();
    await receiver?.close();
    tripwire.disarm();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    tripwire.sockets = 0;
  });

  const webhookTo = (target: string) =>
    sampleMessage('WEBHOOK', target, { secrets: [generateWebhookSecret()] });
  const answering = (status: number, headers: Record<string, string> = {}) => {
    receiver.answer = (_request, response) => response.writeHead(status, headers).end('{"error":"x"}');
  };

  it.each([
    [500, 'RETRY'],
    [503, 'RETRY'],
    [408, 'RETRY'],
    [410, 'GONE'],
    [400, 'REJECTED'],
    [404, 'REJECTED'],
    [200, 'SENT'],
  ])('%i → %s', async (status, kind) => {
    answering(status);
    const outcome = await sender.send(webhookTo(receiver.url(TEST_HOSTS.allowed)));
    expect(outcome).toMatchObject({ kind, statusCode: status });
    expect(receiver.received).toHaveLength(1);
  });

  it('429 with Retry-After: 2 → RETRY after 2000 ms; an HTTP date works too', async () => {
    answering(429, { 'retry-after': '2' });
    expect(await sender.send(webhookTo(receiver.url(TEST_HOSTS.allowed)))).toMatchObject({
      kind: 'RETRY',
      statusCode: 429,
      retryAfterMs: 2000,
    });
    answering(503, { 'retry-after': new Date(Date.now() + 120_000).toUTCString() });
    const outcome = await sender.send(webhookTo(receiver.url(TEST_HOSTS.allowed)));
    expect(outcome.kind === 'RETRY' && outcome.retryAfterMs).toBeGreaterThan(115_000);
  });

  it('a hanging receiver → RETRY once the timeout passes', async () => {
    receiver.answer = () => undefined; // never answers
    const started = Date.now();
    const outcome = await sender.send(webhookTo(receiver.url(TEST_HOSTS.allowed)));
    expect(outcome).toMatchObject({
      kind: 'RETRY',
      statusCode: null,
      error: expect.stringContaining('OUTBOUND.TIMEOUT'),
    });
    // Node's timers count from the event loop's cached clock, which a busy machine leaves behind
    // the wall clock: the timeout may end a little "early" by Date.now(). Half still proves a wait.
    expect(Date.now() - started).toBeGreaterThanOrEqual(TIMEOUT_MS / 2);
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 2000);
  });

  it('a host name resolving to 127.0.0.1 that is not allowed → REJECTED, no socket opened', async () => {
    const connectionsBefore = receiver.connections;
    const outcome = await sender.send(webhookTo(receiver.url(TEST_HOSTS.other)));
    expect(outcome).toMatchObject({
      kind: 'REJECTED',
      statusCode: null,
      error: expect.stringContaining('OUTBOUND.ADDRESS_REFUSED'),
    });
    expect(tripwire.sockets).toBe(0);
    expect(receiver.connections).toBe(connectionsBefore);
  });

  it('an http, ftp or malformed URL and a literal private address → REJECTED before any socket', async () => {
    expect(await sender.send(webhookTo(`http://${TEST_HOSTS.allowed}:${receiver.port}/hook`))).toMatchObject({
      kind: 'REJECTED',
      error: expect.stringContaining('OUTBOUND.SCHEME_REFUSED'),
    });
    expect(await sender.send(webhookTo(`ftp://${TEST_HOSTS.allowed}/hook`))).toMatchObject({
      kind: 'REJECTED',
      error: expect.stringContaining('OUTBOUND.SCHEME_REFUSED'),
    });
    expect(await sender.send(webhookTo('not a url'))).toMatchObject({
      kind: 'REJECTED',
      error: expect.stringContaining('OUTBOUND.INVALID_URL'),
    });
    expect(await sender.send(webhookTo('https://10.0.0.7/hook'))).toMatchObject({
      kind: 'REJECTED',
      error: expect.stringContaining('OUTBOUND.ADDRESS_REFUSED'),
    });
    expect(tripwire.sockets).toBe(0);
  });

  it('a redirect to 169.254.169.254 → REJECTED and never followed', async () => {
    answering(302, { location: 'https://169.254.169.254/latest/meta-data/' });
    const outcome = await sender.send(webhookTo(receiver.url(TEST_HOSTS.allowed)));
    expect(outcome).toMatchObject({
      kind: 'REJECTED',
      statusCode: 302,
      error: expect.stringContaining('OUTBOUND.REDIRECT_REFUSED'),
    });
    expect(receiver.received).toHaveLength(1);
    expect(tripwire.sockets).toBeLessThanOrEqual(1); // the one to the receiver, or a pooled one
  });

  it('Slack and Teams targets follow the same rules', async () => {
    answering(410);
    expect(await sender.send(sampleMessage('SLACK', receiver.url(TEST_HOSTS.allowed)))).toMatchObject({
      kind: 'GONE',
    });
    answering(429, { 'retry-after': '7' });
    expect(await sender.send(sampleMessage('TEAMS', receiver.url(TEST_HOSTS.allowed)))).toMatchObject({
      kind: 'RETRY',
      retryAfterMs: 7000,
    });
    expect(await sender.send(sampleMessage('SLACK', receiver.url(TEST_HOSTS.other)))).toMatchObject({
      kind: 'REJECTED',
    });
  });
});

describe('HTTP channels: a circuit breaker per destination', () => {
  let certificate: Certificate;
  let failing: HttpsReceiver;
  let healthy: HttpsReceiver;
  let sender: ChannelSender;
  let context: INestApplicationContext;

  beforeAll(async () => {
    certificate = selfSignedCertificate([TEST_HOSTS.allowed]);
    failing = await new HttpsReceiver(certificate).start();
    healthy = await new HttpsReceiver(certificate).start();
    failing.answer = (_request, response) => response.writeHead(500).end();
    ({ sender, context } = await startChannels(
      { DELIVERY_BREAKER_MIN_ATTEMPTS: '3', DELIVERY_BREAKER_RESET: 'PT1S' },
      { outbound: { ca: certificate.cert, lookup: loopbackLookup } },
    ));
  });

  afterAll(async () => {
    await context?.close();
    await failing?.close();
    await healthy?.close();
  });

  it('opens after repeated failures: RETRY "circuit open" without a request; others unaffected; closes again', async () => {
    const toFailing = sampleMessage('SLACK', failing.url(TEST_HOSTS.allowed));
    for (let i = 0; i < 3; i++)
      expect(await sender.send(toFailing)).toMatchObject({ kind: 'RETRY', statusCode: 500 });

    const refused = await sender.send(toFailing);
    expect(refused).toMatchObject({
      kind: 'RETRY',
      statusCode: null,
      error: expect.stringContaining('circuit open'),
    });
    expect(failing.received).toHaveLength(3);
    expect(await breakerStateOf(`${TEST_HOSTS.allowed}:${failing.port}`)).toBe(2); // open

    expect(await sender.send(sampleMessage('SLACK', healthy.url(TEST_HOSTS.allowed)))).toMatchObject({
      kind: 'SENT',
    });

    failing.answer = (_request, response) => response.writeHead(200).end();
    // Once DELIVERY_BREAKER_RESET has passed the breaker lets one trial attempt through.
    await eventually(
      async () => expect(await breakerStateOf(`${TEST_HOSTS.allowed}:${failing.port}`)).toBe(1), // half open
      { timeoutMs: 5_000, intervalMs: 50 },
    );
    expect(await sender.send(toFailing)).toMatchObject({ kind: 'SENT' });
    expect(failing.received).toHaveLength(4);
    expect(await breakerStateOf(`${TEST_HOSTS.allowed}:${failing.port}`)).toBe(0); // closed

    const latency = await register.getSingleMetric('notifications_channel_attempt_duration_seconds')!.get();
    const count = (outcome: string) =>
      (latency.values as { metricName?: string; labels: Record<string, unknown>; value: number }[]).find(
        (sample) =>
          sample.metricName === 'notifications_channel_attempt_duration_seconds_count' &&
          sample.labels.channel === 'SLACK' &&
          sample.labels.outcome === outcome,
      )?.value;
    expect(count('RETRY')).toBeGreaterThanOrEqual(4);
    expect(count('SENT')).toBeGreaterThanOrEqual(2);
  });

  async function breakerStateOf(host: string): Promise<number | undefined> {
    const gauge = await register.getSingleMetric('notifications_channel_breaker_state')!.get();
    return gauge.values.find((sample) => sample.labels.host === host)?.value;
  }
});
