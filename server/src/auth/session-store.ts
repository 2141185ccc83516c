import { createHash, randomBytes } from 'node:crypto';
import { deleteSession, extendSession, findLiveSession, insertSession } from '../store/sessions.repository';
import type { ChangeSignal } from '../store/change-signal';
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

export interface SessionStoreOptions {
  /** How long a session lives unused (default 12 hours). */
  ttlMs?: number;
  /**
   * Announces every change of sessions, users and units on any node (see migration 0033). With it,
   * a session found is kept in memory and answered from there while no change was announced since;
   * without it, or while it does not listen, every request reads its session.
   */
  changes?: ChangeSignal;
  /** Sessions kept in memory at most (the oldest half is let go beyond it). Default 10,000. */
  maxKept?: number;
  /** How long a session is kept in memory at most, changes or not (default one minute). */
  keepMs?: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A session kept in memory: the count of announced changes it was read at, and when. */
interface Kept {
  session: Session;
  count: number;
  at: number;
}

/**
 * Sessions in PostgreSQL, so any server process can serve any request. Sessions slide: a session
 * used after half its lifetime is extended, so an active user is not logged out mid-task.
 * Wall-clock time on purpose: the test clock moves workflow time, not login lifetimes.
 *
 * Each request needs its session; most find the one they found a moment ago. With `changes`, a
 * session read is kept and answered without a read while no change of sessions, users or units was
 * announced (a logout, a user disabled or given other roles, on this node or another): any such
 * change lets every kept session go. A token that finds no live session is never kept.
 */
export function createSessionStore(pool: SqlPool, clock: Clock, options: SessionStoreOptions = {}): SessionStore {
  const ttlMs = options.ttlMs ?? 12 * 3_600_000;
  const { changes } = options;
  const maxKept = options.maxKept ?? 10_000;
  const keepMs = options.keepMs ?? 60_000;
  const kept = new Map<string, Kept>();

  const keptSession = (id: string, now: number): Session | undefined => {
    if (!changes?.listening) return undefined;
    const entry = kept.get(id);
    if (!entry) return undefined;
    if (entry.count !== changes.count || now < entry.at || now - entry.at >= keepMs) {
      kept.delete(id);
      return undefined;
    }
    return entry.session;
  };
  const keep = (session: Session, count: number | undefined, now: number) => {
    if (!changes?.listening || count !== changes.count) return;
    if (kept.size >= maxKept) {
      // Maps iterate in insertion order: the first half is the oldest.
      let drop = Math.ceil(kept.size / 2);
      for (const key of kept.keys()) {
        if (drop-- <= 0) break;
        kept.delete(key);
      }
    }
    kept.delete(session.id);
    kept.set(session.id, { session, count, at: now });
  };

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
      const now = clock.now().getTime();
      let session = keptSession(id, now);
      if (!session) {
        // The count before the read: a change announced while it runs leaves its answer unkept.
        const count = changes?.listening ? changes.count : undefined;
        const row = await findLiveSession(pool, id, new Date(now));
        if (!row) return null;
        session = { id, csrfToken: row.csrfToken, expiresAt: row.expiresAt, user: toSessionUser(row.user) };
        keep(session, count, now);
      }
      if (session.expiresAt.getTime() <= now) {
        kept.delete(id);
        return null;
      }
      if (session.expiresAt.getTime() - now < ttlMs / 2) {
        session = { ...session, expiresAt: new Date(now + ttlMs) };
        // The extension is announced as a change, so the session is read afresh next time.
        kept.delete(id);
        await extendSession(pool, id, session.expiresAt);
      }
      return session;
    },
    async delete(token) {
      const id = hashToken(token);
      kept.delete(id);
      await deleteSession(pool, id);
    },
  };
}
