import { applyDecorators } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExtension, ApiHeader, ApiOperation, ApiResponse } from '@nestjs/swagger';
import { Role } from '@envrefresh/auth';
import { RequireRoles } from '../auth/roles.decorator';
import { CONDITIONAL_CACHE_CONTROL, CONDITIONAL_GET, CONDITIONAL_VARY } from '../http/conditional-get';
import { ApiProblemResponses } from './problem-responses';
import { ViewSchemaName } from './view-schemas';

export interface EndpointOptions {
  summary: string;
  description?: string;
  /** Lowest roles on the ladder that may call it (admin always may). */
  roles: Role[];
  success: {
    status: 200 | 201;
    schema: ViewSchemaName;
    array?: boolean;
    description: string;
    example: unknown;
  };
  /** Statuses beyond the ones every authenticated route can answer (401, 403, 429, 503, 504). */
  problems?: number[];
  idempotencyKey?: boolean;
  ifMatch?: boolean;
  /**
   * A GET that people and pages poll: answers a strong `ETag` of its body and 304 to an
   * `If-None-Match` naming it (http/conditional-get.ts).
   */
  conditional?: boolean;
}

const ALWAYS = [401, 403, 429, 503, 504];

const CONDITIONAL_HEADERS = {
  ETag: {
    description: 'Strong validator of the body; send it back in If-None-Match to revalidate',
    schema: { type: 'string' },
  },
  'Cache-Control': {
    description: 'Keep, but revalidate before each use; never in a shared cache',
    schema: { type: 'string', example: CONDITIONAL_CACHE_CONTROL },
  },
  Vary: {
    description: 'The answer depends on who asks',
    schema: { type: 'string', example: CONDITIONAL_VARY },
  },
};

/**
 * One route's contract in one place: the role guard, and the OpenAPI operation that documents
 * the role (in the description and as `x-required-roles`), the success body and every problem.
 */
export function Endpoint(options: EndpointOptions) {
  const roles = options.roles.map((role) => `\`${role}\``).join(' or ');
  const description = [
    options.description,
    `**Required role:** ${roles} (or a role that includes it; \`admin\` may do everything).`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const ref = { $ref: `#/components/schemas/${options.success.schema}` };
  return applyDecorators(
    RequireRoles(...options.roles),
    ApiOperation({ summary: options.summary, description }),
    ApiExtension('x-required-roles', options.roles),
    ApiResponse({
      status: options.success.status,
      description: options.success.description,
      content: {
        'application/json': {
          schema: options.success.array ? { type: 'array', items: ref } : ref,
          example: options.success.example,
        },
      },
      ...(options.success.status === 201
        ? {
            headers: { Location: { description: 'URL of the created resource', schema: { type: 'string' } } },
          }
        : {}),
      ...(options.conditional ? { headers: CONDITIONAL_HEADERS } : {}),
    }),
    ...(options.conditional
      ? [
          RouteConfig({ [CONDITIONAL_GET]: true }),
          ApiHeader({
            name: 'If-None-Match',
            required: false,
            description:
              'The `ETag` of the answer you hold (or a list of them, or `*`): 304 with no body while the answer is byte-identical',
            schema: { type: 'string', example: '"mZ3r0R2cH1p7mQn3v1xJ6w8kLq0sT4uY9aBcDeFgHiJ"' },
          }),
          ApiResponse({
            status: 304,
            description:
              'Not modified: the answer is still the one the `ETag` in If-None-Match names; no body',
            headers: CONDITIONAL_HEADERS,
          }),
        ]
      : []),
    ApiProblemResponses(...ALWAYS, ...(options.problems ?? [])),
    ...(options.idempotencyKey
      ? [
          ApiHeader({
            name: 'Idempotency-Key',
            required: false,
            description:
              'Same key and body: the first response again, nothing created twice. Same key, other body: 422.',
            schema: { type: 'string', maxLength: 255, example: '6f1c9f7e-2b7a-4c55-8d5e-3f1a2b9c0d11' },
          }),
        ]
      : []),
    ...(options.ifMatch
      ? [
          ApiHeader({
            name: 'If-Match',
            required: false,
            description:
              'The intent version you last read, e.g. "3" (instead of the body `version`; both must agree)',
            schema: { type: 'string', example: '"3"' },
          }),
        ]
      : []),
  );
}
