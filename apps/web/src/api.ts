import { useCallback, useEffect, useRef, useState } from 'react';

/** One problem the API named: `errors[].field` when it is about a field of the request. */
export interface FieldProblem {
  field: string;
  message: string;
}

/** An RFC 9457 problem as the gateway sends it (SPEC.md "REST API"). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: FieldProblem[],
    readonly allowedActions?: string[],
  ) {
    super(detail ?? title);
  }

  /** The message for one field, when the API named it (`plannedEnd`, `scope.tiers`, …). */
  forField(field: string): string | undefined {
    return this.errors.find((error) => error.field === field || error.field.startsWith(`${field}.`))?.message;
  }

  /** What no field of the form shows. */
  unplaced(fields: readonly string[]): FieldProblem[] {
    return this.errors.filter(
      (error) => !fields.some((field) => error.field === field || error.field.startsWith(`${field}.`)),
    );
  }
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

type TokenSource = () => string | null;
let currentToken: TokenSource = () => null;
let onUnauthorized: () => void = () => undefined;

/** The session tells the client where its token comes from and what to do when it is refused. */
export function configureApi(token: TokenSource, unauthorized: () => void): void {
  currentToken = token;
  onUnauthorized = unauthorized;
}

export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

export interface RawAnswer<T> {
  status: number;
  etag: string | null;
  body: T | undefined;
}

/** One call of the public API; a problem answer throws ApiProblem. */
export async function call<T>(
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<RawAnswer<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...(options.headers ?? {}) };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(apiUrl(path, options.query), {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
    cache: cacheModeOf(method, headers),
  });
  if (response.status === 304) return { status: 304, etag: response.headers.get('etag'), body: undefined };
  const text = await response.text();
  const parsed = text ? safeJson(text) : undefined;
  if (!response.ok) {
    if (response.status === 401) onUnauthorized();
    const problem = (parsed ?? {}) as Partial<{
      title: string;
      detail: string;
      errors: FieldProblem[];
      allowedActions: string[];
    }>;
    throw new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail,
      Array.isArray(problem.errors) ? problem.errors : [],
      problem.allowedActions,
    );
  }
  return { status: response.status, etag: response.headers.get('etag'), body: parsed as T };
}

/**
 * The gateway answers its polled GETs with `Cache-Control: private, no-cache` and an ETag. A GET
 * that sends If-None-Match itself wants the 304 (useResource holds the body), so the browser's
 * cache stays out of it; any other GET lets the browser revalidate what it kept.
 */
function cacheModeOf(method: string, headers: Record<string, string>): RequestCache | undefined {
  if (method !== 'GET') return undefined;
  return headers['if-none-match'] ? 'no-store' : 'no-cache';
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export const api = {
  get: async <T>(path: string, options?: RequestOptions) => (await call<T>('GET', path, options)).body as T,
  post: async <T>(path: string, options?: RequestOptions) => (await call<T>('POST', path, options)).body as T,
  patch: async <T>(path: string, options?: RequestOptions) =>
    (await call<T>('PATCH', path, options)).body as T,
  delete: async <T>(path: string, options?: RequestOptions) =>
    (await call<T>('DELETE', path, options)).body as T,
};

export interface Resource<T> {
  data: T | undefined;
  error: ApiProblem | Error | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * A GET kept fresh: fetched at once, then every `pollMs` (when given) with If-None-Match, so a
 * gateway that answers ETag and 304 sends nothing new when nothing changed; a change someone
 * else made shows without a reload.
 */
export function useResource<T>(
  path: string | null,
  query?: RequestOptions['query'],
  pollMs?: number,
): Resource<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiProblem | Error; loading: boolean }>({
    loading: path !== null,
  });
  const etag = useRef<string | null>(null);
  const [tick, setTick] = useState(0);
  const key = path === null ? null : apiUrl(path, query);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    etag.current = null;
    setState({ loading: key !== null });
  }, [key]);

  useEffect(() => {
    if (path === null) return;
    let cancelled = false;
    const controller = new AbortController();
    const load = async () => {
      try {
        const answer = await call<T>('GET', path, {
          query,
          signal: controller.signal,
          headers: etag.current ? { 'if-none-match': etag.current } : undefined,
        });
        if (cancelled) return;
        // Same bytes as the data held: keep the state object itself, so nothing re-renders.
        if (answer.status === 304)
          return setState((previous) =>
            previous.loading || previous.error ? { data: previous.data, loading: false } : previous,
          );
        etag.current = answer.etag;
        setState({ data: answer.body, loading: false });
      } catch (error) {
        if (!cancelled && (error as Error).name !== 'AbortError')
          setState((previous) => ({ ...previous, error: error as Error, loading: false }));
      }
    };
    void load();
    const timer = pollMs ? window.setInterval(() => void load(), pollMs) : undefined;
    return () => {
      cancelled = true;
      controller.abort();
      if (timer) window.clearInterval(timer);
    };
    // `key` stands for path and query, so a new object with the same content does not refetch.
  }, [key, pollMs, tick]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}

/** A fresh Idempotency-Key for one submission of a form (kept across its retries). */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
