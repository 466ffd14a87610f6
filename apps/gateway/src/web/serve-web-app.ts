import * as fs from 'node:fs';
import * as path from 'node:path';
import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { WebConfig } from './web.config';

/**
 * The page's own paths (apps/web/src/app.tsx routes them in the browser): a deep link or the
 * sign-in callback opens the app. Only these: any other path keeps the API's answers (a 404
 * problem, a 414 for an overlong segment), as a wildcard route would swallow them.
 */
export const PAGE_PATHS = [
  '/',
  '/inbox',
  '/file',
  '/mine',
  '/bookings',
  '/subscriptions',
  '/admin',
  '/refreshes/:id',
  '/auth/callback',
] as const;

/** Vite names every asset after its content, so a file under assets/ never changes. */
const IMMUTABLE_ASSETS = /^\/assets\//;

/**
 * Serves the built single-page app at `/`: its files as they are, and index.html at the page's
 * own paths, so a deep link (`/refreshes/…`) or the sign-in callback opens the app, which routes
 * in the browser. A build without the app (dist/web
 * missing) serves only the API, and says so.
 */
export async function serveWebApp(app: NestFastifyApplication, web: WebConfig): Promise<void> {
  const index = path.join(web.root, 'index.html');
  if (!fs.existsSync(index)) {
    new Logger('WebApp').warn(`no web app at ${web.root} (run npm run build): serving the API only`);
    return;
  }
  const html = fs.readFileSync(index);
  const policy = contentSecurityPolicy(web);
  app.useStaticAssets({
    root: web.root,
    prefix: '/',
    wildcard: false,
    index: false,
    // @fastify/static hands its reply here, not Node's response (the type says otherwise).
    setHeaders: (reply: unknown, filePath: string) => {
      const response = reply as { header(name: string, value: string): unknown };
      const relative = `/${path.relative(web.root, filePath).split(path.sep).join('/')}`;
      response.header(
        'cache-control',
        IMMUTABLE_ASSETS.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      response.header('x-content-type-options', 'nosniff');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  for (const url of PAGE_PATHS) {
    fastify.get(url, (_request, reply) => {
      return reply
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', policy)
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .send(html);
    });
  }
}

/**
 * The page runs only its own scripts and talks to the gateway and the identity provider (its
 * discovery, token and JWKS endpoints); FullCalendar writes its styles at run time, hence
 * 'unsafe-inline' for styles alone.
 */
function contentSecurityPolicy(web: WebConfig): string {
  const provider = web.oidc ? ` ${new URL(web.oidc.issuer).origin}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // FullCalendar's icon font comes inline.
    "font-src 'self' data:",
    `connect-src 'self'${provider}`,
    `frame-src 'self'${provider}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${provider}`,
  ].join('; ');
}
