import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ActorRef } from '@envrefresh/kernel';
import { SqlWrite } from '@envrefresh/persistence';
import { table } from '../../shared/infrastructure/intents-schema';
import { PeopleDirectory } from '../application/people-directory.port';

const PEOPLE = table('people');
const INTENTS = table('refresh_intents');
/** The intent columns that hold a person as `{ sub, name?, email? }`. */
const PERSON_COLUMNS = ['requested_by', 'approved_by', 'completed_by'] as const;

@Injectable()
export class SqlPeopleDirectory implements PeopleDirectory {
  async remember(manager: EntityManager, person: ActorRef): Promise<void> {
    const { sql, values } = this.rememberWrite(person);
    await manager.query(sql, [...values]);
  }

  rememberWrite(person: ActorRef): SqlWrite {
    return {
      sql: `INSERT INTO ${PEOPLE} (sub, name, email, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (sub) DO UPDATE SET
         name = coalesce(EXCLUDED.name, ${PEOPLE}.name),
         email = coalesce(EXCLUDED.email, ${PEOPLE}.email),
         erased_at = CASE WHEN EXCLUDED.name IS NULL AND EXCLUDED.email IS NULL THEN ${PEOPLE}.erased_at END,
         updated_at = now()
       WHERE (${PEOPLE}.name, ${PEOPLE}.email) IS DISTINCT FROM
             (coalesce(EXCLUDED.name, ${PEOPLE}.name), coalesce(EXCLUDED.email, ${PEOPLE}.email))`,
      values: [person.sub, person.name ?? null, person.email ?? null],
    };
  }

  async lookUp(manager: EntityManager, subs: readonly string[]): Promise<Map<string, ActorRef>> {
    if (subs.length === 0) return new Map();
    const rows: { sub: string; name: string | null; email: string | null }[] = await manager.query(
      `SELECT sub, name, email FROM ${PEOPLE} WHERE sub = ANY ($1::text[])`,
      [[...new Set(subs)]],
    );
    return new Map(
      rows.map((row) => [
        row.sub,
        {
          sub: row.sub,
          ...(row.name === null ? {} : { name: row.name }),
          ...(row.email === null ? {} : { email: row.email }),
        },
      ]),
    );
  }

  async erase(manager: EntityManager, sub: string, at: Date): Promise<{ intents: number } | null> {
    const [, erased] = (await manager.query(
      `UPDATE ${PEOPLE} SET name = NULL, email = NULL, erased_at = $2, updated_at = $2 WHERE sub = $1`,
      [sub, at.toISOString()],
    )) as [unknown, number];
    let intents = 0;
    for (const column of PERSON_COLUMNS) {
      const [, changed] = (await manager.query(
        `UPDATE ${INTENTS} SET ${column} = ${column} - 'name' - 'email'
          WHERE ${column} ->> 'sub' = $1 AND (${column} ? 'name' OR ${column} ? 'email')`,
        [sub],
      )) as [unknown, number];
      intents += changed;
    }
    return erased === 0 && intents === 0 ? null : { intents };
  }
}
