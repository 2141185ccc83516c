/** The role-state index lives in `domain/tasks/role-states.ts`; re-exported for the benchmarks that import it from here. */
export { createRoleStateIndex } from '../domain/tasks/role-states';
export type { RoleStateIndex, RoleStates } from '../domain/tasks/role-states';
