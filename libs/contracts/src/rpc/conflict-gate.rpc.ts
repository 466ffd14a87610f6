import { ConflictView } from '../model/conflict-view';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/** The approval gate's question to the authority on conflicts (ADR 0009). */
export const conflictsBlockingForIntentRpc = defineRpc<
  RpcRequest<{ intentId: string }>,
  { blocking: ConflictView[] }
>()({
  pattern: 'conflicts.blocking-for-intent',
  service: 'conflicts',
  description:
    'The OPEN conflicts of severity BLOCKING of one intent, as the conflicts service knows them now.',
});

/** `GET /intents/{id}/conflicts`: every conflict of one intent, whatever its status. */
export const conflictsForIntentRpc = defineRpc<RpcRequest<{ intentId: string }>, ConflictView[]>()({
  pattern: 'conflicts.for-intent',
  service: 'conflicts',
  description: 'All conflicts of one intent, oldest window first; the gateway checks visibility first.',
});
