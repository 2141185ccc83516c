import type { User } from '../contract';
import type { Actor } from '../kernel';
import type { SessionUserRow } from '../store/users.repository';

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

/** Builds a {@link SessionUser} from the user row a session or login read. */
export function toSessionUser(row: SessionUserRow): SessionUser {
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
export function publicUser(user: SessionUser): User {
  return {
    id: user.id, username: user.username, displayName: user.displayName, roles: user.roles,
    orgUnitId: user.orgUnitId, orgUnitName: user.orgUnitName, orgPath: user.orgPath,
  };
}
