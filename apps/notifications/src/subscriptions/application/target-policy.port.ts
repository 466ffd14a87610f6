import { NotificationChannel } from '@envrefresh/contracts';

/**
 * Whether a subscription's URL may ever be called, judged at creation by the same outbound policy
 * (libs/outbound) that guards every call: https unless OUTBOUND_ALLOW_HTTP, no literal private,
 * loopback, link-local or metadata address unless OUTBOUND_ALLOWED_HOSTS lists it. Names resolved
 * later are checked again at each call.
 */
export interface TargetPolicy {
  /** Why the target is refused, or null when it may be used. */
  refusal(channel: NotificationChannel, target: string): string | null;
}

export const TARGET_POLICY = Symbol('TargetPolicy');
