import { WindowScope, WindowView } from '@envrefresh/contracts';
import { WindowState, contractTimingOf } from '../domain/window';

/** The window as the API and `window.*` events show it; an empty scope (every environment) is `{}`. */
export function toWindowView(state: WindowState): WindowView {
  const scope: WindowScope = {
    ...(state.scope.environmentIds.length > 0 ? { environmentIds: state.scope.environmentIds } : {}),
    ...(state.scope.tiers.length > 0 ? { tiers: state.scope.tiers } : {}),
  };
  return {
    id: state.id,
    kind: state.kind,
    name: state.name,
    scope,
    ...contractTimingOf(state.timing),
    createdBy: state.createdBy,
    createdAt: state.createdAt.toISOString(),
    ...(state.deleted ? { deletedAt: state.deleted.at.toISOString(), deletedBy: state.deleted.by } : {}),
  };
}
