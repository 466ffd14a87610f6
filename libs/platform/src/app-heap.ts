/**
 * The V8 heap every app runs with, wherever it runs: `npm start` (scripts/start.js), the image
 * (Dockerfile, checked by a test) and the API bench.
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

export const APP_NODE_OPTIONS = `--max-old-space-size=${APP_HEAP_LIMITS.maxOldSpaceMb} --max-semi-space-size=${APP_HEAP_LIMITS.maxSemiSpaceMb}`;
