import type { AdminUser } from '../contract';
import { ROLES } from '../engine';
import { ValidationError } from '../kernel';
import type { Database } from '../store/database';
import { findOrgUnit } from '../store/org-units.repository';
import type { SqlClient } from '../store/sql-client';
import { listUsers } from '../store/users.repository';
import type { UserRow } from '../store/users.repository';

/** A user as the admin pages show them: the contract's `AdminUser`. */
export type UserView = AdminUser;

type Locale = 'zh-CN' | 'en';

/** The shortest password an admin may set. */
export const MIN_PASSWORD = 10;

/** A user row as the admin pages show it. */
export const toUserView = (u: UserRow): UserView => ({ ...u, orgUnitName: u.orgUnitName ?? null, createdAt: u.createdAt.toISOString() });

/**
 * Field messages for roles the product does not know, a password too short and an org unit not in
 * the county (checked inside the transaction of runtime/create-user.ts and runtime/change-user.ts).
 */
export async function checkUserFields(db: SqlClient, tenantId: string, input: { roles?: string[]; password?: string; orgUnitId?: string }, locale: Locale): Promise<void> {
  const en = locale === 'en';
  const fields: Record<string, string[]> = {};
  input.roles?.forEach((role, i) => {
    if (!(ROLES as readonly string[]).includes(role)) fields[`/roles/${i}`] = [en ? `unknown role "${role}"; known: ${ROLES.join(', ')}` : `未知角色“${role}”，可用：${ROLES.join('、')}`];
  });
  if (input.password !== undefined && [...input.password].length < MIN_PASSWORD) {
    fields['/password'] = [en ? `must have at least ${MIN_PASSWORD} characters` : `至少 ${MIN_PASSWORD} 个字符`];
  }
  if (input.orgUnitId !== undefined && !(await findOrgUnit(db, tenantId, input.orgUnitId))) {
    fields['/orgUnitId'] = [en ? `org unit ${input.orgUnitId} does not exist` : `组织机构 ${input.orgUnitId} 不存在`];
  }
  if (Object.keys(fields).length) throw new ValidationError(en ? 'The user has errors' : '用户信息有误', fields);
}

/** The tenant's users, filtered by text, role and org unit (that unit and below; none when it does not exist). */
export async function findUsers(deps: { db: Database; tenantId: string }, filter: { q?: string; orgUnitId?: string; role?: string; page: number; pageSize: number }): Promise<{ items: UserView[]; total: number }> {
  const unit = filter.orgUnitId ? await findOrgUnit(deps.db.pool, deps.tenantId, filter.orgUnitId) : undefined;
  if (unit === null) return { items: [], total: 0 };
  const { items, total } = await listUsers(deps.db.pool, deps.tenantId, { q: filter.q, role: filter.role, orgPath: unit?.path, page: filter.page, pageSize: filter.pageSize });
  return { items: items.map(toUserView), total };
}
