import { createHash, randomBytes } from 'node:crypto';
import { deleteSession, extendSession, findLiveSession, insertSession } from '../store/sessions.repository';
import type { SqlPool } from '../store/sql-client';
import type { Clock } from '../kernel';
import { toSessionUser } from './session-user';
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
export function createSessionStore(pool: SqlPool, clock: Clock, ttlMs = 12 * 3_600_000): SessionStore {
  return {
    async create(userId) {
      const token = randomBytes(32).toString('base64url');
      const csrfToken = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock.now().getTime() + ttlMs);
      await insertSession(pool, { id: hashToken(token), userId, csrfToken, expiresAt });
      return { token, csrfToken, expiresAt };
    },
    async find(token) {
      if (!token || token.length > 200) return null;
      const id = hashToken(token);
      const row = await findLiveSession(pool, id, clock.now());
      if (!row) return null;
      let expiresAt = row.expiresAt;
      const now = clock.now().getTime();
      if (expiresAt.getTime() - now < ttlMs / 2) {
        expiresAt = new Date(now + ttlMs);
        await extendSession(pool, id, expiresAt);
      }
      return { id, csrfToken: row.csrfToken, expiresAt, user: toSessionUser(row.user) };
    },
    async delete(token) {
      await deleteSession(pool, hashToken(token));
    },
  };
}
