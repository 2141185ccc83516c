import type { OrgUnitList } from '@shared/contract';
import { api } from '../../api/http';
import { useLoad } from './useLoad';

/** `department:<code>` with the department's Chinese name, for a task's scope (`901` of `441424901` is 县住建局). */
export interface DepartmentScope {
  value: `department:${string}`;
  name: string;
}

const loadDepartments = (signal: AbortSignal) => api.get<OrgUnitList>('/org-units?level=department', signal);

/** The county's departments from the org tree as task scopes; empty while loading or when the tree has none. */
export function useDepartmentScopes(): DepartmentScope[] {
  const { data } = useLoad('departments', loadDepartments);
  return (data?.items ?? [])
    .filter((u) => u.level === 'department' && u.parentId !== null && u.id.startsWith(u.parentId))
    .map((u) => ({ value: `department:${u.id.slice(u.parentId!.length)}` as const, name: u.name }));
}
