import { ConflictView } from '../model/conflict-view';
import { IntentView } from '../model/intent-view';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/** The approval gate's question to the authority on conflicts (ADR 0009). */
export const conflictsBlockingForIntentRpc = defineRpc<
  /**
   * `intent`, when sent, is the intent as the intents service holds it now: the conflicts service
   * takes it into its picture (if newer) and recomputes before answering, so an approve that follows
   * a submit at once is judged on the submitted window, not on an event still in flight.
   */
  RpcRequest<{ intentId: string; intent?: IntentView }>,
  { blocking: ConflictView[] }
>()({
  pattern: 'conflicts.blocking-for-intent',
  service: 'conflicts',
  description:
    'Recomputes the conflicts of one intent now and replies with its OPEN conflicts of severity BLOCKING.',
});

/**
 * `GET /intents/{id}/conflicts`: every conflict of one intent, whatever its status. `version` is
 * the intent's version as the gateway just read it: the answer is for that version or a later one.
 */
export const conflictsForIntentRpc = defineRpc<
  RpcRequest<{ intentId: string; version?: number }>,
  ConflictView[]
>()({
  pattern: 'conflicts.for-intent',
  service: 'conflicts',
  description: 'All conflicts of one intent, oldest window first; the gateway checks visibility first.',
});
