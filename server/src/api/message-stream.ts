import type { Request, Response } from 'express';
import type { Lifecycle } from '../kernel';
import type { Services } from '../services';
import { countUnreadMessages } from '../store/messages.repository';
import { HttpError } from './http-error';
import { requestLocale, requireAuth } from './request-context';

/** Limits of the live 消息 streams of one process. */
export interface MessageStreamOptions {
  /** Open streams per user (several tabs and devices); one more is a 429 (default 5). */
  perUser?: number;
  /** Open streams of the whole process (default 2,000). */
  total?: number;
  /** A comment line this often keeps proxies from closing an idle stream (default 25 s). */
  heartbeatMs?: number;
  /** A stream is ended after this long, so the browser reconnects and its session is checked again (default 30 min). */
  maxAgeMs?: number;
}

interface Stream {
  res: Response;
  userId: string;
  openedAt: number;
}

/**
 * `GET /api/events`: server-sent events that carry the user's unread count (`event: unread`,
 * `data: {"unread":3}`) at once and whenever a message for them is written on any node (the
 * message channel: PostgreSQL LISTEN/NOTIFY, or Redis pub/sub). Never compressed (client-assets'
 * filter) nor buffered by a proxy (`X-Accel-Buffering: no`); capped per user and per process;
 * heartbeats keep it open; a draining process ends every stream so shutdown is not held up.
 */
export function createMessageStream(services: Services, lifecycle: Lifecycle | undefined, options: MessageStreamOptions = {}) {
  const perUser = options.perUser ?? 5;
  const total = options.total ?? 2_000;
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const maxAgeMs = options.maxAgeMs ?? 30 * 60_000;
  const byUser = new Map<string, Set<Stream>>();
  let open = 0;

  const send = (stream: Stream, event: string, data: unknown) => { stream.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`); };
  const end = (stream: Stream) => { stream.res.end(); };
  const pushUnread = async (userId: string) => {
    const streams = byUser.get(userId);
    if (!streams?.size) return;
    const unread = await countUnreadMessages(services.db.pool, userId);
    for (const stream of streams) send(stream, 'unread', { unread });
  };

  services.messageChannel.subscribe((userIds) => {
    for (const userId of userIds) {
      pushUnread(userId).catch((err: Error) => services.logger.warn('unread count not pushed', { userId, error: err.message }));
    }
  });
  // One timer for all streams: heartbeats, the age limit, and the end of every stream while draining.
  let lastBeat = Date.now();
  const tick = setInterval(() => {
    const now = Date.now();
    const beat = now - lastBeat >= heartbeatMs;
    if (beat) lastBeat = now;
    for (const streams of byUser.values()) {
      for (const stream of streams) {
        if (lifecycle?.draining || now - stream.openedAt >= maxAgeMs) end(stream);
        else if (beat) stream.res.write(': ping\n\n');
      }
    }
  }, Math.min(1_000, heartbeatMs));
  tick.unref();

  return {
    /** Open streams (for tests and metrics). */
    count: () => open,
    /** Streams and pushes stop (the process is closing). */
    close() {
      clearInterval(tick);
      for (const streams of byUser.values()) for (const stream of streams) end(stream);
    },
    async handle(req: Request, res: Response): Promise<void> {
      const { user } = requireAuth(req);
      const en = requestLocale(req) === 'en';
      const unread = await countUnreadMessages(services.db.pool, user.id);
      // Checked and registered in one synchronous stretch (after the await), so parallel requests cannot all pass the cap.
      const mine = byUser.get(user.id) ?? new Set<Stream>();
      if (mine.size >= perUser) {
        throw new HttpError(429, 'too_many_streams', en ? `At most ${perUser} message streams per user; close a tab` : `每个用户最多同时打开 ${perUser} 个消息连接，请关闭多余的页面`, undefined, { 'Retry-After': '30' });
      }
      if (open >= total) throw new HttpError(503, 'too_many_streams', en ? 'The server takes no more message streams now' : '消息连接已满，请稍后再试', undefined, { 'Retry-After': '30' });
      const stream: Stream = { res, userId: user.id, openedAt: Date.now() };
      mine.add(stream);
      byUser.set(user.id, mine);
      open++;
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        mine.delete(stream);
        if (!mine.size && byUser.get(user.id) === mine) byUser.delete(user.id);
        open--;
      };
      res.on('close', release);
      // The client may have gone while the count was read.
      if (req.socket.destroyed) { release(); return; }
      res.status(200).set({
        'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      req.socket.setNoDelay(true);
      res.write('retry: 5000\n\n');
      send(stream, 'unread', { unread });
    },
  };
}
