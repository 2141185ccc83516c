import { Router } from 'express';
import type { PoolClient } from 'pg';
import { hashPassword } from '../auth/passwords';
import { ROLES } from '../engine';
import { ConflictError, NotFoundError, ValidationError } from '../kernel';
import { auditInTransaction, requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { requestLocale } from './request-context';
import type { Locale } from './request-context';
import { createUserBody, idParams, updateUserBody, usersQuery } from './request-schemas';
import { belowPattern } from './scope';

interface UsersQuery { q?: string; orgUnitId?: string; role?: string; page: number; pageSize: number }
interface CreateUser { username: string; displayName: string; password: string; roles: string[]; orgUnitId: string }
interface UpdateUser { displayName?: string; roles?: string[]; orgUnitId?: string; disabled?: boolean; password?: string }

const MIN_PASSWORD = 10;
const USER_COLUMNS = `u.id, u.username, u.display_name, u.roles, u.org_unit_id, o.name AS org_unit_name, u.disabled, u.created_at`;
const userView = (r: Record<string, any>) => ({
  id: r.id, username: r.username, displayName: r.display_name, roles: r.roles, orgUnitId: r.org_unit_id, orgUnitName: r.org_unit_name ?? null,
  disabled: r.disabled, createdAt: r.created_at.toISOString(),
});
const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Field messages for roles the product does not know, a password too short and an org unit not in the county. */
async function checkUserFields(client: PoolClient, tenantId: string, input: { roles?: string[]; password?: string; orgUnitId?: string }, locale: Locale) {
  const en = locale === 'en';
  const fields: Record<string, string[]> = {};
  input.roles?.forEach((role, i) => {
    if (!(ROLES as readonly string[]).includes(role)) fields[`/roles/${i}`] = [en ? `unknown role "${role}"; known: ${ROLES.join(', ')}` : `未知角色“${role}”，可用：${ROLES.join('、')}`];
  });
  if (input.password !== undefined && [...input.password].length < MIN_PASSWORD) {
    fields['/password'] = [en ? `must have at least ${MIN_PASSWORD} characters` : `至少 ${MIN_PASSWORD} 个字符`];
  }
  if (input.orgUnitId !== undefined) {
    const { rows } = await client.query('SELECT 1 FROM org_units WHERE id = $1 AND tenant_id = $2', [input.orgUnitId, tenantId]);
    if (!rows[0]) fields['/orgUnitId'] = [en ? `org unit ${input.orgUnitId} does not exist` : `组织机构 ${input.orgUnitId} 不存在`];
  }
  if (Object.keys(fields).length) throw new ValidationError(en ? 'The user has errors' : '用户信息有误', fields);
}

/** `GET/POST /api/admin/users`, `PATCH /api/admin/users/:id` (admin): accounts, their roles and org units. */
export function createAdminUsersRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;
  const findUser = async (client: PoolClient | typeof db.pool, id: string) => {
    const { rows } = await client.query(`SELECT ${USER_COLUMNS} FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1 AND u.tenant_id = $2`, [id, ctx.tenantId]);
    return rows[0] ? userView(rows[0]) : undefined;
  };

  ctx.routes.add<unknown, UsersQuery>(router, {
    method: 'get', path: '/admin/users', tag: 'admin', access: 'session', summary: 'Admin: users of the county, filtered by text, org unit (and below) and role',
    query: usersQuery, responses: { 200: { description: '{ items, total }' } },
  }, async ({ req, query }) => {
    requireRole(req);
    const values: unknown[] = [ctx.tenantId];
    const where = ['u.tenant_id = $1'];
    if (query.q) where.push(`(u.username ILIKE $${values.push(`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR u.display_name ILIKE $${values.length})`);
    if (query.role) where.push(`$${values.push(query.role)} = ANY(u.roles)`);
    if (query.orgUnitId) {
      const { rows } = await db.pool.query('SELECT path FROM org_units WHERE id = $1 AND tenant_id = $2', [query.orgUnitId, ctx.tenantId]);
      if (!rows[0]) return { items: [], total: 0 };
      where.push(`(o.path = $${values.push(rows[0].path)} OR o.path LIKE $${values.push(belowPattern(rows[0].path))})`);
    }
    const sqlWhere = where.join(' AND ');
    const n = values.length;
    const [items, count] = await Promise.all([
      db.pool.query(`SELECT ${USER_COLUMNS} FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id WHERE ${sqlWhere} ORDER BY u.username LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...values, query.pageSize, (query.page - 1) * query.pageSize]),
      db.pool.query(`SELECT count(*)::int AS n FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id WHERE ${sqlWhere}`, values),
    ]);
    return { items: items.rows.map(userView), total: count.rows[0].n as number };
  });

  ctx.routes.add<CreateUser>(router, {
    method: 'post', path: '/admin/users', tag: 'admin', access: 'session', summary: 'Admin: creates a user (409 when the username is taken)',
    body: createUserBody, responses: { 201: { description: 'the user' } },
  }, async ({ req, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const hash = await hashPassword(body.password);
    return db.transaction(async (client) => {
      await checkUserFields(client, ctx.tenantId, body, locale);
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`user|${body.username.toLowerCase()}`]);
      const { rows } = await client.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [body.username]);
      if (rows[0]) throw new ConflictError(locale === 'en' ? `Username ${body.username} is taken` : `用户名 ${body.username} 已被使用`);
      const id = ctx.services.ids.uuid();
      const now = ctx.services.clock.now();
      await client.query(
        `INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
        [id, ctx.tenantId, body.username, body.displayName, hash, body.roles, body.orgUnitId, now]);
      await auditInTransaction(client, ctx, user, { action: 'user.create', target: id, details: { username: body.username, roles: body.roles, orgUnitId: body.orgUnitId } });
      return (await findUser(client, id))!;
    });
  });

  ctx.routes.add<UpdateUser, unknown, { id: string }>(router, {
    method: 'patch', path: '/admin/users/:id', tag: 'admin', access: 'session',
    summary: 'Admin: changes a user\'s name, roles, org unit or password, or disables them (which ends their sessions)',
    params: idParams, body: updateUserBody, responses: { 200: { description: 'the user' } },
  }, async ({ req, params, body }) => {
    const { user, session } = requireRole(req);
    const locale = requestLocale(req);
    const en = locale === 'en';
    if (!isUuid(params.id)) throw new NotFoundError(`User ${params.id} does not exist`);
    if (params.id === user.id && (body.disabled === true || (body.roles && !body.roles.includes('admin')))) {
      throw new ValidationError(en ? 'You cannot lock yourself out' : '不能停用自己或取消自己的管理员角色',
        body.disabled === true ? { '/disabled': [en ? 'an admin cannot disable themself' : '管理员不能停用自己'] } : { '/roles': [en ? 'an admin cannot remove their own admin role' : '管理员不能取消自己的管理员角色'] });
    }
    const hash = body.password !== undefined && [...body.password].length >= MIN_PASSWORD ? await hashPassword(body.password) : undefined;
    return db.transaction(async (client) => {
      const { rows } = await client.query('SELECT id FROM users WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [params.id, ctx.tenantId]);
      if (!rows[0]) throw new NotFoundError(`User ${params.id} does not exist`);
      await checkUserFields(client, ctx.tenantId, body, locale);
      const sets: string[] = [];
      const values: unknown[] = [params.id];
      if (body.displayName !== undefined) sets.push(`display_name = $${values.push(body.displayName)}`);
      if (body.roles !== undefined) sets.push(`roles = $${values.push(body.roles)}`);
      if (body.orgUnitId !== undefined) sets.push(`org_unit_id = $${values.push(body.orgUnitId)}`);
      if (body.disabled !== undefined) sets.push(`disabled = $${values.push(body.disabled)}`);
      if (hash !== undefined) sets.push(`password_hash = $${values.push(hash)}`, `password_changed_at = $${values.push(ctx.services.clock.now())}`);
      if (sets.length) await client.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, values);
      // A disabled user is logged out at once, and a new password ends the sessions opened with the old one
      // (roles and org units are read afresh on every request, so they need no new login).
      if (body.disabled === true || hash !== undefined) {
        await client.query('DELETE FROM sessions WHERE user_id = $1 AND id <> $2', [params.id, session.id]);
      }
      const { password: _password, ...changed } = body;
      await auditInTransaction(client, ctx, user, { action: 'user.update', target: params.id, details: { ...changed, ...(hash ? { passwordChanged: true } : {}) } });
      return (await findUser(client, params.id))!;
    });
  });

  return router;
}
