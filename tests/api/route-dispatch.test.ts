import express from 'express';
import type { Router } from 'express';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../server/src/api/create-app';
import { dispatchByFirstSegment, firstSegmentOfRoute } from '../../server/src/api/route-dispatch';
import { startApiHarness } from './api-harness';
import type { ApiHarness } from './api-harness';

/** A router that counts the requests it is handed, with its routes visible as the dispatcher reads them. */
function counted(router: Router): { router: Router; calls: () => number } {
  let calls = 0;
  const wrapper = Object.assign((req: express.Request, res: express.Response, next: express.NextFunction) => {
    calls++;
    router(req, res, next);
  }, { stack: router.stack }) as unknown as Router;
  return { router: wrapper, calls: () => calls };
}

/** Serves `routers` through the dispatcher below `/api`, with a 404 and an error handler after it as the app has. */
async function serve(routers: Router[]): Promise<{ get: (path: string, method?: string) => Promise<{ status: number; text: string }>; close: () => Promise<void> }> {
  const app = express();
  const api = express.Router();
  api.use(dispatchByFirstSegment(routers).handler);
  api.use((_req, res) => { res.status(404).send('none'); });
  app.use('/api', api);
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => { res.status(500).send(`error: ${err.message}`); });
  const server = createServer(app);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    async get(path, method = 'GET') {
      const answer = await fetch(`${base}${path}`, { method });
      return { status: answer.status, text: await answer.text() };
    },
    close: () => new Promise<void>((done) => { server.closeAllConnections(); server.close(() => done()); }),
  };
}

describe('routing a request by its first path segment', () => {
  it('When a route path starts with a literal segment, then that segment is its key; a parameter, a pattern or a regular expression there has none', () => {
    expect(firstSegmentOfRoute('/tasks/:id/complete')).toBe('tasks');
    expect(firstSegmentOfRoute('/Me')).toBe('me');
    expect(firstSegmentOfRoute('/')).toBe('');
    expect(firstSegmentOfRoute('/openapi.json')).toBe('openapi.json');
    expect(firstSegmentOfRoute('/:id')).toBeUndefined();
    expect(firstSegmentOfRoute('/tasks{/:id}')).toBeUndefined();
    expect(firstSegmentOfRoute('/*rest')).toBeUndefined();
    expect(firstSegmentOfRoute(/^\/x/)).toBeUndefined();
    expect(firstSegmentOfRoute(['/a', '/b'])).toBeUndefined();
  });

  it('When a request comes, then only the routers with a route under its first segment, and those whose routes could match any path, are handed it, in their order', async () => {
    const tasks = express.Router();
    tasks.get('/tasks/:id', (req, res) => { res.send(`task ${req.params.id as string}`); });
    const inbox = express.Router();
    inbox.get('/inbox', (_req, res) => { res.send('inbox'); });
    // The first router with a /tasks route that does not answer this one passes it on to the next.
    const early = express.Router();
    early.post('/tasks/:id', (_req, res) => { res.send('posted'); });
    const anywhere = express.Router();
    anywhere.get('/:page/help', (req, res) => { res.send(`help of ${req.params.page as string}`); });
    const failing = express.Router();
    failing.get('/broken', () => { throw new Error('broke'); });
    const a = counted(early);
    const b = counted(tasks);
    const c = counted(inbox);
    const d = counted(anywhere);
    const e = counted(failing);
    const dispatch = dispatchByFirstSegment([a.router, b.router, c.router, d.router, e.router]);
    expect(dispatch.everywhere).toBe(1);
    const app = await serve([a.router, b.router, c.router, d.router, e.router]);
    try {
      expect(await app.get('/api/tasks/7')).toEqual({ status: 200, text: 'task 7' });
      expect([a.calls(), b.calls(), c.calls(), d.calls(), e.calls()]).toEqual([1, 1, 0, 0, 0]);
      // Routes match whatever the case and a trailing slash, as before.
      expect(await app.get('/api/INBOX/')).toEqual({ status: 200, text: 'inbox' });
      expect([a.calls(), b.calls(), c.calls(), d.calls(), e.calls()]).toEqual([1, 1, 1, 0, 0]);
      // A path no literal route starts with goes only to the router whose route could match any path.
      expect(await app.get('/api/households/help')).toEqual({ status: 200, text: 'help of households' });
      expect(await app.get('/api/nowhere')).toEqual({ status: 404, text: 'none' });
      expect([a.calls(), b.calls(), c.calls(), d.calls(), e.calls()]).toEqual([1, 1, 1, 2, 0]);
      // A path some router has, answered by none, passes every router with that segment and the catch-all, then the 404.
      expect(await app.get('/api/tasks/7/more')).toEqual({ status: 404, text: 'none' });
      expect([a.calls(), b.calls(), c.calls(), d.calls(), e.calls()]).toEqual([2, 2, 1, 3, 0]);
      // A router's error goes to the error handler, past the routers after it.
      expect(await app.get('/api/broken')).toEqual({ status: 500, text: 'error: broke' });
      // HEAD is answered by a GET route, as express does.
      expect((await app.get('/api/inbox', 'HEAD')).status).toBe(200);
    } finally {
      await app.close();
    }
  });

  it('When a router has a middleware of its own, then every request passes it', async () => {
    const guarded = express.Router();
    guarded.use((req, _res, next) => { req.headers['x-seen'] = 'yes'; next(); });
    guarded.get('/admin/users', (_req, res) => { res.send('users'); });
    const other = express.Router();
    other.get('/me', (req, res) => { res.send(`me ${String(req.headers['x-seen'])}`); });
    const dispatch = dispatchByFirstSegment([guarded, other]);
    expect(dispatch.everywhere).toBe(1);
    const app = await serve([guarded, other]);
    try {
      expect(await app.get('/api/me')).toEqual({ status: 200, text: 'me yes' });
    } finally {
      await app.close();
    }
  });
});

describe('the API\'s routers', () => {
  let harness: ApiHarness;
  beforeAll(async () => { harness = await startApiHarness(); });
  afterAll(async () => { await harness.close(); });

  it('When the app is built, then every one of its routers is reached by its routes\' first segment alone (none is handed every request)', () => {
    const app = createApp(harness.services, { testClock: harness.services.clock });
    expect(app.locals.routersForEveryPath).toBe(0);
  });

  it('When a path is written in capitals or with a trailing slash, then it reaches its route as before; an unknown path is the API\'s 404', async () => {
    const clerk = await harness.login('cun-dongyuan');
    expect((await clerk.get('/api/ME')).body).toMatchObject({ user: { username: 'cun-dongyuan' } });
    expect((await clerk.get('/api/Tasks/')).status).toBe(200);
    const unknown = await clerk.get('/api/no-such-thing');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ error: { code: 'not_found', message: 'No API endpoint GET /api/no-such-thing' } });
  });
});
