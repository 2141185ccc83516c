/** An org unit as the admin pages show it (the answer of runtime/create-org-unit.ts and runtime/change-org-unit.ts). */
export interface OrgUnitView {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
  path: string;
  relativelyPoor: boolean;
}

/** An org unit row as the admin pages show it. */
export const toOrgUnitView = (u: { id: string; parentId: string | null; level: string; name: string; path: string; flags: Record<string, unknown> }): OrgUnitView => ({
  id: u.id, parentId: u.parentId, level: u.level, name: u.name, path: u.path, relativelyPoor: u.flags.relativelyPoor === true,
});
