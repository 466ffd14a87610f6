import { ConflictFindingView } from '../model/conflict-check';
import { ConflictView } from '../model/conflict-view';
import { IntentView } from '../model/intent-view';
import { defineRpc } from './rpc-contract';
import { DelegatedRpcRequest, RpcRequest } from './rpc-request';

/**
 * The approval gate's question to the authority on conflicts (ADR 0009), asked by the intents
 * service at approve and start on the user's behalf: `onBehalfOf` is the user's
 * `intents.transition` request, which the assertion proves (ADR 0017).
 */
export const conflictsBlockingForIntentRpc = defineRpc<
  /**
   * `intent` is the intent as the intents service holds it now: the conflicts service takes it into
   * its picture (if newer) and recomputes before answering, so an approve that follows a submit at
   * once is judged on the submitted window, not on an event still in flight. `from` (for start):
   * judge the window from that instant to plannedEnd.
   */
  DelegatedRpcRequest<{ intentId: string; intent: IntentView; from?: string }>,
  {
    blocking: ConflictView[];
    /** BLOCKING findings over `from` → plannedStart, which no stored conflict covers. */
    ahead?: ConflictFindingView[];
  }
>()({
  pattern: 'conflicts.blocking-for-intent',
  service: 'conflicts',
  description:
    'Recomputes the conflicts of one intent now and replies with its OPEN conflicts of severity BLOCKING (for a start, over now → plannedEnd).',
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
