import type { TaskScope } from '../engine';
import type { Actor } from '../kernel';

/** Depth of each level in an org path: county / town / village / 村民小组. */
const LEVEL_DEPTH: Record<Exclude<TaskScope, 'instance'>, number> = { county: 1, town: 2, village: 3 };

/**
 * The org unit a task belongs to: the instance's unit, or its ancestor at the scope's level.
 * @example taskOrgUnit('441424/441424130/441424130201', 'town') // { orgUnitId: '441424130', orgPath: '441424/441424130' }
 */
export function taskOrgUnit(instanceOrgPath: string, scope: TaskScope): { orgUnitId: string; orgPath: string } {
  const segments = instanceOrgPath.split('/');
  const depth = scope === 'instance' ? segments.length : Math.min(LEVEL_DEPTH[scope], segments.length);
  const kept = segments.slice(0, depth);
  return { orgUnitId: kept[kept.length - 1], orgPath: kept.join('/') };
}

/** True when `path` is the actor's own unit or lies below it. */
export function isWithinScope(actor: Pick<Actor, 'orgPath'>, path: string): boolean {
  return path === actor.orgPath || path.startsWith(`${actor.orgPath}/`);
}

/** True when the actor holds a candidate role and the task lies in the actor's org scope. */
export function canActOnTask(actor: Actor, task: { candidateRoles: string[]; orgPath: string }): boolean {
  return task.candidateRoles.some((r) => actor.roles.includes(r)) && isWithinScope(actor, task.orgPath);
}
