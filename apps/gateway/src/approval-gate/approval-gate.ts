import { Injectable, Logger } from '@nestjs/common';
import { AuthenticatedActor } from '@envrefresh/auth';
import { IntentView, RpcReplyOf, conflictsBlockingForIntentRpc, intentsGetRpc } from '@envrefresh/contracts';
import { ProblemException } from '../http/problem-exception';
import { ServiceClients } from '../services/service-clients';

/**
 * ADR 0009: before `approve` or `start` the gateway asks the conflicts service, the authority on
 * conflicts, which OPEN BLOCKING conflicts the intent has at this moment, and hands their ids to
 * the intents service, which refuses the transition when there are any. If the question cannot be
 * answered, nothing is approved or started: the gate fails closed with 503.
 *
 * The question carries the intent as the intents service holds it now, read as the caller: the
 * conflicts service learns of intents from events, and an approve right after a submit or an
 * amend must be judged on the window just filed, not on an event still in flight.
 */
@Injectable()
export class ApprovalGate {
  private readonly logger = new Logger(ApprovalGate.name);

  constructor(private readonly services: ServiceClients) {}

  async blockingConflictIds(actor: AuthenticatedActor, intentId: string, action: string): Promise<string[]> {
    // Not caught: an intent the caller may not see stays a 404, and the intents service's own
    // failures keep their status; nothing has been decided yet either way.
    const intent: IntentView = await this.services.call(intentsGetRpc, { actor, payload: { intentId } });
    let reply: RpcReplyOf<typeof conflictsBlockingForIntentRpc>;
    try {
      reply = await this.services.call(conflictsBlockingForIntentRpc, {
        actor,
        payload: { intentId, intent },
      });
    } catch (error) {
      this.logger.warn(`conflict check for ${action} of ${intentId} failed: ${(error as Error).message}`);
      throw unavailable(action);
    }
    if (
      !Array.isArray(reply?.blocking) ||
      !reply.blocking.every((conflict) => typeof conflict?.id === 'string')
    ) {
      this.logger.error(`conflicts answered the gate with a malformed reply for ${intentId}`);
      throw unavailable(action);
    }
    return reply.blocking.map((conflict) => conflict.id);
  }
}

function unavailable(action: string): ProblemException {
  return new ProblemException(
    503,
    `The conflict check could not be made, so the intent was not ${action === 'start' ? 'started' : 'approved'}; try again shortly`,
    { type: 'https://envrefresh.dev/problems/conflict-check-unavailable', code: 'APPROVAL_GATE.UNAVAILABLE' },
  );
}
