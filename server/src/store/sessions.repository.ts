import type { SqlClient } from './sql-client';
import { SESSION_USER_COLUMNS } from './users.repository';
import type { SessionUserRow } from './users.repository';

/** The channel a trigger announces every change of sessions, users and units on (migration 0033). */
export const SESSION_CHANGES = 'jz_session_changes';

/** A live session row with its user. */
export interface SessionRow {
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUserRow;
}

/** Stores a session under the hash of its cookie token. */
export async function insertSession(db: SqlClient, session: { id: string; userId: string; csrfToken: string; expiresAt: Date }): Promise<void> {
  await db.query('INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
    [session.id, session.userId, session.csrfToken, session.expiresAt]);
}

/** The session `id` when it has not expired at `now` and its user is enabled, else null. */
export async function findLiveSession(db: SqlClient, id: string, now: Date): Promise<SessionRow | null> {
  // Prepared by name: every authenticated request runs it.
  const { rows } = await db.query<SessionUserRow & { id: string; csrf_token: string; expires_at: Date }>({
    name: 'jz_find_session',
    text: `SELECT s.id, s.csrf_token, s.expires_at, ${SESSION_USER_COLUMNS}
           FROM sessions s JOIN users u ON u.id = s.user_id JOIN org_units o ON o.id = u.org_unit_id
           WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`,
    values: [id, now],
  });
  const row = rows[0];
  return row ? { id: row.id, csrfToken: row.csrf_token, expiresAt: row.expires_at, user: row } : null;
}

/** Moves a session's expiry (sliding sessions). */
export async function extendSession(db: SqlClient, id: string, expiresAt: Date): Promise<void> {
  await db.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
}

/** Ends one session. */
export async function deleteSession(db: SqlClient, id: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id = $1', [id]);
}

/** Ends every session of a user but `keepId` (the admin's own, when they change themself). */
export async function deleteSessionsOfUser(db: SqlClient, userId: string, keepId?: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2', [userId, keepId ?? null]);
}
