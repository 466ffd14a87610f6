import { dateTimeSchema, enumSchema, idSchema, JsonSchema } from '../json-schema';
import { ActorRef, actorRefSchema } from './actor';

export const BOOKING_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type BookingPriority = (typeof BOOKING_PRIORITIES)[number];

/** A group's claim on an environment for a while; `booking.*` events carry one. */
export interface BookingView {
  id: string;
  environmentId: string;
  start: string;
  end: string;
  group: string;
  purpose: string;
  priority: BookingPriority;
  createdBy: ActorRef;
  createdAt: string;
  cancelledBy?: ActorRef;
  cancelledAt?: string;
}

export const bookingViewSchema: JsonSchema = {
  title: 'BookingView',
  description: 'A booking as the REST API returns it. Later versions may add optional fields.',
  type: 'object',
  additionalProperties: true,
  required: ['id', 'environmentId', 'start', 'end', 'group', 'purpose', 'priority', 'createdBy', 'createdAt'],
  properties: {
    id: idSchema,
    environmentId: idSchema,
    start: dateTimeSchema,
    end: dateTimeSchema,
    group: { type: 'string', minLength: 1 },
    purpose: { type: 'string' },
    priority: enumSchema(BOOKING_PRIORITIES, 'HIGH and CRITICAL bookings block overlapping refreshes.'),
    createdBy: actorRefSchema,
    createdAt: dateTimeSchema,
    cancelledBy: actorRefSchema,
    cancelledAt: dateTimeSchema,
  },
};
