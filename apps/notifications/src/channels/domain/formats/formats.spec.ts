import { Notice } from '../notice/notice';
import { emailContent } from './email-content';
import { SLACK_LIMITS, slackMessage } from './slack-message';
import { ADAPTIVE_CARD_VERSION, teamsMessage } from './teams-message';

function noticeWith(overrides: Partial<Notice> = {}): Notice {
  return {
    title: 'Masked copy refresh of UAT <Payments> approved',
    summary: 'It will be scheduled now & <soon>.',
    facts: [{ label: 'Status', value: 'REQUESTED → APPROVED' }],
    reasons: ['holds booking "release *testing*" overlapping'],
    links: [{ label: 'Open the refresh', url: 'https://envrefresh.example.com/api/v1/intents/1' }],
    tone: 'good',
    footnote: 'envrefresh · intent.approved v1',
    invitation: null,
    ...overrides,
  };
}

describe('Slack Block Kit', () => {
  it('has a header, mrkdwn sections, buttons, a context and the text fallback', () => {
    const message = slackMessage(noticeWith());
    expect(message.text).toBe('Masked copy refresh of UAT <Payments> approved');
    expect(message.blocks.map((block) => block.type)).toEqual([
      'header',
      'section',
      'section',
      'section',
      'actions',
      'context',
    ]);
    // plain_text shows text as written; mrkdwn needs &, < and > escaped so no value becomes a link.
    expect(message.blocks[0]).toMatchObject({ text: { type: 'plain_text', text: message.text } });
    expect(message.blocks[1]).toMatchObject({
      text: { type: 'mrkdwn', text: ':white_check_mark: It will be scheduled now &amp; &lt;soon&gt;.' },
    });
  });

  it('keeps within the published limits', () => {
    const long = 'x'.repeat(5000);
    const facts = Array.from({ length: 600 }, (_, i) => ({ label: `fact ${i}`, value: long }));
    const message = slackMessage(noticeWith({ title: long, summary: long, facts, reasons: [long] }));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(message.blocks.at(-1)?.type).toBe('context');
    for (const block of message.blocks) {
      if (block.type === 'header')
        expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.headerText);
      if (block.type === 'section') {
        if (block.text) expect(block.text.text.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
        expect((block.fields ?? []).length).toBeLessThanOrEqual(SLACK_LIMITS.fields);
        for (const field of block.fields ?? [])
          expect(field.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fieldText);
      }
    }
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
  });
});

describe('Teams Adaptive Card', () => {
  it('is a Workflows message with one card of version 1.5, facts and open-url actions', () => {
    const message = teamsMessage(noticeWith());
    const card = message.attachments[0].content;
    expect(message.type).toBe('message');
    expect(card.version).toBe(ADAPTIVE_CARD_VERSION);
    expect(card.body.find((element) => element.type === 'FactSet')).toEqual({
      type: 'FactSet',
      facts: [{ title: 'Status', value: 'REQUESTED → APPROVED' }],
    });
    expect(card.actions).toEqual([
      {
        type: 'Action.OpenUrl',
        title: 'Open the refresh',
        url: 'https://envrefresh.example.com/api/v1/intents/1',
      },
    ]);
    expect(JSON.stringify(card.body)).toContain('release \\\\*testing\\\\*');
  });
  it('keeps a reason from becoming a link, and leaves keys and offsets as written', () => {
    const message = teamsMessage(
      noticeWith({
        reasons: ['[click](https://evil.example)'],
        facts: [{ label: 'Environment', value: 'UAT (uat_payments, UAT) (UTC+01:00)' }],
      }),
    );
    const text = JSON.stringify(message.attachments[0].content.body);
    expect(text).toContain('\\\\[click\\\\](https://evil.example)');
    expect(text).toContain('UAT (uat_payments, UAT) (UTC+01:00)');
  });
});

describe('e-mail', () => {
  it('escapes HTML and keeps the subject on one line', () => {
    const content = emailContent(noticeWith({ title: 'Line one\r\nBcc: someone@example.com' }));
    expect(content.subject).toBe('Line one Bcc: someone@example.com');
    expect(content.html).toContain('holds booking &quot;release *testing*&quot; overlapping');
    expect(content.html).not.toContain('<Payments>');
    expect(content.text).toContain('Why you are told:\n- holds booking "release *testing*" overlapping');
    expect(content.text).toContain('Open the refresh: https://envrefresh.example.com/api/v1/intents/1');
  });
});
