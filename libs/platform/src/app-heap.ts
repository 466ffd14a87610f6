/**
 * The V8 heap every app runs with, wherever it runs: `npm start` (scripts/start.js), the image
 * (Dockerfile, checked by a test), the Kubernetes manifests, compose and the benches.
 *
 * The old-space cap keeps each service's RSS under 200 MB: without it V8 grows lazily far past
 * what the live heap needs. The semi-space cap is what makes that safe on Node 24: given an
 * old-space cap, Node 24's V8 lets each semi-space grow to 64 MB (Node 20's stopped at 16 MB).
 * V8 starts a full mark when the old space's headroom is smaller than the young generation, and a
 * service with 40 MB live under a 128 MB cap never has more than ~45 MB of headroom, so it marked
 * the whole heap every ~150 ms under load: 4–5× the CPU per request (docs/PERFORMANCE.md, "The
 * Node 24 regression: the young generation").
 */
export const APP_HEAP_LIMITS = { maxOldSpaceMb: 128, maxSemiSpaceMb: 16 } as const;

export interface HeapLimits {
  readonly maxOldSpaceMb: number;
  readonly maxSemiSpaceMb: number;
}

/**
 * Apps whose heap differs from APP_HEAP_LIMITS. The gateway's garbage is almost all per request
 * (its views live in the old space) and dies young, so half the semi-space costs it no measurable
 * CPU per request and keeps ~20 MB less of young generation committed: RSS 181–190 MB after
 * `npm run bench:api` instead of 196–206 (docs/PERFORMANCE.md). The services keep 16: their
 * consumers' batches live longer than a request.
 */
const HEAP_LIMITS_OF_APP: Readonly<Record<string, HeapLimits>> = {
  gateway: { maxOldSpaceMb: APP_HEAP_LIMITS.maxOldSpaceMb, maxSemiSpaceMb: 8 },
};

export function heapLimitsOf(app: string): HeapLimits {
  return HEAP_LIMITS_OF_APP[app] ?? APP_HEAP_LIMITS;
}

export function nodeOptionsOf(limits: HeapLimits): string {
  return `--max-old-space-size=${limits.maxOldSpaceMb} --max-semi-space-size=${limits.maxSemiSpaceMb}`;
}

/** The services' options, and the image's default (Dockerfile); `appNodeOptions` gives each app's. */
export const APP_NODE_OPTIONS = nodeOptionsOf(APP_HEAP_LIMITS);

/** NODE_OPTIONS for `app`: what `npm start`, the Kubernetes manifests, compose and the benches run it with. */
export function appNodeOptions(app: string): string {
  return nodeOptionsOf(heapLimitsOf(app));
}
