import { Notice } from '../notice/notice';

/**
 * Block Kit limits (docs.slack.dev, "Blocks" reference): header text 150 characters, section
 * text 3000, section fields 10 of 2000 each, context 10 elements, actions 25 elements, 50 blocks
 * per message; the top-level `text` is what notifications and screen readers show.
 */
export const SLACK_LIMITS = {
  headerText: 150,
  sectionText: 3000,
  fieldText: 2000,
  fields: 10,
  contextElements: 10,
  blocks: 50,
  buttonText: 75,
  fallbackText: 3000,
} as const;

const TONE_EMOJI: Record<Notice['tone'], string> = {
  info: ':information_source:',
  good: ':white_check_mark:',
  warning: ':warning:',
  attention: ':rotating_light:',
};

export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: true } }
  | { type: 'section'; text?: MrkdwnText; fields?: MrkdwnText[] }
  | { type: 'context'; elements: MrkdwnText[] }
  | { type: 'actions'; elements: SlackButton[] }
  | { type: 'divider' };

interface MrkdwnText {
  type: 'mrkdwn';
  text: string;
}

interface SlackButton {
  type: 'button';
  text: { type: 'plain_text'; text: string };
  url: string;
}

/** An incoming-webhook payload: Block Kit blocks with a plain `text` fallback. */
export function slackMessage(notice: Notice): SlackMessage {
  const blocks: SlackBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: cut(notice.title, SLACK_LIMITS.headerText), emoji: true },
    },
    {
      type: 'section',
      text: mrkdwn(`${TONE_EMOJI[notice.tone]} ${escaped(notice.summary)}`, SLACK_LIMITS.sectionText),
    },
  ];
  for (let i = 0; i < notice.facts.length; i += SLACK_LIMITS.fields) {
    const fields = notice.facts
      .slice(i, i + SLACK_LIMITS.fields)
      .map((fact) => mrkdwn(`*${escaped(fact.label)}*\n${escaped(fact.value)}`, SLACK_LIMITS.fieldText));
    blocks.push({ type: 'section', fields });
  }
  if (notice.reasons.length > 0) {
    const reasons = notice.reasons.map((reason) => `• ${escaped(reason)}`).join('\n');
    blocks.push({
      type: 'section',
      text: mrkdwn(`*Why you are told*\n${reasons}`, SLACK_LIMITS.sectionText),
    });
  }
  if (notice.links.length > 0)
    blocks.push({
      type: 'actions',
      elements: notice.links.map((link) => ({
        type: 'button',
        text: { type: 'plain_text', text: cut(link.label, SLACK_LIMITS.buttonText) },
        url: link.url,
      })),
    });
  blocks.push({ type: 'context', elements: [mrkdwn(escaped(notice.footnote), SLACK_LIMITS.sectionText)] });
  return { text: cut(notice.title, SLACK_LIMITS.fallbackText), blocks: withinBlockLimit(blocks) };
}

/** Keeps the header and the footnote when there are too many blocks, dropping facts in between. */
function withinBlockLimit(blocks: SlackBlock[]): SlackBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocks) return blocks;
  return [...blocks.slice(0, SLACK_LIMITS.blocks - 1), blocks[blocks.length - 1]];
}

function mrkdwn(text: string, limit: number): MrkdwnText {
  return { type: 'mrkdwn', text: cut(text, limit) };
}

/** Slack's mrkdwn escapes exactly these three, so a value cannot become a link or a mention. */
export function escaped(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cut(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
