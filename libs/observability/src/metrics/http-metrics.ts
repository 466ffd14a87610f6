import { Injectable } from '@nestjs/common';
import { getOrCreateCounter, getOrCreateHistogram } from './metric-registry';

type HttpLabel = 'method' | 'route' | 'status_code';
const HTTP_LABELS: HttpLabel[] = ['method', 'route', 'status_code'];

/** Requests that matched no route share one label value, so scanners cannot mint new series. */
export const UNMATCHED_ROUTE = 'unmatched';

@Injectable()
export class HttpMetrics {
  private readonly requests = getOrCreateCounter<HttpLabel>({
    name: 'http_requests_total',
    help: 'HTTP requests answered, by route template and status code',
    labelNames: HTTP_LABELS,
  });

  private readonly duration = getOrCreateHistogram<HttpLabel>({
    name: 'http_request_duration_seconds',
    help: 'Time from receiving an HTTP request to finishing its response',
    labelNames: HTTP_LABELS,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  });

  /** `route` is the route template (`/intents/:id`), never the raw URL. */
  record(method: string, route: string | undefined, statusCode: number, seconds: number): void {
    const labels = { method, route: route ?? UNMATCHED_ROUTE, status_code: String(statusCode) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
