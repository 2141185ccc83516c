import { deleteSessionsOfUser } from '../store/sessions.repository';
import type { SqlPool } from '../store/sql-client';
import { setPasswordAndEnable } from '../store/users.repository';
import { hashPassword } from './passwords';

/**
 * Gives a user a new password, enables the account and closes its sessions (they were opened with
 * the old password). False when the tenant has no such user.
 */
export async function setUserPassword(pool: SqlPool, tenantId: string, username: string, password: string): Promise<boolean> {
  const userId = await setPasswordAndEnable(pool, tenantId, username, await hashPassword(password));
  if (!userId) return false;
  await deleteSessionsOfUser(pool, userId);
  return true;
}
