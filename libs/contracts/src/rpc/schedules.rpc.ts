import { ScheduleView } from '../model/schedule-view';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/**
 * `GET /schedules/{intentId}`. `version` is the intent's version as the gateway just read it (with
 * the caller's visibility): the answer is for that version or a later one (ADR 0014), so a
 * schedule made by an approval that was just answered is there.
 */
export const schedulesGetRpc = defineRpc<RpcRequest<{ intentId: string; version?: number }>, ScheduleView>()({
  pattern: 'scheduling.schedules.get',
  service: 'scheduling',
  description:
    'The current schedule of one intent (its latest, if it was cancelled) with every job; 404 when the intent was never approved or the caller may not see it.',
});
