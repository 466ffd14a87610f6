import { AnsweredRequest } from '../invariants/facts';
import { sleep } from '../own-services/own-process';

/** Longer than the gateway's RPC timeout (5 s) and its request timeout: a request this slow is a hang. */
const CLIENT_TIMEOUT_MS = 15_000;
/** What a careful client retries, with the same Idempotency-Key: "try again", "timed out", no answer. */
const RETRIED_STATUSES = new Set([0, 503, 504]);
const RETRY_PAUSE_MS = 1_000;

export interface RecordedRequest extends AnsweredRequest {
  phase: string;
}

/** Every answer the load received, stamped with the phase the harness was in when it was sent. */
export class RequestLog {
  readonly records: RecordedRequest[] = [];
  phase = 'setup';

  /** `phase` is the one the request was sent in, which may have ended since. */
  add(route: string, status: number, startedAtMs: number, phase: string): void {
    this.records.push({ route, status, startedAtMs, endedAtMs: Date.now(), phase });
  }
}

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

export interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The route a request took, with ids taken out, so errors group by what was asked. */
export function routeOf(method: string, path: string): string {
  return `${method} ${path.split('?')[0].replace(UUID, ':id')}`;
}

/** The public API as a client sees it: JSON over HTTP, every answer recorded. */
export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly log: RequestLog,
  ) {}

  async call<T = unknown>(
    method: string,
    path: string,
    token: string,
    options: CallOptions = {},
  ): Promise<Answer<T>> {
    const startedAtMs = Date.now();
    const phase = this.log.phase;
    const headers: Record<string, string> = { authorization: `Bearer ${token}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let status: number;
    let body: unknown = undefined;
    try {
      const response = await fetch(`${this.baseUrl}/api/v1${path}`, {
        method,
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
      });
      status = response.status;
      const text = await response.text();
      body = text ? safeJson(text) : undefined;
    } catch {
      status = 0;
    }
    this.log.add(routeOf(method, path), status, startedAtMs, phase);
    return { status, body: body as T };
  }

  /**
   * What a client does while the suite is in trouble: the same request again (with the same
   * Idempotency-Key, so a create that did happen is answered, not repeated) until an answer that
   * is not "try again" or the patience is spent.
   */
  async callRetrying<T = unknown>(
    method: string,
    path: string,
    token: string,
    options: CallOptions,
    patienceMs: number,
  ): Promise<Answer<T> & { tries: number }> {
    const deadline = Date.now() + patienceMs;
    let tries = 0;
    for (;;) {
      const answer = await this.call<T>(method, path, token, options);
      tries += 1;
      if (!RETRIED_STATUSES.has(answer.status) || Date.now() + RETRY_PAUSE_MS > deadline)
        return { ...answer, tries };
      await sleep(RETRY_PAUSE_MS);
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}
