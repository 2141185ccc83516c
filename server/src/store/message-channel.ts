import { Client } from 'pg';
import type { Pool } from 'pg';
import type { Logger } from '../kernel';

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
  let client: Client | undefined;
  let closed = false;
  let retryMs = 250;
  let retryHandle: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: url });
    next.on('error', (err) => {
      logger.warn('message channel connection lost; reconnecting', { error: err.message });
      drop(next);
    });
    next.on('notification', (msg) => {
      if (msg.channel !== MESSAGE_CHANNEL || !msg.payload) return;
      let ids: unknown;
      try { ids = JSON.parse(msg.payload); } catch { return; }
      if (!Array.isArray(ids)) return;
      for (const listener of listeners) listener(ids.filter((id): id is string => typeof id === 'string'));
    });
    await next.connect();
    await next.query(`LISTEN ${MESSAGE_CHANNEL}`);
    if (closed) { await next.end().catch(() => undefined); return; }
    client = next;
    retryMs = 250;
  };
  const drop = (which: Client) => {
    if (client === which) client = undefined;
    void which.end().catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    if (closed || retryHandle) return;
    retryHandle = setTimeout(() => {
      retryHandle = undefined;
      connect().catch((err: Error) => {
        logger.warn('message channel could not listen; retrying', { error: err.message });
        retryMs = Math.min(retryMs * 2, 10_000);
        schedule();
      });
    }, retryMs);
    retryHandle.unref();
  };
  const started = connect().catch((err: Error) => {
    logger.warn('message channel could not listen; retrying', { error: err.message });
    schedule();
  });

  return {
    async publish(userIds) {
      for (let i = 0; i < userIds.length; i += IDS_PER_SIGNAL) {
        await pool.query('SELECT pg_notify($1, $2)', [MESSAGE_CHANNEL, JSON.stringify(userIds.slice(i, i + IDS_PER_SIGNAL))]);
      }
    },
    ready: () => started,
    subscribe(listener) {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    async close() {
      closed = true;
      if (retryHandle) clearTimeout(retryHandle);
      await started;
      listeners.clear();
      await client?.end().catch(() => undefined);
      client = undefined;
    },
  };
}
