import type { DataSource } from 'typeorm';
import { ValidationError } from '@envrefresh/kernel';
import { PeopleDirectory } from './people-directory.port';

export interface Erasure {
  sub: string;
  /** False when nothing about this sub was known. */
  erased: boolean;
  /** Intents whose requester, approver or completer lost the name and e-mail. */
  intents: number;
  erasedAt: string;
}

const SUB_MAX = 256;

/**
 * Erasure on request (GDPR art. 17): forgets a person's name and e-mail address in the intents
 * service. The audit trail keeps the `sub`, which it seals, so every chain still verifies; what
 * the other services and the broker hold is covered in docs/personal-data.md.
 */
export class ErasePersonUseCase {
  constructor(private readonly people: PeopleDirectory) {}

  async run(dataSource: DataSource, sub: unknown, now = new Date()): Promise<Erasure> {
    if (typeof sub !== 'string' || sub.trim() === '' || sub.length > SUB_MAX) {
      throw new ValidationError('PERSON.INVALID', [
        { field: 'sub', message: `must be the person's subject (a non-empty string of at most ${SUB_MAX})` },
      ]);
    }
    const result = await dataSource.transaction((manager) => this.people.erase(manager, sub, now));
    return { sub, erased: result !== null, intents: result?.intents ?? 0, erasedAt: now.toISOString() };
  }
}
