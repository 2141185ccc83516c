import { checkUserFields, toUserView } from '../auth/manage-users';
import type { UserView } from '../auth/manage-users';
import { hashPassword } from '../auth/passwords';
import { ConflictError } from '../kernel';
import { insertAuditEvent } from '../store/audit-events.repository';
import type { AuditActor } from '../store/audit-events.repository';
import { findUser, insertUser, isUsernameTaken } from '../store/users.repository';
import type { RuntimeDeps } from './runtime-deps';

/** What creating a user takes: the account, its first password, its roles and its org unit. */
export interface CreateUserInput {
  actor: AuditActor;
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  orgUnitId: string;
  locale: 'zh-CN' | 'en';
}

/** Creates a user with its audit row in one transaction (409 when the username is taken in any county). */
export async function createUser(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: CreateUserInput): Promise<UserView> {
  const { actor, locale } = input;
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
    return toUserView((await findUser(client, deps.tenantId, id))!);
  });
}
