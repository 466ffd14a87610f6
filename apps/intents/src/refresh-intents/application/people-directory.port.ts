import type { EntityManager } from 'typeorm';
import type { SqlWrite } from '@envrefresh/persistence';
import type { ActorRef } from '@envrefresh/kernel';

/**
 * Names and e-mail addresses of the people who acted on intents, by `sub`: the only place they
 * are kept for the audit trail, so that erasing a person on request (GDPR art. 17) never touches
 * a sealed history entry (ADR 0013).
 */
export interface PeopleDirectory {
  /** Records (or refreshes) what the person's token said about them; absent members keep what is known. */
  remember(manager: EntityManager, person: ActorRef): Promise<void>;
  /** The same upsert as one write of a statement; one per person and statement (the CTEs of one statement cannot both change a row). */
  rememberWrite(person: ActorRef): SqlWrite;
  /** The known people among `subs`, with name and e-mail where not erased. */
  lookUp(manager: EntityManager, subs: readonly string[]): Promise<Map<string, ActorRef>>;
  /**
   * Forgets the person's name and e-mail: in the directory and in the intents that name them
   * (requester, approver, completer). Returns how many intents were changed, null when the
   * person is unknown.
   */
  erase(manager: EntityManager, sub: string, at: Date): Promise<{ intents: number } | null>;
}

export const PEOPLE_DIRECTORY = Symbol('PeopleDirectory');
