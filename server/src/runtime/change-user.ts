import { checkUserFields, MIN_PASSWORD, toUserView } from '../auth/manage-users';
import type { UserView } from '../auth/manage-users';
import { hashPassword } from '../auth/passwords';
import { isUuid, NotFoundError, ValidationError } from '../kernel';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import { deleteSessionsOfUser } from '../store/sessions.repository';
import { findUser, lockUser, updateUser } from '../store/users.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What changing a user takes: the user's id, the change, and the admin's own session (which a change that ends sessions keeps). */
export interface ChangeUserInput {
  actor: AuditActor;
  keepSessionId: string;
  id: string;
  change: { displayName?: string; roles?: string[]; orgUnitId?: string; disabled?: boolean; password?: string };
  locale: 'zh-CN' | 'en';
}

/**
 * Changes a user's name, roles, org unit or password, or disables them, with its audit row, in one
 * transaction. Disabling or a new password ends the user's other sessions (`keepSessionId` is the
 * admin's own); roles and org units are read afresh on every request, so they need no new login.
 * Once committed, `sessionChanges` is told (this node's next request reads its sessions afresh).
 */
export async function changeUser(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock' | 'sessionChanges'>, input: ChangeUserInput): Promise<UserView> {
  const { actor, keepSessionId, id, change, locale } = input;
  const en = locale === 'en';
  if (!isUuid(id)) throw new NotFoundError(`User ${id} does not exist`);
  if (id === actor.userId && (change.disabled === true || (change.roles && !change.roles.includes('admin')))) {
    throw new ValidationError(en ? 'You cannot lock yourself out' : '不能停用自己或取消自己的管理员角色',
      change.disabled === true ? { '/disabled': [en ? 'an admin cannot disable themself' : '管理员不能停用自己'] } : { '/roles': [en ? 'an admin cannot remove their own admin role' : '管理员不能取消自己的管理员角色'] });
  }
  const hash = change.password !== undefined && [...change.password].length >= MIN_PASSWORD ? await hashPassword(change.password) : undefined;
  const changed = await deps.db.transaction(async (client) => {
    if (!(await lockUser(client, deps.tenantId, id))) throw new NotFoundError(`User ${id} does not exist`);
    await checkUserFields(client, deps.tenantId, change, locale);
    const { password: _password, ...fields } = change;
    await updateUser(client, id, { ...fields, ...(hash !== undefined ? { password: { hash, changedAt: deps.clock.now() } } : {}) });
    if (change.disabled === true || hash !== undefined) await deleteSessionsOfUser(client, id, keepSessionId);
    await insertAuditEvent(client, {
      id: deps.ids.uuid(), tenantId: deps.tenantId, at: deps.clock.now(), actor, action: 'user.update', target: id,
      details: { ...fields, ...(hash ? { passwordChanged: true } : {}) },
    });
    return toUserView((await findUser(client, deps.tenantId, id))!);
  });
  deps.sessionChanges?.moved();
  return changed;
}
