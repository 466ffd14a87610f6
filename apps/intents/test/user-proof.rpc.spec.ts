import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { DEVELOPMENT_USER_PROOF_PRIVATE_KEY, UserProofSigner, userProofKeyId } from '@envrefresh/auth';
import {
  IntentView,
  RemoteProblem,
  intentsGetRpc,
  intentsListRpc,
  intentsTransitionRpc,
} from '@envrefresh/contracts';
import { RemoteProblemError } from '@envrefresh/messaging';
import { TEST_USER_PROOF_SIGNER } from '@envrefresh/testing';
import { IntentsTestBed, actors } from './support/intents-test-bed';

const MALLORY = { sub: 'mallory', roles: ['admin'], groups: [] };

/**
 * ADR 0017, as an attacker on the broker would try it: the service acts only for the user an
 * assertion signed by the gateway's key proves, for this service, this pattern and this request.
 */
describe('intents service: a user is proven by the gateway’s assertion, never claimed', () => {
  let bed: IntentsTestBed;
  let intent: IntentView;

  const refusal = (request: Promise<unknown>): Promise<RemoteProblem> =>
    request.then(
      (reply) => {
        throw new Error(`expected a refusal, got ${JSON.stringify(reply)}`);
      },
      (error: unknown) => {
        if (error instanceof RemoteProblemError) return error.problem;
        throw error;
      },
    );
  const approveRequest = () => ({
    payload: { intentId: intent.id, action: 'approve', version: intent.version, blockingConflictIds: [] },
  });
  const unchanged = async () => {
    const { rows } = await bed.db.query('SELECT status, version FROM intents.refresh_intents WHERE id = $1', [
      intent.id,
    ]);
    expect(rows[0]).toEqual({ status: 'REQUESTED', version: intent.version });
    const { rows: history } = await bed.db.query(
      'SELECT count(*)::int AS entries FROM intents.intent_history WHERE intent_id = $1',
      [intent.id],
    );
    return history[0].entries as number;
  };

  beforeAll(async () => {
    bed = await IntentsTestBed.start();
    const environment = await bed.createEnvironment();
    intent = await bed.fileIntent(environment.id, { submit: true });
  }, 60_000);

  afterAll(async () => bed?.close(), 30_000);

  it('refuses a claimed actor without an assertion (the finding of issue 9), changing nothing', async () => {
    const before = await unchanged();
    const problem = await refusal(
      bed.sendRaw(intentsTransitionRpc, { actor: MALLORY, correlationId: 'attack', ...approveRequest() }),
    );
    expect(problem).toMatchObject({ status: 401, code: 'AUTH.USER_NOT_PROVEN' });
    expect(await unchanged()).toBe(before);
    await expect(
      refusal(bed.sendRaw(intentsListRpc, { actor: MALLORY, payload: {} })),
    ).resolves.toMatchObject({
      status: 401,
    });
  });

  it('refuses an assertion signed with another key, even under the right key id', async () => {
    const before = await unchanged();
    const forger = new UserProofSigner({
      privateKey: generateKeyPairSync('ed25519').privateKey,
      keyId: userProofKeyId(createPublicKey(DEVELOPMENT_USER_PROOF_PRIVATE_KEY)),
      usingDevelopmentKey: false,
    });
    const request = approveRequest();
    const assertion = await forger.sign(MALLORY, {
      audience: 'intents',
      pattern: intentsTransitionRpc.pattern,
      request,
    });
    const problem = await refusal(bed.sendRaw(intentsTransitionRpc, { ...request, assertion }));
    expect(problem).toMatchObject({
      status: 401,
      detail: expect.stringContaining('not signed by the gateway'),
    });
    expect(await unchanged()).toBe(before);
  });

  it('refuses an expired assertion', async () => {
    const request = approveRequest();
    const assertion = await TEST_USER_PROOF_SIGNER.sign(
      actors.approver,
      { audience: 'intents', pattern: intentsTransitionRpc.pattern, request },
      new Date(Date.now() - 5 * 60_000),
    );
    const problem = await refusal(bed.sendRaw(intentsTransitionRpc, { ...request, assertion }));
    expect(problem).toMatchObject({ status: 401, detail: expect.stringContaining('expired') });
    await unchanged();
  });

  it('refuses an assertion replayed for another pattern, another service or another request', async () => {
    const before = await unchanged();
    const read = { payload: { intentId: intent.id } };
    const forGet = await TEST_USER_PROOF_SIGNER.sign(actors.approver, {
      audience: 'intents',
      pattern: intentsGetRpc.pattern,
      request: read,
    });
    await expect(bed.sendRaw(intentsGetRpc, { ...read, assertion: forGet })).resolves.toMatchObject({
      id: intent.id,
    });
    const replayed = await refusal(
      bed.sendRaw(intentsTransitionRpc, { ...approveRequest(), assertion: forGet }),
    );
    expect(replayed).toMatchObject({ status: 401, detail: expect.stringContaining('another request') });

    const request = approveRequest();
    const forConflicts = await TEST_USER_PROOF_SIGNER.sign(actors.approver, {
      audience: 'conflicts',
      pattern: intentsTransitionRpc.pattern,
      request,
    });
    const elsewhere = await refusal(
      bed.sendRaw(intentsTransitionRpc, { ...request, assertion: forConflicts }),
    );
    expect(elsewhere).toMatchObject({ status: 401, detail: expect.stringContaining('aud') });

    const signed = await TEST_USER_PROOF_SIGNER.sign(actors.approver, {
      audience: 'intents',
      pattern: intentsTransitionRpc.pattern,
      request: { payload: { ...request.payload, action: 'reject', notes: 'no' } },
    });
    const swapped = await refusal(bed.sendRaw(intentsTransitionRpc, { ...request, assertion: signed }));
    expect(swapped).toMatchObject({ status: 401, detail: expect.stringContaining('not the one') });
    expect(await unchanged()).toBe(before);
  });

  it('reads the user from the assertion only: an extra actor member changes nothing of who acts', async () => {
    const request = { actor: MALLORY, payload: {} };
    const assertion = await TEST_USER_PROOF_SIGNER.sign(actors.outsider, {
      audience: 'intents',
      pattern: intentsListRpc.pattern,
      request,
    });
    const page = await bed.sendRaw(intentsListRpc, { ...request, assertion });
    expect(page.items.map((item) => item.id)).not.toContain(intent.id);
  });
});
