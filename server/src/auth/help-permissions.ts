import type { Actor } from '../kernel';
import { isWithinScope } from './org-scope';

/** Roles that choose a household's helper: the town (its own households), the county office, the admin. */
export const HELPER_ASSIGNING_ROLES: readonly string[] = ['town_reviewer', 'county_reviewer', 'admin'];

/** Roles of the village that enter 帮扶记录卡 lines for the households of their village. */
export const VILLAGE_HELP_ROLES: readonly string[] = ['village_clerk', 'village_work_team'];

/** A registered household as the help rules need it: where it lies and who helps it now. */
export interface HelpedHousehold {
  orgPath: string;
  helperUserId: string | null;
}

/** True when `actor` may choose helpers at all (the household's own scope is checked with {@link mayAssignHelperOf}). */
export function mayAssignHelpers(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => HELPER_ASSIGNING_ROLES.includes(r));
}

/** True when `actor` may choose the helper of `household`: an assigning role whose unit holds it. */
export function mayAssignHelperOf(actor: Pick<Actor, 'roles' | 'orgPath'>, household: HelpedHousehold): boolean {
  return mayAssignHelpers(actor) && isWithinScope(actor, household.orgPath);
}

/** True when `actor` is the household's current helper (帮扶责任人). */
export function isHelperOf(actor: Pick<Actor, 'roles' | 'userId'>, household: HelpedHousehold): boolean {
  return actor.roles.includes('helper') && actor.userId !== null && household.helperUserId === actor.userId;
}

/** True when `actor` may add lines to the household's 帮扶记录卡: its helper, or its village's clerk or work team. */
export function mayRecordHelpOf(actor: Pick<Actor, 'roles' | 'userId' | 'orgPath'>, household: HelpedHousehold): boolean {
  return isHelperOf(actor, household) || (actor.roles.some((r) => VILLAGE_HELP_ROLES.includes(r)) && isWithinScope(actor, household.orgPath));
}

/**
 * True when `actor` may record a measure of `kind` for the household: the county department that
 * owns the kind (`measureOwners` of the year's configuration: its unit's `department` flag), or
 * the household's helper.
 */
export function mayRecordMeasureOf(actor: Pick<Actor, 'roles' | 'userId'>, household: HelpedHousehold, owner: { unitDepartment: string | null; kindOwner: string | undefined }): boolean {
  const ownsKind = actor.roles.includes('department_officer') && owner.kindOwner !== undefined && owner.unitDepartment === owner.kindOwner;
  return ownsKind || isHelperOf(actor, household);
}
