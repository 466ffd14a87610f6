import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { OPERATIONAL_ROUTES } from '@envrefresh/observability';
import { GatewayConfig } from './gateway.config';
import { applyConditionalGets } from './http/conditional-get';
import { applyInFlightLimit } from './http/in-flight-limit';
import { applyInputEdges } from './http/input/input-edges';
import { applyRequestLimits } from './http/request-limits';
import { validationExceptionFactory } from './http/validation-errors';
import { JsonObjectBodyPipe } from './http/validation/json-object-body.pipe';
import { RememberingValidationPipe } from './http/validation/remembering-validation.pipe';
import { ReservedKeysPipe } from './http/validation/reserved-keys.pipe';
import { buildOpenApiDocument } from './openapi/build-openapi-document';
import { applyViewsBarrier } from './views/interface/views-barrier.hook';
import { serveWebApp } from './web/serve-web-app';

/**
 * The public surface: /api/v1, request limits (rate, in flight, body size), the views barrier, the input edges (JSON
 * in UTF-8 only, clean text, bounded depth), ETag and 304 on the GETs pages poll, strict validation, OpenAPI at /api/docs and /api/docs-json,
 * and the web app at `/`.
 */
export async function configureGateway(app: NestFastifyApplication, config: GatewayConfig): Promise<void> {
  await applyRequestLimits(app, config);
  applyInputEdges(app);
  applyConditionalGets(app);
  // In this order: a write's slot is given back once its views barrier has passed.
  applyViewsBarrier(app);
  applyInFlightLimit(app);
  app.setGlobalPrefix('api/v1', { exclude: OPERATIONAL_ROUTES });
  app.useGlobalPipes(
    new JsonObjectBodyPipe(),
    new ReservedKeysPipe(),
    new RememberingValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      // One reason per field is what a person can act on.
      stopAtFirstError: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
  await serveWebApp(app, config.web);
}
