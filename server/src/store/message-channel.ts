import type { Pool } from 'pg';
import type { Logger } from '../kernel';
import { listenToPg } from './pg-listener';

/** The PostgreSQL channel that tells every node which users got new messages. */
export const MESSAGE_CHANNEL = 'jz_messages';

/** A cross-node channel of "these users have new messages" signals. */
export interface MessageChannel {
  /** Tells every node (this one included) that `userIds` have new or changed messages. */
  publish(userIds: string[]): Promise<void>;
  /** Calls `listener` with the user ids of each signal; answers the function that stops it. */
  subscribe(listener: (userIds: string[]) => void): () => void;
  /** Resolves once this node listens (signals published before are not seen). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

// NOTIFY payloads are limited to 8,000 bytes; 150 ids (37 bytes each, quoted) stay well below.
const IDS_PER_SIGNAL = 150;

/**
 * The channel on PostgreSQL's LISTEN/NOTIFY: one dedicated connection per node listens (and
 * reconnects after a loss, backing off up to 10 s); a signal is a NOTIFY through the pool, which
 * PostgreSQL delivers to every listening node.
 */
export function createPgMessageChannel(url: string, pool: Pool, logger: Logger): MessageChannel {
  const listeners = new Set<(userIds: string[]) => void>();
  const listener = listenToPg(url, MESSAGE_CHANNEL, 'message channel', logger, {
    notified(payload) {
      let ids: unknown;
      try { ids = JSON.parse(payload); } catch { return; }
      if (!Array.isArray(ids)) return;
      for (const each of listeners) each(ids.filter((id): id is string => typeof id === 'string'));
    },
  });

  return {
    async publish(userIds) {
      for (let i = 0; i < userIds.length; i += IDS_PER_SIGNAL) {
        await pool.query('SELECT pg_notify($1, $2)', [MESSAGE_CHANNEL, JSON.stringify(userIds.slice(i, i + IDS_PER_SIGNAL))]);
      }
    },
    ready: () => listener.ready(),
    subscribe(each) {
      listeners.add(each);
      return () => { listeners.delete(each); };
    },
    async close() {
      listeners.clear();
      await listener.close();
    },
  };
}
