/** Users, org units and the audit trail: `/api/admin/…` and `/api/org-units`. */

/** A user as the admin's list shows it. */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string | null;
  disabled: boolean;
  createdAt: string;
}

export interface UserQuery {
  q?: string;
  orgUnitId?: string;
  role?: string;
  page?: number;
  pageSize?: number;
}

/** `POST /api/admin/users`. */
export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  orgUnitId: string;
}

/** `PATCH /api/admin/users/:id`; a password here resets it. */
export type UserPatch = Partial<Pick<AdminUser, 'displayName' | 'roles' | 'orgUnitId' | 'disabled'>> & { password?: string };

export type OrgLevel = 'county' | 'town' | 'village' | 'group' | 'department';

export interface OrgUnit {
  id: string;
  parentId: string | null;
  level: OrgLevel;
  name: string;
  path?: string;
  relativelyPoor?: boolean;
  /** Set on units whose names the seed made up (the demo 村民小组) until the county imports its own. */
  demo?: boolean;
}

/** `GET /api/org-units?parent=|level=`: the units below a parent (id or name), or of one level. */
export interface OrgUnitList {
  items: OrgUnit[];
}

/** `POST /api/admin/org-units`. */
export interface NewOrgUnit {
  id: string;
  parentId: string;
  level: Exclude<OrgLevel, 'county'>;
  name: string;
  relativelyPoor?: boolean;
}

/** `PATCH /api/admin/org-units/:id`. */
export interface OrgUnitPatch {
  name?: string;
  relativelyPoor?: boolean;
}

/** One entry of the audit trail (`GET /api/admin/audit`). */
export interface AuditEvent {
  id: string;
  at: string;
  actor: { username: string; roles: string[] } | null;
  action: string;
  target: string | null;
  reason: string | null;
  details: unknown;
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  page?: number;
}
