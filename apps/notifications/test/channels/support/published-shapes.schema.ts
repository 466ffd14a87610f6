/**
 * JSON Schemas written from the published references, for the parts these messages use, so a
 * payload that Slack or Teams would refuse fails here: Slack's Block Kit reference
 * (docs.slack.dev/reference/block-kit: header, section, context, actions, divider, text objects
 * and their limits) and the Adaptive Cards schema (adaptivecards.io/schemas/adaptive-card.json,
 * elements TextBlock and FactSet and Action.OpenUrl, as of version 1.5) inside the Workflows
 * webhook message envelope Microsoft documents.
 */
const plainText = (maxLength: number) => ({
  type: 'object',
  additionalProperties: false,
  required: ['type', 'text'],
  properties: {
    type: { const: 'plain_text' },
    text: { type: 'string', minLength: 1, maxLength },
    emoji: { type: 'boolean' },
  },
});

const mrkdwn = (maxLength: number) => ({
  type: 'object',
  additionalProperties: false,
  required: ['type', 'text'],
  properties: {
    type: { const: 'mrkdwn' },
    text: { type: 'string', minLength: 1, maxLength },
    verbatim: { type: 'boolean' },
  },
});

const blockId = { type: 'string', maxLength: 255 };

export const blockKitMessageSchema = {
  $id: 'slack-incoming-webhook-message',
  type: 'object',
  required: ['text', 'blocks'],
  properties: {
    text: { type: 'string', minLength: 1 },
    blocks: {
      type: 'array',
      minItems: 1,
      maxItems: 50,
      items: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'text'],
            properties: { type: { const: 'header' }, text: plainText(150), block_id: blockId },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            anyOf: [{ required: ['text'] }, { required: ['fields'] }],
            properties: {
              type: { const: 'section' },
              text: { oneOf: [mrkdwn(3000), plainText(3000)] },
              fields: {
                type: 'array',
                minItems: 1,
                maxItems: 10,
                items: { oneOf: [mrkdwn(2000), plainText(2000)] },
              },
              block_id: blockId,
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'elements'],
            properties: {
              type: { const: 'context' },
              elements: {
                type: 'array',
                minItems: 1,
                maxItems: 10,
                items: { oneOf: [mrkdwn(3000), plainText(3000)] },
              },
              block_id: blockId,
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'elements'],
            properties: {
              type: { const: 'actions' },
              block_id: blockId,
              elements: {
                type: 'array',
                minItems: 1,
                maxItems: 25,
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['type', 'text'],
                  properties: {
                    type: { const: 'button' },
                    text: plainText(75),
                    url: { type: 'string', format: 'uri', maxLength: 3000 },
                    action_id: { type: 'string', maxLength: 255 },
                    value: { type: 'string', maxLength: 2000 },
                  },
                },
              },
            },
          },
          {
            type: 'object',
            additionalProperties: false,
            required: ['type'],
            properties: { type: { const: 'divider' }, block_id: blockId },
          },
        ],
      },
    },
  },
};

const SPACING = ['None', 'Small', 'Default', 'Medium', 'Large', 'ExtraLarge', 'Padding'];

const textBlock = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'text'],
  properties: {
    type: { const: 'TextBlock' },
    text: { type: 'string' },
    wrap: { type: 'boolean' },
    size: { enum: ['Default', 'Small', 'Medium', 'Large', 'ExtraLarge'] },
    weight: { enum: ['Default', 'Lighter', 'Bolder'] },
    color: { enum: ['Default', 'Dark', 'Light', 'Accent', 'Good', 'Warning', 'Attention'] },
    isSubtle: { type: 'boolean' },
    spacing: { enum: SPACING },
    separator: { type: 'boolean' },
    maxLines: { type: 'number' },
  },
};

const factSet = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'facts'],
  properties: {
    type: { const: 'FactSet' },
    facts: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'value'],
        properties: { title: { type: 'string' }, value: { type: 'string' } },
      },
    },
    spacing: { enum: SPACING },
  },
};

export const adaptiveCardMessageSchema = {
  $id: 'teams-workflows-message',
  type: 'object',
  additionalProperties: false,
  required: ['type', 'attachments'],
  properties: {
    type: { const: 'message' },
    attachments: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['contentType', 'content'],
        properties: {
          contentType: { const: 'application/vnd.microsoft.card.adaptive' },
          contentUrl: { type: 'null' },
          content: {
            type: 'object',
            additionalProperties: false,
            required: ['type', 'version', 'body'],
            properties: {
              $schema: { type: 'string', format: 'uri' },
              type: { const: 'AdaptiveCard' },
              // Teams renders up to 1.5; anything newer is shown as "card cannot be displayed".
              version: { enum: ['1.0', '1.1', '1.2', '1.3', '1.4', '1.5'] },
              body: { type: 'array', items: { oneOf: [textBlock, factSet] } },
              actions: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['type', 'url'],
                  properties: {
                    type: { const: 'Action.OpenUrl' },
                    title: { type: 'string' },
                    url: { type: 'string', format: 'uri' },
                  },
                },
              },
              msteams: {
                type: 'object',
                properties: { width: { enum: ['Full'] } },
              },
            },
          },
        },
      },
    },
  },
};
