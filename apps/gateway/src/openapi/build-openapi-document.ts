import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
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
          'Each caller may send RATE_LIMIT_PER_MINUTE requests a minute (429 with Retry-After beyond); bodies are capped at BODY_LIMIT_BYTES (413).',
          'Every response carries X-Request-Id (yours, or a new one), which correlates every event that follows.',
        ].join('\n\n'),
      )
      .setVersion('1')
      .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
      // Relative: the API is wherever this document was fetched from.
      .addServer('/', 'This gateway')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
  );
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      ...(VIEW_SCHEMAS as unknown as NonNullable<OpenAPIObject['components']>['schemas']),
    },
  };
  return document;
}
