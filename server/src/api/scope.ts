import type { Actor } from '../runtime/ports';
import { isWithinScope } from '../auth/org-scope';

/**
 * The SQL pattern of everything below an org path, for `org_path = $p OR org_path LIKE $pattern`
 * (with text_pattern_ops the LIKE is an index range). Paths are digits and `/`, escaped anyway.
 */
export function belowPattern(orgPath: string): string {
  return `${orgPath.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
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
