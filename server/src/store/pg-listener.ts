import { Client } from 'pg';
import type { Logger } from '../kernel';

/** What a listener is told. */
export interface PgListenerHandlers {
  /** A NOTIFY on the channel, with its payload ('' when none). */
  notified(payload: string): void;
  /** The connection listens (first, and again after a loss): what was sent meanwhile went unheard. */
  listening?(): void;
  /** The connection was lost; it is made again, backing off up to 10 s. */
  lost?(): void;
}

/** A dedicated connection listening to one PostgreSQL channel. */
export interface PgListener {
  /** Resolves once the first attempt to listen is over (listening, or retrying in the background). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

/**
 * LISTENs to `channel` on a connection of its own (a pooled one would be handed to other work) and
 * makes it again after a loss, backing off from 250 ms up to 10 s. `what` names it in the log.
 */
export function listenToPg(url: string, channel: string, what: string, logger: Logger, handlers: PgListenerHandlers): PgListener {
  if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Not a plain channel name: ${channel}`);
  let client: Client | undefined;
  let closed = false;
  let retryMs = 250;
  let retryHandle: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: url });
    next.on('error', (err) => {
      logger.warn(`${what} connection lost; reconnecting`, { error: err.message });
      drop(next);
    });
    next.on('notification', (msg) => {
      if (msg.channel === channel) handlers.notified(msg.payload ?? '');
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
    } catch (err) {
      await next.end().catch(() => undefined);
      throw err;
    }
    if (closed) { await next.end().catch(() => undefined); return; }
    client = next;
    retryMs = 250;
    handlers.listening?.();
  };
  const drop = (which: Client) => {
    if (client === which) {
      client = undefined;
      handlers.lost?.();
    }
    void which.end().catch(() => undefined);
    schedule();
  };
  const schedule = () => {
    if (closed || retryHandle) return;
    retryHandle = setTimeout(() => {
      retryHandle = undefined;
      connect().catch((err: Error) => {
        logger.warn(`${what} could not listen; retrying`, { error: err.message });
        retryMs = Math.min(retryMs * 2, 10_000);
        schedule();
      });
    }, retryMs);
    retryHandle.unref();
  };
  const started = connect().catch((err: Error) => {
    logger.warn(`${what} could not listen; retrying`, { error: err.message });
    schedule();
  });

  return {
    ready: () => started,
    async close() {
      closed = true;
      if (retryHandle) clearTimeout(retryHandle);
      await started;
      const last = client;
      client = undefined;
      await last?.end().catch(() => undefined);
    },
  };
}
