import { Notice } from '../notice/notice';

/** The newest Adaptive Card version Teams renders everywhere (Workflows webhooks included). */
export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

const TONE_COLOR: Record<Notice['tone'], 'Default' | 'Good' | 'Warning' | 'Attention'> = {
  info: 'Default',
  good: 'Good',
  warning: 'Warning',
  attention: 'Attention',
};

export interface TeamsMessage {
  type: 'message';
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; contentUrl: null; content: AdaptiveCard }];
}

export interface AdaptiveCard {
  $schema: string;
  type: 'AdaptiveCard';
  version: string;
  body: CardElement[];
  actions: { type: 'Action.OpenUrl'; title: string; url: string }[];
  msteams: { width: 'Full' };
}

type CardElement =
  | {
      type: 'TextBlock';
      text: string;
      wrap: true;
      size?: 'Small' | 'Large';
      weight?: 'Bolder';
      color?: string;
      isSubtle?: boolean;
      spacing?: 'Medium';
    }
  | { type: 'FactSet'; facts: { title: string; value: string }[] };

/** A Workflows ("When a Teams webhook request is received") message holding one Adaptive Card. */
export function teamsMessage(notice: Notice): TeamsMessage {
  const body: CardElement[] = [
    {
      type: 'TextBlock',
      text: plain(notice.title),
      wrap: true,
      size: 'Large',
      weight: 'Bolder',
      color: TONE_COLOR[notice.tone],
    },
    { type: 'TextBlock', text: plain(notice.summary), wrap: true },
  ];
  if (notice.facts.length > 0)
    body.push({
      type: 'FactSet',
      facts: notice.facts.map((fact) => ({ title: plain(fact.label), value: plain(fact.value) })),
    });
  if (notice.reasons.length > 0) {
    body.push({
      type: 'TextBlock',
      text: 'Why you are told',
      wrap: true,
      weight: 'Bolder',
      spacing: 'Medium',
    });
    body.push({
      type: 'TextBlock',
      text: notice.reasons.map((reason) => `- ${plain(reason)}`).join('\n'),
      wrap: true,
    });
  }
  body.push({ type: 'TextBlock', text: plain(notice.footnote), wrap: true, size: 'Small', isSubtle: true });
  return {
    type: 'message',
    attachments: [
      {
        contentType: ADAPTIVE_CARD_CONTENT_TYPE,
        contentUrl: null,
        content: {
          $schema: ADAPTIVE_CARD_SCHEMA,
          type: 'AdaptiveCard',
          version: ADAPTIVE_CARD_VERSION,
          body,
          actions: notice.links.map((link) => ({ type: 'Action.OpenUrl', title: link.label, url: link.url })),
          msteams: { width: 'Full' },
        },
      },
    ],
  };
}

/**
 * TextBlock and FactSet text is a Markdown subset: escaping `*` and the brackets keeps a reason
 * or a name from turning bold or into a link (`[x](https://…)`); an underscore inside a word and
 * parentheses never change the rendering, so keys like `uat_payments` and "(UTC+01:00)" stay
 * as they are.
 */
function plain(text: string): string {
  return text.replace(/([\\*[\]])/g, '\\$1');
}
