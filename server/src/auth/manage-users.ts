import type { AdminUser } from '../contract';
import { ROLES } from '../engine';
import { ConflictError, isUuid, NotFoundError, ValidationError } from '../kernel';
import type { Clock, IdGenerator } from '../kernel';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import type { ChangeSignal } from '../store/change-signal';
import type { Database } from '../store/database';
import { findOrgUnit } from '../store/org-units.repository';
import { deleteSessionsOfUser } from '../store/sessions.repository';
import type { SqlClient } from '../store/sql-client';
import { findUser, insertUser, isUsernameTaken, listUsers, lockUser, updateUser } from '../store/users.repository';
import type { UserRow } from '../store/users.repository';
import { hashPassword } from './passwords';

/** What the user admin use cases need. */
export interface UserAdminDeps {
  db: Database;
  tenantId: string;
  ids: IdGenerator;
  clock: Clock;
  /** Told of a committed change of a user, so this node's next request reads its session afresh. */
  sessionChanges?: Pick<ChangeSignal, 'moved'>;
}

/** A user as the admin pages show them: the contract's `AdminUser`. */
export type UserView = AdminUser;

type Locale = 'zh-CN' | 'en';

/** The shortest password an admin may set. */
export const MIN_PASSWORD = 10;

const toView = (u: UserRow): UserView => ({ ...u, orgUnitName: u.orgUnitName ?? null, createdAt: u.createdAt.toISOString() });

/** Field messages for roles the product does not know, a password too short and an org unit not in the county. */
async function checkUserFields(db: SqlClient, tenantId: string, input: { roles?: string[]; password?: string; orgUnitId?: string }, locale: Locale): Promise<void> {
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
export async function findUsers(deps: Pick<UserAdminDeps, 'db' | 'tenantId'>, filter: { q?: string; orgUnitId?: string; role?: string; page: number; pageSize: number }): Promise<{ items: UserView[]; total: number }> {
  const unit = filter.orgUnitId ? await findOrgUnit(deps.db.pool, deps.tenantId, filter.orgUnitId) : undefined;
  if (unit === null) return { items: [], total: 0 };
  const { items, total } = await listUsers(deps.db.pool, deps.tenantId, { q: filter.q, role: filter.role, orgPath: unit?.path, page: filter.page, pageSize: filter.pageSize });
  return { items: items.map(toView), total };
}

/** Creates a user with its audit row in one transaction (409 when the username is taken in any county). */
export async function createUser(deps: UserAdminDeps, actor: AuditActor, input: { username: string; displayName: string; password: string; roles: string[]; orgUnitId: string }, locale: Locale): Promise<UserView> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction(async (client) => {
    await checkUserFields(client, deps.tenantId, input, locale);
    if (await isUsernameTaken(client, input.username)) throw new ConflictError(locale === 'en' ? `Username ${input.username} is taken` : `用户名 ${input.username} 已被使用`);
    const id = deps.ids.uuid();
    await insertUser(client, { id, tenantId: deps.tenantId, username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, orgUnitId: input.orgUnitId, createdAt: deps.clock.now() });
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor, action: 'user.create', target: id,
      details: { username: input.username, roles: input.roles, orgUnitId: input.orgUnitId },
    });
    return toView((await findUser(client, deps.tenantId, id))!);
  });
}

/**
 * Changes a user's name, roles, org unit or password, or disables them, with its audit row, in one
 * transaction. Disabling or a new password ends the user's other sessions (`keepSessionId` is the
 * admin's own); roles and org units are read afresh on every request, so they need no new login.
 */
export async function changeUser(deps: UserAdminDeps, actor: AuditActor & { sessionId: string }, id: string,
  change: { displayName?: string; roles?: string[]; orgUnitId?: string; disabled?: boolean; password?: string }, locale: Locale): Promise<UserView> {
  const en = locale === 'en';
  if (!isUuid(id)) throw new NotFoundError(`User ${id} does not exist`);
  if (id === actor.userId && (change.disabled === true || (change.roles && !change.roles.includes('admin')))) {
    throw new ValidationError(en ? 'You cannot lock yourself out' : '不能停用自己或取消自己的管理员角色',
      change.disabled === true ? { '/disabled': [en ? 'an admin cannot disable themself' : '管理员不能停用自己'] } : { '/roles': [en ? 'an admin cannot remove their own admin role' : '管理员不能取消自己的管理员角色'] });
  }
  const hash = change.password !== undefined && [...change.password].length >= MIN_PASSWORD ? await hashPassword(change.password) : undefined;
  const { sessionId, ...auditActor } = actor;
  const changed = await deps.db.transaction(async (client) => {
    if (!(await lockUser(client, deps.tenantId, id))) throw new NotFoundError(`User ${id} does not exist`);
    await checkUserFields(client, deps.tenantId, change, locale);
    const { password: _password, ...fields } = change;
    await updateUser(client, id, { ...fields, ...(hash !== undefined ? { password: { hash, changedAt: deps.clock.now() } } : {}) });
    if (change.disabled === true || hash !== undefined) await deleteSessionsOfUser(client, id, sessionId);
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor: auditActor, action: 'user.update', target: id,
      details: { ...fields, ...(hash ? { passwordChanged: true } : {}) },
    });
    return toView((await findUser(client, deps.tenantId, id))!);
  });
  deps.sessionChanges?.moved();
  return changed;
}
