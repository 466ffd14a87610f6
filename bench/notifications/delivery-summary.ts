import { LatencySummary, summarizeLatencies } from '../support/latency';
import { Arrival } from './webhook-receiver';

export interface DeliverySummary {
  /** Deliveries the phase should cause: events accepted × subscriptions hearing them. */
  expected: number;
  delivered: number;
  /** Delivered ÷ seconds from the first event's `occurredAt` to the last arrival. */
  deliveriesPerSecond: number;
  /** Arrival at the receiver minus the event's `occurredAt`; a delivery that never arrived counts as infinitely late. */
  eventToReceived: LatencySummary;
  /** Seconds from the first event's `occurredAt` to the last arrival. */
  spanSeconds: number;
  /** From the first event's `occurredAt` to the first arrival: what the span spends before any delivery arrives. */
  firstArrivalMs: number;
}

/**
 * Nearest-rank percentiles over `expected` deliveries, those that never arrived ranked last as
 * Infinity: leaving them out would make an overloaded run look better than one that kept up.
 */
function latenciesCountingMissing(arrivedMs: number[], expected: number): LatencySummary {
  const total = Math.max(expected, arrivedMs.length);
  if (arrivedMs.length === total) return summarizeLatencies(arrivedMs);
  const sorted = [...arrivedMs].sort((a, b) => a - b);
  const rank = (fraction: number) => sorted[Math.ceil(fraction * total) - 1] ?? Infinity;
  return { count: total, p50Ms: rank(0.5), p99Ms: rank(0.99), maxMs: Infinity };
}

export function summarizeDeliveries(arrivals: readonly Arrival[], expected: number): DeliverySummary {
  if (arrivals.length === 0)
    return {
      expected,
      delivered: 0,
      deliveriesPerSecond: 0,
      eventToReceived: latenciesCountingMissing([], expected),
      spanSeconds: 0,
      firstArrivalMs: Infinity,
    };
  let firstOccurred = Infinity;
  let firstArrived = Infinity;
  let lastArrived = -Infinity;
  for (const arrival of arrivals) {
    firstOccurred = Math.min(firstOccurred, arrival.occurredAtMs);
    firstArrived = Math.min(firstArrived, arrival.arrivedAtMs);
    lastArrived = Math.max(lastArrived, arrival.arrivedAtMs);
  }
  const spanSeconds = (lastArrived - firstOccurred) / 1000;
  return {
    expected,
    delivered: arrivals.length,
    deliveriesPerSecond: arrivals.length / spanSeconds,
    eventToReceived: latenciesCountingMissing(
      arrivals.map((arrival) => arrival.arrivedAtMs - arrival.occurredAtMs),
      expected,
    ),
    spanSeconds,
    firstArrivalMs: firstArrived - firstOccurred,
  };
}
