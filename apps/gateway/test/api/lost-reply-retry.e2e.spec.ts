import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { EnvironmentView, IntentView } from '@envrefresh/contracts';
import { ApiResponse } from './support/api-client';
import { useApiSuite } from './support/api-suite';
import { Lifecycle } from './support/lifecycle';
import { nextWindow } from './support/windows';

/** Short, so a held lock outlasts it; the services' lock_timeout (10 s) stays far above. */
const RPC_TIMEOUT_MS = 2_000;

/**
 * What the README tells a client to do on 504: the gateway stopped waiting, but the service may
 * still have done the work. A create is retried with the same Idempotency-Key, a change with the
 * same If-Match version; either way the effect happens once. Here the reply is lost for real:
 * the intents service's transaction waits on a lock the spec holds until the gateway has given up,
 * then commits and answers nobody.
 */
describe('a request whose answer was lost (504), retried as the README says', () => {
  const suite = useApiSuite({ gatewayEnv: { RPC_TIMEOUT_MS: String(RPC_TIMEOUT_MS) } });
  let lifecycle: Lifecycle;
  let environment: EnvironmentView;

  beforeAll(async () => {
    lifecycle = new Lifecycle(suite);
    environment = await lifecycle.createEnvironment();
  });

  /** Holds `statement` (a table or row lock) in a transaction of its own until `release`. */
  async function holdLock(statement: string, params: unknown[] = []): Promise<{ release(): Promise<void> }> {
    const session = new Client({ connectionString: suite.database.url });
    await session.connect();
    await session.query('BEGIN');
    await session.query(statement, params);
    return {
      release: async () => {
        await session.query('ROLLBACK');
        await session.end();
      },
    };
  }

  const expectGatewayTimeout = (response: ApiResponse) => {
    expect(response.status).toBe(504);
    expect(response.contentType).toMatch(/^application\/problem\+json/);
  };

  const intentsOf = async (environmentId: string) =>
    (
      await suite.db.query<{ id: string; version: number; reason: string }>(
        'SELECT id, version, reason FROM intents.refresh_intents WHERE environment_id = $1',
        [environmentId],
      )
    ).rows;
  const outboxTypesAbout = async (intentId: string) =>
    (
      await suite.db.query<{ type: string }>(
        `SELECT payload ->> 'type' AS type FROM intents.outbox WHERE payload -> 'data' ->> 'id' = $1 ORDER BY seq`,
        [intentId],
      )
    ).rows.map((row) => row.type);

  it('files one intent when a create answered 504 is retried with the same Idempotency-Key', async () => {
    const own = await lifecycle.createEnvironment();
    const key = randomUUID();
    const body = {
      environmentId: own.id,
      refreshType: 'MASKED_COPY',
      ...nextWindow(),
      reason: 'Masked copy whose first answer is lost',
    };
    const post = () =>
      suite.api.post<IntentView>('/intents', {
        as: lifecycle.cast.requester,
        body,
        headers: { 'idempotency-key': key },
      });

    // A keyed create claims its key first: the intents service waits there while the spec holds the table.
    const lock = await holdLock('LOCK TABLE intents.idempotency_keys IN SHARE MODE');
    let first: ApiResponse;
    try {
      first = await post();
    } finally {
      await lock.release();
    }
    expectGatewayTimeout(first);

    const retried = await post();
    expect(retried.status).toBe(201);
    const again = await post();
    expect(again.body).toEqual(retried.body);

    const filed = await intentsOf(own.id);
    expect(filed.map((intent) => intent.id)).toEqual([retried.body.id]);
    expect(await outboxTypesAbout(retried.body.id)).toEqual(['intent.drafted']);
  });

  it('changes an intent once when a change answered 504 is retried with the same If-Match version', async () => {
    const intent = await lifecycle.fileIntent(environment);
    const amend = () =>
      suite.api.patch<IntentView>(`/intents/${intent.id}`, {
        as: lifecycle.cast.requester,
        headers: { 'if-match': `"${intent.version}"` },
        body: { reason: 'Amended once, whatever the retries' },
      });

    const lock = await holdLock('SELECT 1 FROM intents.refresh_intents WHERE id = $1 FOR UPDATE', [
      intent.id,
    ]);
    let first: ApiResponse;
    try {
      first = await amend();
    } finally {
      await lock.release();
    }
    expectGatewayTimeout(first);

    // The first attempt did commit; the retry under the same version is refused as stale, and
    // reading the intent back shows the change made once.
    const retried = await amend();
    expect(retried.status).toBe(409);
    expect(retried.body).toMatchObject({ status: 409, code: 'INTENT.STALE_VERSION' });
    const current = await lifecycle.get(intent.id);
    expect(current.body).toMatchObject({
      reason: 'Amended once, whatever the retries',
      version: intent.version + 1,
    });
    expect(await outboxTypesAbout(intent.id)).toEqual(['intent.drafted', 'intent.amended']);
  });
});
