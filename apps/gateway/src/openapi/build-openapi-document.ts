import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { MAX_JSON_DEPTH } from '../http/input/text-flaws';
import { problemResponse } from './problem-responses';
import { VIEW_SCHEMAS } from './view-schemas';

/**
 * The OpenAPI 3.1 description of /api/v1, from the controllers' decorators plus the response
 * schemas shared with the event catalog (3.1 because those are plain JSON Schema).
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setOpenAPIVersion('3.1.0')
      .setTitle('envrefresh API')
      .setDescription(
        [
          'Plan, approve, conflict-check and announce refreshes of shared test environments.',
          'Every error is RFC 9457 `application/problem+json`. Roles form a ladder: viewer < requester < approver; viewer < operator; admin may do everything.',
          'Each caller may send RATE_LIMIT_PER_MINUTE requests a minute and have MAX_IN_FLIGHT_PER_USER in progress at once (429 with Retry-After beyond); bodies are capped at BODY_LIMIT_BYTES (413).',
          `Bodies are JSON in UTF-8 only (\`application/json\` or \`application/*+json\`; anything else is 415). A NUL or a lone surrogate in any string of a body, query or path, bytes that are not UTF-8, or a body nested deeper than ${MAX_JSON_DEPTH} levels is a 400 naming the field. Headers must arrive within HEADERS_TIMEOUT_MS and the whole request within REQUEST_TIMEOUT_MS (408); a request line or headers over 16 KiB are 414 or 431; all as problem+json.`,
          'Every response carries X-Request-Id (yours, or a new one), which correlates every event that follows.',
        ].join('\n\n'),
      )
      .setVersion('1')
      .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
      // Relative: the API is wherever this document was fetched from.
      .addServer('/', 'This gateway')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      // The iCal feed: calendar apps send no header, the URL's token is the credential.
      .addApiKey(
        {
          type: 'apiKey',
          in: 'query',
          name: 'token',
          description: 'The token of a personal calendar feed URL',
        },
        'feedToken',
      )
      .build(),
  );
  // Every body goes through one parser, so every route that takes one may answer 415.
  for (const operations of Object.values(document.paths)) {
    for (const operation of Object.values(operations) as {
      requestBody?: unknown;
      responses: Record<string, unknown>;
    }[]) {
      if (operation.requestBody) operation.responses['415'] ??= problemResponse(415);
    }
  }
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...(VIEW_SCHEMAS as unknown as NonNullable<OpenAPIObject['components']>['schemas']),
    },
  };
  return document;
}
