import { INestApplicationContext } from '@nestjs/common';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { ChannelSender } from '../../src/channels/application/channel-sender.port';
import { TEST_HOSTS, loopbackLookup, startChannels } from './support/channels-under-test';
import { HttpsReceiver } from './support/https-receiver';
import { adaptiveCardMessageSchema, blockKitMessageSchema } from './support/published-shapes.schema';
import { sampleEvent, sampleMessage } from './support/sample-messages';
import { selfSignedCertificate } from './support/self-signed-certificate';

/** Slack and Teams payloads as a real receiver gets them, checked against their published shapes. */
describe('SLACK and TEAMS channels: payloads in their published shapes', () => {
  let receiver: HttpsReceiver;
  let sender: ChannelSender;
  let context: INestApplicationContext;
  let blockKit: ValidateFunction;
  let adaptiveCard: ValidateFunction;

  beforeAll(async () => {
    const certificate = selfSignedCertificate([TEST_HOSTS.allowed]);
    receiver = await new HttpsReceiver(certificate).start();
    ({ sender, context } = await startChannels(
      { PUBLIC_URL: 'https://envrefresh.example.com' },
      { outbound: { ca: certificate.cert, lookup: loopbackLookup } },
    ));
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    blockKit = ajv.compile(blockKitMessageSchema);
    adaptiveCard = ajv.compile(adaptiveCardMessageSchema);
  });

  afterAll(async () => {
    await context?.close();
    await receiver?.close();
  });

  beforeEach(() => {
    receiver.received.length = 0;
  });

  const EVENTS = [
    'intent.requested',
    'intent.scheduled',
    'conflict.detected',
    'schedule.reminder_due',
    'schedule.overrun',
  ];

  it.each(EVENTS)('SLACK %s: Block Kit blocks with a text fallback', async (type) => {
    const message = sampleMessage('SLACK', receiver.url(TEST_HOSTS.allowed, '/services/T0/B0/secret'), {
      event: sampleEvent(type),
    });
    expect(await sender.send(message)).toMatchObject({ kind: 'SENT' });

    const [request] = receiver.received;
    expect(request.path).toBe('/services/T0/B0/secret');
    expect(request.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(request.body);
    expect(blockKit(payload) ? [] : blockKit.errors).toEqual([]);
    expect(payload.text).toContain('UAT Payments');
    const shown = JSON.stringify(payload.blocks);
    expect(shown).toContain('owns environment uat-payments');
    expect(shown).toContain('https://envrefresh.example.com/api/v1/intents/');
    expect(shown).toContain('(UTC)');
  });

  it.each(EVENTS)('TEAMS %s: an Adaptive Card of version 1.5 in a Workflows message', async (type) => {
    const message = sampleMessage(
      'TEAMS',
      receiver.url(TEST_HOSTS.allowed, '/workflows/abc/triggers/manual'),
      {
        event: sampleEvent(type),
      },
    );
    expect(await sender.send(message)).toMatchObject({ kind: 'SENT' });

    const payload = JSON.parse(receiver.received[0].body);
    expect(adaptiveCard(payload) ? [] : adaptiveCard.errors).toEqual([]);
    const card = payload.attachments[0].content;
    expect(Number(card.version)).toBeLessThanOrEqual(1.5);
    expect(card.actions[0]).toMatchObject({
      type: 'Action.OpenUrl',
      url: expect.stringContaining('/api/v1/intents/'),
    });
    expect(JSON.stringify(card.body)).toContain('Europe/Paris');
  });

  it('the schemas refuse what the services would refuse', () => {
    expect(
      blockKit({
        text: 'x',
        blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }],
      }),
    ).toBe(false);
    expect(blockKit({ blocks: [{ type: 'divider' }] })).toBe(false);
    const card = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          content: { type: 'AdaptiveCard', version: '1.6', body: [] },
        },
      ],
    };
    expect(adaptiveCard(card)).toBe(false);
  });
});
