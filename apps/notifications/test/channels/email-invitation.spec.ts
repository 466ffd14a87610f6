import { INestApplicationContext } from '@nestjs/common';
import ICAL from 'ical.js';
import { ChannelSender } from '../../src/channels/application/channel-sender.port';
import { startChannels } from './support/channels-under-test';
import { sampleEvent, sampleMessage } from './support/sample-messages';
import { ReceivedMail, SmtpReceiver } from './support/smtp-receiver';

/** E-mail through nodemailer to a real SMTP server, with the refresh's invitation parsed by ical.js. */
describe('EMAIL channel: text, HTML and a calendar invitation over SMTP', () => {
  let smtp: SmtpReceiver;
  let sender: ChannelSender;
  let context: INestApplicationContext;

  beforeAll(async () => {
    smtp = await new SmtpReceiver().start();
    ({ sender, context } = await startChannels(
      {
        SMTP_URL: smtp.url,
        SMTP_FROM: 'envrefresh <envrefresh@envrefresh.example.com>',
        PUBLIC_URL: 'https://envrefresh.example.com',
        OUTBOUND_TIMEOUT_MS: '3000',
      },
      {},
    ));
  });

  afterAll(async () => {
    await context?.close();
    await smtp?.close();
  });

  beforeEach(() => {
    smtp.received.length = 0;
    smtp.refuseWith = null;
  });

  const intentId = '7d0c5a7e-3f2b-4f7e-9a51-2f0f3b6a9c11';

  function calendarOf(mail: ReceivedMail): { method: string; event: ICAL.Event } {
    const part = mail.parsed.attachments.find((attachment) => attachment.contentType === 'text/calendar');
    expect(part).toBeDefined();
    const calendar = new ICAL.Component(ICAL.parse(part!.content.toString('utf8')));
    return {
      method: String(calendar.getFirstPropertyValue('method')),
      event: new ICAL.Event(calendar.getFirstSubcomponent('vevent')!),
    };
  }

  it('sends the notice as text and HTML from SMTP_FROM to the target', async () => {
    const outcome = await sender.send(
      sampleMessage('EMAIL', 'bob@example.com', { event: sampleEvent('conflict.detected') }),
    );

    expect(outcome).toMatchObject({ kind: 'SENT' });
    const [mail] = smtp.received;
    expect(mail.to).toEqual(['bob@example.com']);
    expect(mail.from).toBe('envrefresh@envrefresh.example.com');
    expect(mail.parsed.subject).toMatch(/^Blocking conflict detected for a refresh of UAT Payments/);
    expect(mail.parsed.text).toContain('Why you are told:\n- owns environment uat-payments');
    expect(mail.parsed.text).toContain(`https://envrefresh.example.com/api/v1/intents/${intentId}`);
    expect(mail.parsed.html).toContain('<h2');
    expect(mail.parsed.attachments.filter((part) => part.contentType === 'text/calendar')).toHaveLength(0);
  });

  it('invites on intent.scheduled (REQUEST, the refresh UID, SEQUENCE = version, UTC times) and updates with a higher SEQUENCE', async () => {
    const scheduled = sampleEvent('intent.scheduled', { version: 4 });
    expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com', { event: scheduled }))).toMatchObject({
      kind: 'SENT',
    });
    const moved = sampleEvent('intent.scheduled', {
      version: 7,
      plannedStart: '2025-03-08T22:00:00Z',
      plannedEnd: '2025-03-09T01:00:00Z',
    });
    expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com', { event: moved }))).toMatchObject({
      kind: 'SENT',
    });

    const [first, second] = smtp.received.map(calendarOf);
    expect(first.method).toBe('REQUEST');
    expect(first.event.uid).toBe(`refresh-${intentId}@envrefresh`);
    expect(first.event.sequence).toBe(4);
    expect(first.event.startDate.zone?.tzid).toBe('UTC');
    expect(first.event.startDate.toJSDate().toISOString()).toBe('2025-03-01T22:00:00.000Z');
    expect(first.event.endDate.toJSDate().toISOString()).toBe('2025-03-02T02:00:00.000Z');
    expect(first.event.organizer.toLowerCase()).toBe('mailto:envrefresh@envrefresh.example.com');
    expect(first.event.attendees.map((attendee) => String(attendee.getFirstValue()).toLowerCase())).toEqual([
      'mailto:bob@example.com',
    ]);
    expect(smtp.received[0].raw).toMatch(/Content-Type: text\/calendar; charset=utf-8; method=REQUEST/i);

    expect(second.event.uid).toBe(first.event.uid);
    expect(second.event.sequence).toBeGreaterThan(first.event.sequence);
    expect(second.event.startDate.toJSDate().toISOString()).toBe('2025-03-08T22:00:00.000Z');
  });

  it('withdraws on intent.cancelled: METHOD:CANCEL, same UID, higher SEQUENCE', async () => {
    await sender.send(
      sampleMessage('EMAIL', 'bob@example.com', { event: sampleEvent('intent.scheduled', { version: 4 }) }),
    );
    const cancelled = sampleEvent('intent.cancelled', { status: 'CANCELLED', version: 5 });
    expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com', { event: cancelled }))).toMatchObject({
      kind: 'SENT',
    });

    const [invite, cancel] = smtp.received.map(calendarOf);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event.uid).toBe(invite.event.uid);
    expect(cancel.event.sequence).toBeGreaterThan(invite.event.sequence);
    expect(cancel.event.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('a transient SMTP refusal is RETRY, a permanent one REJECTED, a bad address REJECTED unsent', async () => {
    smtp.refuseWith = 451;
    expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com'))).toMatchObject({
      kind: 'RETRY',
      statusCode: 451,
    });
    smtp.refuseWith = 550;
    expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com'))).toMatchObject({
      kind: 'REJECTED',
      statusCode: 550,
    });
    smtp.refuseWith = null;
    expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com, eve@example.com'))).toMatchObject({
      kind: 'REJECTED',
    });
    expect(smtp.received).toHaveLength(0);
  });
});

describe('EMAIL channel without SMTP_URL', () => {
  it('is REJECTED: the deployment sends no e-mail', async () => {
    const { sender, context } = await startChannels({}, {});
    try {
      expect(await sender.send(sampleMessage('EMAIL', 'bob@example.com'))).toMatchObject({
        kind: 'REJECTED',
        error: expect.stringContaining('SMTP_URL'),
      });
    } finally {
      await context.close();
    }
  });
});
