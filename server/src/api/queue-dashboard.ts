import cookieParser from 'cookie-parser';
import { Router } from 'express';
import type { RequestHandler } from 'express';
import type { ApiContext } from './api-context';
import { requireRole } from './admin-access';
import { createSessionMiddleware, csrfGuard } from './session-middleware';

/** Where the queue dashboard lives (a server page beside the SPA's `/admin/...` routes). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * The timer queue's dashboard (bull-board) for admins, on whichever backend BullMQ runs (its
 * PostgreSQL backend by default, Redis with REDIS_URL): jobs by state, their data and errors.
 * Read-only: a job only carries a timer id and the timer row is the truth, so an operator who
 * wants a timer delivered again needs no button here (the sweep re-enqueues overdue timers).
 * Anonymous callers get 401 and everyone but an admin 403, before any of bull-board runs.
 */
export function createQueueDashboard(ctx: ApiContext): Router {
  const router = Router();
  const adminOnly: RequestHandler = (req, res, next) => {
    res.set('Cache-Control', 'no-store');
    requireRole(req, ['admin']);
    next();
  };
  router.use(cookieParser(), createSessionMiddleware(ctx), adminOnly, csrfGuard);
  const queue = ctx.services.timerQueue;
  if (!queue) {
    router.use((_req, res) => { res.status(404).json({ error: { code: 'not_found', message: '此进程不投递定时器，没有队列 (this process runs no timer queue)' } }); });
    return router;
  }
  // bull-board (its UI's server part, about 16 MB) is loaded when an admin first opens the page, not with the server.
  let dashboard: Promise<RequestHandler> | undefined;
  const load = async (): Promise<RequestHandler> => {
    const [{ createBullBoard }, { BullMQAdapter }, { ExpressAdapter }] = await Promise.all([
      import('@bull-board/api'), import('@bull-board/api/bullMQAdapter'), import('@bull-board/express')]);
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_DASHBOARD_PATH);
    createBullBoard({
      queues: [new BullMQAdapter(queue.queue, {
        readOnlyMode: true, allowRetries: false, displayName: '定时器 timers',
        description: `两分钟内到期的事件（公示期满、催办、超时；更晚的届时由定时扫描放入）· ${queue.backend === 'redis' ? 'Redis' : 'PostgreSQL'}`,
      })],
      serverAdapter: board,
      options: { uiConfig: { boardTitle: '精准 · 任务队列', locale: { lng: 'zh-CN' }, hideDocsLink: true, miscLinks: [{ text: '返回管理 Admin', url: '/admin' }] } },
    });
    return board.getRouter() as RequestHandler;
  };
  router.use((req, res, next) => {
    dashboard ??= load();
    // A failed load is tried again at the next request rather than kept; what bull-board throws goes to the error handler.
    dashboard.then((handle) => handle(req, res, next), (error: unknown) => { dashboard = undefined; next(error); }).catch(next);
  });
  return router;
}
