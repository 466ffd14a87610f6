import { useMemo } from 'react';
import { useResource } from '../api';
import type { ConflictView, EnvironmentView, Page } from '../contracts';

/** Every environment the viewer can see, by id (one page of 100: the API's largest). */
export function useEnvironments() {
  const environments = useResource<Page<EnvironmentView>>('/environments', { limit: 100 });
  // One map per answer, not per render: the calendar refetches when its inputs change identity.
  const byId = useMemo(
    () => new Map((environments.data?.items ?? []).map((environment) => [environment.id, environment])),
    [environments.data],
  );
  const list = useMemo(() => environments.data?.items ?? [], [environments.data]);
  return { ...environments, byId, list };
}

/** A list answer may be a page or a plain array; the page reads both alike. */
export function itemsOf<T>(answer: Page<T> | T[] | undefined): T[] {
  if (!answer) return [];
  return Array.isArray(answer) ? answer : answer.items;
}

export function openConflicts(conflicts: ConflictView[]): ConflictView[] {
  return conflicts.filter((conflict) => conflict.status === 'OPEN');
}
