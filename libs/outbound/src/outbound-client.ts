import { Agent, Dispatcher, errors, request } from 'undici';
import { Lookup, guardedConnector, systemLookup } from './guarded-connector';
import { OutboundConfig } from './outbound.config';
import { OutboundError, originOf } from './outbound-error';
import { discard, emptyBody, hasNoBody, readCappedBody } from './read-capped-body';

export type OutboundMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface OutboundRequest {
  url: string;
  method?: OutboundMethod;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** This call's deadline, connect to last byte; the configured default otherwise. */
  timeoutMs?: number;
  /** This call's response size cap; the configured default otherwise. */
  maxResponseBytes?: number;
  /** Lets the caller give up early (e.g. on shutdown); reported as a timeout. */
  signal?: AbortSignal;
}

/** Any status but a redirect: a 4xx or 5xx is an outcome the caller judges (410, 429, 503…). */
export interface OutboundResponse {
  status: number;
  headers: Dispatcher.ResponseData['headers'];
  body: Buffer;
}

export interface OutboundClientOptions {
  /** How host names resolve; the system resolver by default. Tests answer with chosen addresses. */
  lookup?: Lookup;
  /** Certificate authorities trusted instead of Node's bundle (a test's self-signed server). */
  ca?: string | Buffer | Array<string | Buffer>;
}

/**
 * The one way a service calls the outside world (webhooks, Slack, Teams; JWKS may follow): https
 * only unless allowed, every connection checked against the SSRF rule at connect time, redirects
 * refused, one deadline for the whole call and a cap on the response body.
 */
export class OutboundClient {
  private readonly agent: Agent;

  constructor(
    private readonly config: OutboundConfig,
    options: OutboundClientOptions = {},
  ) {
    this.agent = new Agent({
      connect: guardedConnector({
        allowedHosts: config.allowedHosts,
        lookup: options.lookup ?? systemLookup,
        connect: { timeout: config.timeoutMs, ca: options.ca },
      }),
    });
  }

  async send(call: OutboundRequest): Promise<OutboundResponse> {
    const url = this.checkedUrl(call.url);
    const timeoutMs = call.timeoutMs ?? this.config.timeoutMs;
    const maxBytes = call.maxResponseBytes ?? this.config.maxResponseBytes;
    const deadline = AbortSignal.timeout(timeoutMs);
    const signal = call.signal ? AbortSignal.any([deadline, call.signal]) : deadline;
    const origin = originOf(url);
    try {
      const response = await request(url, {
        dispatcher: this.agent,
        method: call.method ?? 'GET',
        headers: call.headers,
        body: call.body,
        signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      if (response.statusCode >= 300 && response.statusCode < 400) {
        discard(response.body);
        throw redirectRefused(origin, response.statusCode, response.headers.location);
      }
      const body = hasNoBody(call.method ?? 'GET', response.statusCode, response.headers)
        ? await emptyBody(response.body)
        : await readCappedBody(response.body, response.headers, maxBytes, origin);
      return { status: response.statusCode, headers: response.headers, body };
    } catch (error) {
      throw asOutboundError(error, { origin, timeoutMs, timedOut: signal.aborted });
    }
  }

  /** Closes pooled connections; in-flight calls finish first. */
  close(): Promise<void> {
    return this.agent.close();
  }

  /** Closes every connection at once, failing the calls in flight (shutdown past its grace). */
  destroy(): Promise<void> {
    return this.agent.destroy();
  }

  private checkedUrl(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new OutboundError('OUTBOUND.INVALID_URL', 'the target is not a valid URL');
    }
    const schemes = this.config.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(url.protocol))
      throw new OutboundError(
        'OUTBOUND.SCHEME_REFUSED',
        `${originOf(url)} uses ${url.protocol.replace(/:$/, '')}; outbound calls use ${schemes.map((s) => s.replace(/:$/, '')).join(' or ')}${this.config.allowHttp ? '' : ' (OUTBOUND_ALLOW_HTTP=true allows http, for development)'}`,
        { origin: originOf(url) },
      );
    return url;
  }
}

function redirectRefused(
  origin: string,
  status: number,
  location: string | string[] | undefined,
): OutboundError {
  const target = Array.isArray(location) ? location[0] : location;
  return new OutboundError(
    'OUTBOUND.REDIRECT_REFUSED',
    `${origin} answered ${status}${target ? ` to ${target}` : ''}; redirects are not followed`,
    { origin, status, location: target },
  );
}

function asOutboundError(
  error: unknown,
  context: { origin: string; timeoutMs: number; timedOut: boolean },
): OutboundError {
  if (error instanceof OutboundError) {
    return error.details.origin
      ? error
      : new OutboundError(
          error.code,
          error.message,
          { ...error.details, origin: context.origin },
          { cause: error.cause },
        );
  }
  const { origin, timeoutMs } = context;
  if (
    context.timedOut ||
    error instanceof errors.ConnectTimeoutError ||
    error instanceof errors.HeadersTimeoutError ||
    error instanceof errors.BodyTimeoutError
  )
    return new OutboundError(
      'OUTBOUND.TIMEOUT',
      `${origin} gave no complete response within ${timeoutMs} ms`,
      { origin },
      { cause: error },
    );
  return new OutboundError(
    'OUTBOUND.CONNECTION_FAILED',
    `${origin} failed: ${(error as Error).message ?? String(error)}`,
    { origin },
    { cause: error },
  );
}
