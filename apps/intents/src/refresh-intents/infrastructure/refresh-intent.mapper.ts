import { RefreshType } from '@envrefresh/contracts';
import { IntentState, IntentStatus, RefreshIntent } from '../domain/refresh-intent';
import { RefreshIntentEntity } from './refresh-intent.entity';

export function toEntity(intent: RefreshIntent): RefreshIntentEntity {
  const state = intent.snapshot();
  return Object.assign(new RefreshIntentEntity(), { ...state, source: state.source ?? null });
}

export function toDomain(entity: RefreshIntentEntity): RefreshIntent {
  const state: IntentState = {
    ...entity,
    refreshType: entity.refreshType as RefreshType,
    status: entity.status as IntentStatus,
    source: entity.source ?? undefined,
  };
  return RefreshIntent.restore(state);
}
