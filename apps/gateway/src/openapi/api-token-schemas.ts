import { API_TOKEN_PATTERN, ROLES } from '@envrefresh/auth';
import { dateTimeSchema } from '@envrefresh/contracts';

const apiTokenProperties = {
  id: { type: 'string', format: 'uuid' },
  name: { type: 'string' },
  roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
  groups: {
    type: 'array',
    items: { type: 'string' },
    description: "The groups it acts with: its creator's when it was created",
  },
  hint: { type: 'string', description: 'The first characters of the token, to recognise it' },
  createdAt: dateTimeSchema,
  expiresAt: dateTimeSchema,
  revokedAt: { ...dateTimeSchema, description: 'Only in the answer of DELETE /me/tokens/{id}' },
};
const required = ['id', 'name', 'roles', 'groups', 'hint', 'createdAt', 'expiresAt'];

export const API_TOKEN_SCHEMAS = {
  ApiTokenView: { type: 'object', required, properties: apiTokenProperties },
  CreatedApiTokenView: {
    type: 'object',
    required: [...required, 'token'],
    properties: {
      ...apiTokenProperties,
      token: {
        type: 'string',
        pattern: API_TOKEN_PATTERN,
        description: 'The secret: shown only in this answer, stored only as its SHA-256',
      },
    },
  },
  ApiTokenPage: {
    type: 'object',
    required: ['items', 'nextCursor'],
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/ApiTokenView' } },
      nextCursor: { type: 'null', description: 'A user holds at most 50 tokens: always one page' },
    },
  },
} as const;

export const API_TOKEN_EXAMPLE = {
  id: '4f0c7a3e-6c55-4e0b-9a8d-2d7f6a1b3c90',
  name: 'release pipeline freeze check',
  roles: ['viewer'],
  groups: ['payments-qa'],
  hint: 'ert_Zk3q…',
  createdAt: '2026-12-01T09:00:00.000Z',
  expiresAt: '2027-06-30T00:00:00.000Z',
};
