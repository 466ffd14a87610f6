import { randomUUID } from 'node:crypto';
import { OpenApiRoute } from './openapi-routes';

/** The route's path with every `{parameter}` filled, by default with a fresh UUID. */
export function concretePath(route: OpenApiRoute, values: Record<string, string> = {}): string {
  return route.path.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodeURIComponent(values[name] ?? randomUUID()),
  );
}

/**
 * The smallest request a route's guard judges: `{}` as JSON where it takes a body (no body at
 * all would be a 415 from the body parser, which runs before any guard), nothing otherwise.
 */
export function minimalInit(route: OpenApiRoute, authorization?: string): RequestInit {
  const body = route.operation.requestBody ? '{}' : undefined;
  return {
    method: route.method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body,
    signal: AbortSignal.timeout(10_000),
  };
}
