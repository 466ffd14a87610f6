import { WindowTiming } from '../model/window-timing';
import { WindowKind, WindowScope, WindowView } from '../model/window-view';
import { Idempotent } from './idempotency';
import { Page, PageQuery } from './page';
import { defineRpc } from './rpc-contract';
import { RpcRequest } from './rpc-request';

/** Body of `POST /api/v1/windows`: one-off `{start, end}` or recurring `{rrule, duration, timezone, startsAt, until?}`. */
export type CreateWindowPayload = WindowTiming & { kind: WindowKind; name: string; scope?: WindowScope };

export const windowsCreateRpc = defineRpc<RpcRequest<CreateWindowPayload> & Idempotent, WindowView>()({
  pattern: 'conflicts.windows.create',
  service: 'conflicts',
  description: 'An admin adds a blackout or maintenance window; publishes window.created.',
});

export interface ListWindowsPayload extends PageQuery {
  kind?: WindowKind;
  /** Windows that cover this environment (by id, tier or globally). */
  environmentId?: string;
  /** Admins only: deleted windows too, with `deletedAt` and `deletedBy`. */
  includeDeleted?: boolean;
}

export const windowsListRpc = defineRpc<RpcRequest<ListWindowsPayload>, Page<WindowView>>()({
  pattern: 'conflicts.windows.list',
  service: 'conflicts',
  description: 'Blackout and maintenance windows, newest first.',
});

export const windowsGetRpc = defineRpc<RpcRequest<{ windowId: string }>, WindowView>()({
  pattern: 'conflicts.windows.get',
  service: 'conflicts',
  description: 'Everyone: one blackout or maintenance window by id.',
});

export const windowsDeleteRpc = defineRpc<RpcRequest<{ windowId: string }>, WindowView>()({
  pattern: 'conflicts.windows.delete',
  service: 'conflicts',
  description: 'An admin deletes a window; publishes window.deleted with the window as it was.',
});
