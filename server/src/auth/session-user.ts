import type { Actor } from '../kernel';

/** A logged-in user as the API sees it: the runtime's actor plus what `GET /api/me` shows. */
export interface SessionUser {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string;
  orgPath: string;
}

/** The SQL columns that build a {@link SessionUser}; `u` is users, `o` its org unit. */
export const SESSION_USER_COLUMNS = `u.id AS user_id, u.tenant_id, u.username, u.display_name, u.roles, u.org_unit_id,
  o.name AS org_unit_name, o.path AS org_path`;

/** Builds a {@link SessionUser} from a row selected with {@link SESSION_USER_COLUMNS}. */
export function toSessionUser(row: Record<string, any>): SessionUser {
  return {
    id: row.user_id, tenantId: row.tenant_id, username: row.username, displayName: row.display_name, roles: row.roles,
    orgUnitId: row.org_unit_id, orgUnitName: row.org_unit_name, orgPath: row.org_path,
  };
}

/** The runtime's view of a session user. */
export function toActor(user: SessionUser): Actor {
  return { userId: user.id, username: user.username, displayName: user.displayName, roles: user.roles, orgUnitId: user.orgUnitId, orgPath: user.orgPath };
}

/** What `GET /api/me` and the login answer show of a user. */
export function publicUser(user: SessionUser) {
  return {
    id: user.id, username: user.username, displayName: user.displayName, roles: user.roles,
    orgUnitId: user.orgUnitId, orgUnitName: user.orgUnitName, orgPath: user.orgPath,
  };
}
