import { JsonSchema } from '../json-schema';

/** The authenticated caller as the gateway hands it to a service: the verified JWT claims. */
export interface Actor {
  sub: string;
  name?: string;
  email?: string;
  roles: string[];
  groups: string[];
}

/** A person recorded on a resource (who requested, acknowledged, booked…). */
export type ActorRef = Pick<Actor, 'sub' | 'name' | 'email'>;

export const actorRefSchema: JsonSchema = {
  title: 'ActorRef',
  type: 'object',
  required: ['sub'],
  properties: {
    sub: { type: 'string', minLength: 1, description: 'Subject (sub claim) of the JWT.' },
    name: { type: 'string' },
    email: { type: 'string' },
  },
};
