import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { DEVELOPMENT_USER_PROOF_PRIVATE_KEY, UserProofSigner, userProofKeyId } from '@envrefresh/auth';
import { HistoryEntryView, IntentView } from '@envrefresh/contracts';
import { TEST_USER_PROOF_SIGNER, eventually } from '@envrefresh/testing';
import { appOutput, useApiSuite } from '../api/support/api-suite';
import { ConflictCalendar } from '../conflicts/support/calendar';
import { eventuallyTheConflict, hours, knownEnvironment } from '../conflicts/support/recompute-scenes';
import { BrokerReply, BrokerRpcClient } from './support/broker-rpc-client';

const MALLORY = { sub: 'mallory', name: 'Mallory', roles: ['admin'], groups: [] };

/**
 * Issue 9, as an attacker with a broker account would try it: RPCs sent straight to the services'
 * queues, past the gateway. Each is refused (401), changes nothing the API shows, and is written
 * to the security log.
 */
describe('forged RPCs: a service acts only for a user the gateway proved (ADR 0017)', () => {
  const suite = useApiSuite();
  let calendar: ConflictCalendar;
  let broker: BrokerRpcClient;
  let intent: IntentView;
  let historyBefore: HistoryEntryView[];

  const approveOver = (version: number) => ({
    actor: MALLORY,
    correlationId: 'forged-approve',
    payload: { intentId: intent.id, action: 'approve', version, blockingConflictIds: [] },
  });
  const expectRefused = (reply: BrokerReply) => {
    expect(reply).toMatchObject({ err: { status: 401, code: 'AUTH.USER_NOT_PROVEN' } });
    expect(reply).not.toHaveProperty('response');
  };
  const expectUnchanged = async () => {
    const now = await calendar.lifecycle.get(intent.id);
    expect(now.body).toMatchObject({ status: 'REQUESTED', version: intent.version });
    const history = await suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, {
      as: calendar.cast.requester,
    });
    expect(history.body).toEqual(historyBefore);
  };

  beforeAll(async () => {
    calendar = new ConflictCalendar(suite);
    broker = await BrokerRpcClient.connect(suite.amqpUrl, suite.namespace);
    const environment = await knownEnvironment(calendar);
    const booking = await calendar.book(environment, hours('2032-07-05', 8, 12), { priority: 'CRITICAL' });
    intent = await calendar.requested(environment, hours('2032-07-05', 10, 14));
    const conflict = await eventuallyTheConflict(calendar, intent, {
      type: 'BOOKING_OVERLAP',
      relatedId: booking.id,
      status: 'OPEN',
    });
    expect(conflict.severity).toBe('BLOCKING');
    historyBefore = (
      await suite.api.get<HistoryEntryView[]>(`/intents/${intent.id}/history`, {
        as: calendar.cast.requester,
      })
    ).body;
  }, 90_000);

  afterAll(async () => broker?.close());

  it('refuses an approve claimed by a made-up admin over an OPEN BLOCKING conflict', async () => {
    expectRefused(await broker.send('intents', 'intents.transition', approveOver(intent.version)));
    await expectUnchanged();
    await eventually(() =>
      expect(appOutput(suite, 'intents', 400)).toMatch(
        /"security":true.*"action":"rpc:intents.transition","outcome":"refused"/,
      ),
    );
  });

  it('lists nothing for a claimed admin: intents.list and conflicts.list are refused', async () => {
    const list = { actor: MALLORY, correlationId: 'forged-list', payload: {} };
    expectRefused(await broker.send('intents', 'intents.list', list));
    expectRefused(await broker.send('conflicts', 'conflicts.list', list));
  });

  it('refuses an assertion signed with another key, an expired one, and one replayed for another pattern', async () => {
    const request = approveOver(intent.version);
    const forger = new UserProofSigner({
      privateKey: generateKeyPairSync('ed25519').privateKey,
      keyId: userProofKeyId(createPublicKey(DEVELOPMENT_USER_PROOF_PRIVATE_KEY)),
      usingDevelopmentKey: false,
    });
    const binding = { audience: 'intents', pattern: 'intents.transition', request };
    const forged = await forger.sign(MALLORY, binding);
    expectRefused(await broker.send('intents', 'intents.transition', { ...request, assertion: forged }));

    const approver = { ...calendar.cast.approver, token: undefined };
    const expired = await TEST_USER_PROOF_SIGNER.sign(approver, binding, new Date(Date.now() - 10 * 60_000));
    expectRefused(await broker.send('intents', 'intents.transition', { ...request, assertion: expired }));

    const read = { payload: { intentId: intent.id } };
    const forRead = await TEST_USER_PROOF_SIGNER.sign(approver, {
      audience: 'intents',
      pattern: 'intents.get',
      request: read,
    });
    expect(await broker.send('intents', 'intents.get', { ...read, assertion: forRead })).toMatchObject({
      response: { id: intent.id },
    });
    expectRefused(await broker.send('intents', 'intents.transition', { ...request, assertion: forRead }));
    await expectUnchanged();
  });

  it('still approves nothing through the gateway while the conflict is OPEN', async () => {
    const refused = await calendar.lifecycle.act(intent, 'approve');
    expect(refused.status).toBe(409);
    await expectUnchanged();
  });
});
