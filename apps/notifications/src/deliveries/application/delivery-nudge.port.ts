/** Wakes the delivery workers after a commit that made deliveries due (they poll otherwise). */
export interface DeliveryNudge {
  nudge(): void;
}

export const DELIVERY_NUDGE = Symbol('DeliveryNudge');
