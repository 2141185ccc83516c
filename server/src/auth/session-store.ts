import { createHash, randomBytes } from 'node:crypto';
import type { Pool } from 'pg';
import type { Clock } from '../kernel';
import { SESSION_USER_COLUMNS, toSessionUser } from './session-user';
import type { SessionUser } from './session-user';

/** A session found from its cookie. */
export interface Session {
  /** The stored id: the SHA-256 of the cookie's token, so a leaked table gives no usable cookie. */
  id: string;
  csrfToken: string;
  expiresAt: Date;
  user: SessionUser;
}

export interface SessionStore {
  /** Opens a session for a user; `token` goes into the cookie, `csrfToken` to the client. */
  create(userId: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }>;
  /** The live session of a cookie token, or null (unknown, expired, or the user is disabled). */
  find(token: string): Promise<Session | null>;
  delete(token: string): Promise<void>;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Sessions in PostgreSQL, so any server process can serve any request. Sessions slide: a session
 * used after half its lifetime is extended, so an active user is not logged out mid-task.
 * Wall-clock time on purpose: the test clock moves workflow time, not login lifetimes.
 */
export function createSessionStore(pool: Pool, clock: Clock, ttlMs = 12 * 3_600_000): SessionStore {
  return {
    async create(userId) {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      await pool.query('INSERT INTO sessions (id, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)', [hashToken(token), userId, csrfToken, expiresAt]);
      return { token, csrfToken, expiresAt };
    },
    async find(token) {
      if (!token || token.length > 200) return null;
      const id = hashToken(token);
      const { rows } = await pool.query({
        name: 'jz_find_session',
        text: `SELECT s.id, s.csrf_token, s.expires_at, ${SESSION_USER_COLUMNS}
               FROM sessions s JOIN users u ON u.id = s.user_id JOIN org_units o ON o.id = u.org_unit_id
               WHERE s.id = $1 AND s.expires_at > $2 AND NOT u.disabled`,
        values: [id, clock.now()],
      });
      const row = rows[0];
      if (!row) return null;
      let expiresAt: Date = row.expires_at;
      const now = clock.now().getTime();
      if (expiresAt.getTime() - now < ttlMs / 2) {
        expiresAt = new Date(now + ttlMs);
        await pool.query('UPDATE sessions SET expires_at = $2 WHERE id = $1', [id, expiresAt]);
      }
      return { id, csrfToken: row.csrf_token, expiresAt, user: toSessionUser(row) };
    },
    async delete(token) {
      await pool.query('DELETE FROM sessions WHERE id = $1', [hashToken(token)]);
    },
  };
}
