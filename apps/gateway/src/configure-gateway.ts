import { ValidationPipe } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { OPERATIONAL_ROUTES } from '@envrefresh/observability';
import { validationExceptionFactory } from './http/validation-errors';

/** The public surface: /api/v1, strict validation, OpenAPI at /api/docs and /api/docs-json. */
export function configureGateway(app: NestFastifyApplication): void {
  app.setGlobalPrefix('api/v1', { exclude: OPERATIONAL_ROUTES });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('envrefresh API')
      .setDescription('Plan, approve, conflict-check and announce refreshes of shared test environments.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    useGlobalPrefix: false,
  });
}
