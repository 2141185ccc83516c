import { escapeLike, likeContains } from './sql-patterns';
import type { SqlClient } from './sql-client';
import type { AdminUser } from '../contract';

/** A user with their org unit, as a session carries it. */
export interface SessionUserRow {
  user_id: string;
  tenant_id: string;
  username: string;
  display_name: string;
  roles: string[];
  org_unit_id: string;
  org_unit_name: string;
  org_path: string;
}

/** The columns of a {@link SessionUserRow}; `u` is users, `o` its org unit. */
export const SESSION_USER_COLUMNS = `u.id AS user_id, u.tenant_id, u.username, u.display_name, u.roles, u.org_unit_id,
  o.name AS org_unit_name, o.path AS org_path`;

/** A user as a login checks it. */
export interface LoginUserRow extends SessionUserRow {
  password_hash: string;
  disabled: boolean;
}

/** The user a login names, with the password hash to check, or null. */
export async function findLoginUser(db: SqlClient, tenantId: string, username: string): Promise<LoginUserRow | null> {
  const { rows } = await db.query<LoginUserRow>(
    `SELECT ${SESSION_USER_COLUMNS}, u.password_hash, u.disabled
     FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = $1 AND u.tenant_id = $2`,
    [username, tenantId]);
  return rows[0] ?? null;
}

/**
 * Disables those of `usernames` still on the password the seed gave them (`password_changed_at`
 * is null) and answers which ones it disabled.
 */
export async function disableUnchangedPasswords(db: SqlClient, tenantId: string, usernames: readonly string[]): Promise<string[]> {
  const { rows } = await db.query<{ username: string }>(
    `UPDATE users SET disabled = true
      WHERE tenant_id = $1 AND username = ANY($2::text[]) AND password_changed_at IS NULL AND NOT disabled
      RETURNING username`,
    [tenantId, usernames]);
  return rows.map((r) => r.username);
}

/** Sets a user's password hash and enables the account; answers the user's id, or null for an unknown username. */
export async function setPasswordAndEnable(db: SqlClient, tenantId: string, username: string, passwordHash: string): Promise<string | null> {
  const { rows } = await db.query<{ id: string }>(
    'UPDATE users SET password_hash = $2, disabled = false, password_changed_at = now() WHERE username = $1 AND tenant_id = $3 RETURNING id',
    [username, passwordHash, tenantId]);
  return rows[0]?.id ?? null;
}

/** A user as the admin pages list them (the contract's `AdminUser`), with the creation time as read. */
export type UserRow = Omit<AdminUser, 'createdAt'> & { createdAt: Date };

const USER_COLUMNS = `u.id, u.username, u.display_name AS "displayName", u.roles, u.org_unit_id AS "orgUnitId", o.name AS "orgUnitName",
  u.disabled, u.created_at AS "createdAt"`;

/** The admin list's filters; `orgPath` covers the unit and everything below it. */
export interface UserFilter {
  q?: string;
  role?: string;
  orgPath?: string;
  page: number;
  pageSize: number;
}

/** A page of the tenant's users by username, with the number of matches. */
export async function listUsers(db: SqlClient, tenantId: string, filter: UserFilter): Promise<{ items: UserRow[]; total: number }> {
  const values: unknown[] = [tenantId];
  const where = ['u.tenant_id = $1'];
  if (filter.q) where.push(`(u.username ILIKE $${values.push(likeContains(filter.q))} OR u.display_name ILIKE $${values.length})`);
  if (filter.role) where.push(`$${values.push(filter.role)} = ANY(u.roles)`);
  if (filter.orgPath) where.push(`(o.path = $${values.push(filter.orgPath)} OR o.path LIKE $${values.push(`${escapeLike(filter.orgPath)}/%`)})`);
  const sqlWhere = where.join(' AND ');
  const n = values.length;
  const [items, count] = await Promise.all([
    db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id WHERE ${sqlWhere} ORDER BY u.username LIMIT $${n + 1} OFFSET $${n + 2}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id WHERE ${sqlWhere}`, values),
  ]);
  return { items: items.rows, total: count.rows[0].n };
}

/** One user of the tenant, or null. */
export async function findUser(db: SqlClient, tenantId: string, id: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users u LEFT JOIN org_units o ON o.id = u.org_unit_id WHERE u.id = $1 AND u.tenant_id = $2`, [id, tenantId]);
  return rows[0] ?? null;
}

/** Takes the user row for the transaction; false when the tenant has no such user. */
export async function lockUser(db: SqlClient, tenantId: string, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT id FROM users WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [id, tenantId]);
  return rows.length > 0;
}

/**
 * True when `username` is taken in any tenant (case-insensitive). Inside a transaction it first
 * takes a lock on the name, so two admins creating the same username cannot both see it free.
 */
export async function isUsernameTaken(db: SqlClient, username: string): Promise<boolean> {
  await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`user|${username.toLowerCase()}`]);
  const { rows } = await db.query('SELECT 1 FROM users WHERE lower(username) = lower($1)', [username]);
  return rows.length > 0;
}

/** A new user row. */
export interface NewUser {
  id: string;
  tenantId: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: string[];
  orgUnitId: string;
  createdAt: Date;
}

/** Stores a user; an admin-set password counts as changed (it is not a seed password). */
export async function insertUser(db: SqlClient, user: NewUser): Promise<void> {
  await db.query(
    `INSERT INTO users (id, tenant_id, username, display_name, password_hash, roles, org_unit_id, password_changed_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
    [user.id, user.tenantId, user.username, user.displayName, user.passwordHash, user.roles, user.orgUnitId, user.createdAt]);
}

/** The fields of a user an admin may change; absent fields stay. */
export interface UserChange {
  displayName?: string;
  roles?: string[];
  orgUnitId?: string;
  disabled?: boolean;
  password?: { hash: string; changedAt: Date };
}

/** Applies a {@link UserChange} (nothing when it is empty). */
export async function updateUser(db: SqlClient, id: string, change: UserChange): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [id];
  if (change.displayName !== undefined) sets.push(`display_name = $${values.push(change.displayName)}`);
  if (change.roles !== undefined) sets.push(`roles = $${values.push(change.roles)}`);
  if (change.orgUnitId !== undefined) sets.push(`org_unit_id = $${values.push(change.orgUnitId)}`);
  if (change.disabled !== undefined) sets.push(`disabled = $${values.push(change.disabled)}`);
  if (change.password) sets.push(`password_hash = $${values.push(change.password.hash)}`, `password_changed_at = $${values.push(change.password.changedAt)}`);
  if (sets.length) await db.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, values);
}
