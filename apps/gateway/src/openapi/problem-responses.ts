import { STATUS_CODES } from 'node:http';
import { ApiResponse } from '@nestjs/swagger';
import { TOO_MUCH_WORK, WORK_LIMITS } from '@envrefresh/kernel';
import { applyDecorators } from '@nestjs/common';
import { ACCEPTED_BODY_TYPES } from '../http/input/media-type';
import { PROBLEM_CONTENT_TYPE } from '../http/problem';

export const PROBLEM_SCHEMA_NAME = 'Problem';

/** RFC 9457 problem details, as every error of this API is answered. */
export const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: {
      type: 'string',
      description: 'URI naming the kind of problem; about:blank when the status says it all',
    },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string', description: 'What went wrong with this request, for a person' },
    instance: { type: 'string', description: 'The request path' },
    code: { type: 'string', description: 'Stable domain error code, e.g. INTENT.INVALID_TRANSITION' },
    errors: {
      type: 'array',
      description: 'Validation: each bad field (body field, query parameter or header) and why',
      items: {
        type: 'object',
        required: ['field', 'message'],
        properties: { field: { type: 'string' }, message: { type: 'string' } },
      },
    },
    allowedActions: {
      type: 'array',
      items: { type: 'string' },
      description: 'A refused transition (409): the actions the intent allows in its status',
    },
    retryAfterSeconds: {
      type: 'integer',
      minimum: 0,
      description: 'Too many requests (429): how long to wait, as the Retry-After header says',
    },
  },
} as const;

/** What each status means on this API, and one example body. */
const PROBLEMS: Record<number, { description: string; example: Record<string, unknown> }> = {
  400: {
    description: 'Invalid body, query or header: `errors` names each bad field; unknown fields are refused',
    example: {
      type: 'https://envrefresh.dev/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: 'The request is invalid; see errors',
      errors: [{ field: 'plannedStart', message: 'must carry a UTC offset, e.g. +01:00 or Z' }],
    },
  },
  401: {
    description: 'Missing, malformed, expired or otherwise invalid bearer token',
    example: {
      type: 'about:blank',
      title: 'Unauthorized',
      status: 401,
      detail: 'Invalid token: token has expired',
    },
  },
  403: {
    description:
      "The token lacks the route's role, or a rule of the resource refuses the caller: separation of duties (nobody approves or overrides for their own intent), or deciding on an intent (approve, reject, start, complete, fail, roll back; acknowledge or override its conflicts) outside the owner group of its environment. Notification groups let you read an intent, never decide on it (`code` INTENT.NOT_IN_OWNER_GROUP / CONFLICT.NOT_IN_OWNER_GROUP).",
    example: { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'This needs the approver role' },
  },
  404: {
    description: 'No such resource, or one the caller may not see (never 403 for hidden intents)',
    example: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such intent' },
  },
  409: {
    description:
      'Stale version, a transition the state machine does not allow (see allowedActions), a blocking conflict, or an action the resource does not allow in its state (e.g. acknowledging a BLOCKING conflict)',
    example: {
      type: 'https://envrefresh.dev/problems/invalid-transition',
      title: 'Invalid transition',
      status: 409,
      detail: 'A COMPLETED intent cannot be cancelled',
      code: 'INTENT.INVALID_TRANSITION',
      allowedActions: [],
    },
  },
  413: {
    description: 'The body is larger than BODY_LIMIT_BYTES',
    example: {
      type: 'about:blank',
      title: 'Payload Too Large',
      status: 413,
      detail: 'Request body is too large',
    },
  },
  415: {
    description: `The body is not ${ACCEPTED_BODY_TYPES} (form-encoded, XML, text, another charset…)`,
    example: {
      type: 'https://envrefresh.dev/problems/unsupported-media-type',
      title: 'Unsupported Media Type',
      status: 415,
      detail: `Send the body as ${ACCEPTED_BODY_TYPES}; got "application/x-www-form-urlencoded"`,
    },
  },
  422: {
    description: `The Idempotency-Key was used before with a different body, or the request asks more work than one request may take (code ${TOO_MUCH_WORK}, e.g. a slot search expanding more than ${WORK_LIMITS.occurrences} window occurrences: narrow the range)`,
    example: {
      type: 'https://envrefresh.dev/problems/idempotency-key-reused',
      title: 'Idempotency-Key reused',
      status: 422,
      detail: 'This Idempotency-Key was used with another body',
    },
  },
  428: {
    description: 'Neither a body `version` nor If-Match was sent',
    example: {
      type: 'https://envrefresh.dev/problems/version-required',
      title: 'Precondition Required',
      status: 428,
      detail: 'Send the intent version you last read, as body "version" or If-Match',
      errors: [{ field: 'version', message: 'is required (body field or If-Match header)' }],
    },
  },
  429: {
    description:
      'More than RATE_LIMIT_PER_MINUTE requests a minute from this caller, or more than MAX_IN_FLIGHT_PER_USER of them in progress at once (type too-many-in-flight); see Retry-After',
    example: {
      type: 'https://envrefresh.dev/problems/rate-limited',
      title: 'Too Many Requests',
      status: 429,
      detail: 'Too many requests; retry in 12 s',
      retryAfterSeconds: 12,
    },
  },
  503: {
    description:
      'A service is unavailable (circuit open), the conflict check could not be made, or a service could not ask the owner of something it does not know yet (code PROJECTION.OWNER_UNAVAILABLE, ADR 0014)',
    example: {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'intents is unavailable; try again shortly',
    },
  },
  504: {
    description: 'A service did not answer in time; the request may still take effect',
    example: {
      type: 'about:blank',
      title: 'Gateway Timeout',
      status: 504,
      detail: 'intents did not answer in time; the request may still take effect, check before retrying',
    },
  },
};

export type ProblemStatus = keyof typeof PROBLEMS;

/** One status as an application/problem+json response with the Problem schema and an example. */
export function problemResponse(status: number) {
  const known = PROBLEMS[status] ?? { description: STATUS_CODES[status] ?? 'Error', example: undefined };
  return {
    description: known.description,
    content: {
      [PROBLEM_CONTENT_TYPE]: {
        schema: { $ref: `#/components/schemas/${PROBLEM_SCHEMA_NAME}` },
        ...(known.example ? { example: known.example } : {}),
      },
    },
  };
}

/** Documents each status as a problem response (see problemResponse). */
export function ApiProblemResponses(...statuses: number[]) {
  return applyDecorators(
    ...[...new Set(statuses)].map((status) => ApiResponse({ status, ...problemResponse(status) })),
  );
}
