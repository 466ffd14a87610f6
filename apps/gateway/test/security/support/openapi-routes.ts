/** One operation of the OpenAPI document the gateway serves, with the path under `/api/v1`. */
export interface OpenApiRoute {
  /** `METHOD /path`, the key of the access table. */
  route: string;
  method: string;
  /** With `{parameter}` placeholders, e.g. `/intents/{id}/approve`. */
  path: string;
  operation: OpenApiOperation;
}

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

export interface OpenApiOperation {
  'x-required-roles'?: string[];
  security?: Record<string, string[]>[];
  parameters?: OpenApiParameter[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

export const API_PREFIX = '/api/v1';

/** The document the running gateway serves: the routes as they are, not as a spec remembers them. */
export async function fetchOpenApi(gatewayBaseUrl: string): Promise<OpenApiDocument> {
  const response = await fetch(`${gatewayBaseUrl}/api/docs-json`);
  if (response.status !== 200) throw new Error(`GET /api/docs-json answered ${response.status}`);
  return (await response.json()) as OpenApiDocument;
}

export function openApiRoutes(document: OpenApiDocument): OpenApiRoute[] {
  return Object.entries(document.paths).flatMap(([fullPath, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const path = fullPath.startsWith(API_PREFIX) ? fullPath.slice(API_PREFIX.length) : fullPath;
      return { route: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation };
    }),
  );
}

/** The schema `$ref` points at (one level; nested refs are resolved as they are met). */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  if (schema.$ref) return resolveSchema(document, document.components.schemas[schema.$ref.split('/').pop()!]);
  if (schema.allOf?.length === 1) return resolveSchema(document, schema.allOf[0]);
  return schema;
}

/** The JSON body schema of an operation, resolved, or undefined when it takes none. */
export function bodySchemaOf(document: OpenApiDocument, route: OpenApiRoute): JsonSchema | undefined {
  const content = route.operation.requestBody?.content['application/json'];
  return content ? resolveSchema(document, content.schema) : undefined;
}

export function takesBearer(route: OpenApiRoute): boolean {
  return (route.operation.security ?? []).some((requirement) => 'bearer' in requirement);
}
