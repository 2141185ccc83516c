import type { TaskScope } from '../engine';
import type { Actor } from '../kernel';

/** Depth of each level in an org path: county / town / village / 村民小组. */
const LEVEL_DEPTH: Record<'county' | 'town' | 'village', number> = { county: 1, town: 2, village: 3 };

/**
 * The org unit a task belongs to: the instance's unit, or its ancestor at the scope's level.
 * @example taskOrgUnit('441424/441424130/441424130201', 'town') // { orgUnitId: '441424130', orgPath: '441424/441424130' }
 */
export function taskOrgUnit(instanceOrgPath: string, scope: TaskScope): { orgUnitId: string; orgPath: string } {
  const segments = instanceOrgPath.split('/');
  // A county department is the unit `<county><code>` directly under the county.
  if (scope.startsWith('department:')) {
    const id = `${segments[0]}${scope.slice('department:'.length)}`;
    return { orgUnitId: id, orgPath: `${segments[0]}/${id}` };
  }
  const depth = scope === 'instance' ? segments.length : Math.min(LEVEL_DEPTH[scope as keyof typeof LEVEL_DEPTH], segments.length);
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

/**
 * Roles that read and verify but change nothing (督查 / 纪检 inspectors, auditors), except on the
 * tasks a process names them as workers of (such as the assessment escalation).
 */
export const READ_ONLY_ROLES: readonly string[] = ['inspector', 'auditor'];

/** True when every role of the actor is a read-only one. */
export function isReadOnlyActor(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.length > 0 && actor.roles.every((r) => READ_ONLY_ROLES.includes(r));
}

/** True when the actor may see what belongs to `orgPath` (its own unit or one below it). */
export function canSee(actor: Pick<Actor, 'orgPath'>, orgPath: string): boolean {
  return isWithinScope(actor, orgPath);
}

/**
 * The narrowest org path a list may cover: the actor's scope, or a unit inside it that the
 * caller filtered by. A filter outside the scope covers nothing (null); a filter above the
 * scope (a village clerk filtering by their town) is the scope itself.
 */
export function narrowScope(actor: Pick<Actor, 'orgPath'>, filterPath: string | undefined): string | null {
  if (!filterPath) return actor.orgPath;
  if (isWithinScope(actor, filterPath)) return filterPath;
  if (isWithinScope({ orgPath: filterPath }, actor.orgPath)) return actor.orgPath;
  return null;
}

/**
 * The SQL LIKE pattern of everything below an org path, for `org_path = $p OR org_path LIKE $pattern`
 * (with text_pattern_ops the LIKE is an index range): the same scope as {@link isWithinScope}, as
 * read models ask the database for it. Paths are digits and `/`, escaped anyway.
 */
export function belowPattern(orgPath: string): string {
  return `${orgPath.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
}

/**
 * What part of the registry an actor reads. A county department's officer (县住建局 …) serves
 * households countywide and reads all of the county's, read-only: its staff enter their own
 * measure records and act only on tasks a process names their role for. A 帮扶责任人 (`helper`)
 * without another role reads the households currently paired with them (`helperUserId`). Everyone
 * else reads their own unit and below.
 * @example householdReadScope({ roles: ['department_officer'], orgPath: '441424/441424901', userId: 'u1' }) // { path: '441424' }
 */
export function householdReadScope(actor: Pick<Actor, 'roles' | 'orgPath' | 'userId'>): { path: string; helperUserId?: string } {
  const countyPath = actor.orgPath.split('/')[0];
  if (actor.roles.includes('department_officer')) return { path: countyPath };
  if (actor.roles.length > 0 && actor.roles.every((r) => r === 'helper')) return { path: countyPath, helperUserId: actor.userId ?? '' };
  return { path: actor.orgPath };
}
