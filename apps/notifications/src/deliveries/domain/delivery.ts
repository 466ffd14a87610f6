import { DeliveryStatus, NotificationChannel } from '@envrefresh/contracts';
import { AttemptResult } from './delivery-progress';

/** A delivery as the worker handles it: one event to one destination. */
export interface DeliveryRecord {
  id: string;
  /** The event delivered; its envelope is kept once for all its deliveries (DeliveryEventStore). */
  eventId: string;
  eventType: string;
  environmentId: string | null;
  subscriptionId: string | null;
  /** What makes two deliveries go to the same place: one call open to it at a time, in due order. */
  destination: string;
  channel: NotificationChannel;
  target: string;
  reasons: string[];
  status: DeliveryStatus;
  /** Attempts made so far, over every round. */
  attempts: number;
  /** Failed attempts in the current round of the retry schedule (an admin's retry starts a new one). */
  scheduleStep: number;
  dueAt: Date;
}

/** One attempt as it is recorded. */
export interface AttemptRecord {
  at: Date;
  result: AttemptResult;
}
