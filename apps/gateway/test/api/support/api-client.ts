/* eslint-disable @typescript-eslint/no-explicit-any -- a response body is whatever the gateway sent; specs assert on its shape */
import { Persona } from './personas';

export interface ApiResponse<TBody = any> {
  status: number;
  headers: Headers;
  contentType: string;
  /** Parsed JSON when the answer was JSON, else the raw text. */
  body: TBody;
  text: string;
}

export interface RequestOptions {
  as?: Persona;
  /** Serialised with JSON.stringify; use `rawBody` to send bytes that are not valid JSON (or not UTF-8). */
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined>;
}

/** A thin fetch wrapper over the gateway's `/api/v1`, answering with status, headers and parsed body. */
export class ApiClient {
  constructor(readonly baseUrl: string) {}

  async request<TBody = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<TBody>> {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.as && !hasHeader(headers, 'authorization'))
      headers.authorization = `Bearer ${options.as.token}`;
    let payload: string | Uint8Array | undefined = options.rawBody;
    if (payload === undefined && options.body !== undefined) payload = JSON.stringify(options.body);
    if (payload !== undefined && !hasHeader(headers, 'content-type'))
      headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}/api/v1${path}${queryString(options.query)}`, {
      method,
      headers,
      body: payload,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    return {
      status: response.status,
      headers: response.headers,
      contentType,
      body: (/json/.test(contentType) && text.length > 0 ? JSON.parse(text) : text) as TBody,
      text,
    };
  }

  get<TBody = any>(path: string, options?: RequestOptions) {
    return this.request<TBody>('GET', path, options);
  }

  post<TBody = any>(path: string, options?: RequestOptions) {
    return this.request<TBody>('POST', path, options);
  }

  patch<TBody = any>(path: string, options?: RequestOptions) {
    return this.request<TBody>('PATCH', path, options);
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((key) => key.toLowerCase() === name);
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const entries = Object.entries(query).filter(
    (entry): entry is [string, string | number] => entry[1] !== undefined,
  );
  return entries.length === 0
    ? ''
    : `?${new URLSearchParams(entries.map(([key, value]): [string, string] => [key, String(value)])).toString()}`;
}

/** For failure messages: what the gateway actually said. */
export function describe(response: ApiResponse): string {
  return `${response.status} ${response.contentType} ${response.text.slice(0, 500)}`;
}
