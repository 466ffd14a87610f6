import { INestApplicationContext } from '@nestjs/common';
import { Webhook } from 'standardwebhooks';
import { ChannelSender } from '../../src/channels/application/channel-sender.port';
import { generateWebhookSecret, parseWebhookSecret } from '../../src/channels/domain/webhook-secret';
import { TEST_HOSTS, loopbackLookup, startChannels } from './support/channels-under-test';
import { HttpsReceiver } from './support/https-receiver';
import { sampleEvent, sampleMessage } from './support/sample-messages';
import { Certificate, selfSignedCertificate } from './support/self-signed-certificate';
import { verifiesEnvrefreshSignature } from './support/webhook-verification';

/**
 * A signed webhook to a real HTTPS receiver on 127.0.0.1 (a certificate made for this run, trusted
 * through the outbound client's CA option), reached as `hooks.test`, which OUTBOUND_ALLOWED_HOSTS lists.
 */
describe('WEBHOOK channel: the envelope, signed twice, to an HTTPS receiver', () => {
  let certificate: Certificate;
  let receiver: HttpsReceiver;
  let sender: ChannelSender;
  let context: INestApplicationContext;

  beforeAll(async () => {
    certificate = selfSignedCertificate([TEST_HOSTS.allowed]);
    receiver = await new HttpsReceiver(certificate).start();
    ({ sender, context } = await startChannels(
      { OUTBOUND_TIMEOUT_MS: '5000' },
      { outbound: { ca: certificate.cert, lookup: loopbackLookup } },
    ));
  });

  afterAll(async () => {
    await context?.close();
    await receiver?.close();
  });

  beforeEach(() => {
    receiver.received.length = 0;
    receiver.answer = (_request, response) => response.writeHead(204).end();
  });

  it('POSTs the envelope exactly, and both signatures verify with the same key', async () => {
    const secret = generateWebhookSecret();
    const event = sampleEvent('intent.scheduled');
    const message = sampleMessage('WEBHOOK', receiver.url(TEST_HOSTS.allowed), { secrets: [secret], event });

    const outcome = await sender.send(message);

    expect(outcome).toMatchObject({ kind: 'SENT', statusCode: 204 });
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request.method).toBe('POST');
    expect(request.headers['content-type']).toBe('application/json');
    expect(JSON.parse(request.body)).toEqual(event);
    expect(request.headers['webhook-id']).toBe(message.deliveryId);
    expect(Math.abs(Number(request.headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(60);
    expect(verifiesEnvrefreshSignature(request.headers, request.body, parseWebhookSecret(secret))).toBe(true);
    expect(new Webhook(secret).verify(request.body, request.headers as Record<string, string>)).toEqual(
      event,
    );
  });

  it('signs with both secrets during a rotation, so either verifies', async () => {
    const [newer, older] = [generateWebhookSecret(), generateWebhookSecret()];
    const message = sampleMessage('WEBHOOK', receiver.url(TEST_HOSTS.allowed), { secrets: [newer, older] });

    expect(await sender.send(message)).toMatchObject({ kind: 'SENT' });

    const [request] = receiver.received;
    const headers = request.headers as Record<string, string>;
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    for (const secret of [newer, older]) {
      expect(() => new Webhook(secret).verify(request.body, headers)).not.toThrow();
      expect(verifiesEnvrefreshSignature(request.headers, request.body, parseWebhookSecret(secret))).toBe(
        true,
      );
    }
    expect(() => new Webhook(generateWebhookSecret()).verify(request.body, headers)).toThrow();
  });

  it('sends the same webhook-id on a second attempt, freshly signed', async () => {
    const secret = generateWebhookSecret();
    const message = sampleMessage('WEBHOOK', receiver.url(TEST_HOSTS.allowed), { secrets: [secret] });
    receiver.answer = (_request, response) => response.writeHead(503).end();
    expect(await sender.send(message)).toMatchObject({ kind: 'RETRY', statusCode: 503 });
    receiver.answer = (_request, response) => response.writeHead(200).end();
    expect(await sender.send({ ...message, attempt: 2 })).toMatchObject({ kind: 'SENT', statusCode: 200 });

    expect(receiver.received.map((request) => request.headers['webhook-id'])).toEqual([
      message.deliveryId,
      message.deliveryId,
    ]);
    for (const request of receiver.received)
      expect(() =>
        new Webhook(secret).verify(request.body, request.headers as Record<string, string>),
      ).not.toThrow();
  });

  it('rejects a delivery without a usable secret, sending nothing', async () => {
    const target = receiver.url(TEST_HOSTS.allowed);
    expect(await sender.send(sampleMessage('WEBHOOK', target, { secrets: [] }))).toMatchObject({
      kind: 'REJECTED',
    });
    expect(await sender.send(sampleMessage('WEBHOOK', target, { secrets: ['whsec_short'] }))).toMatchObject({
      kind: 'REJECTED',
      error: expect.stringContaining('webhook secret'),
    });
    expect(receiver.received).toHaveLength(0);
  });
});
