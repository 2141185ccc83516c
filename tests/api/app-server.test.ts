import express from 'express';
import { once } from 'node:events';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppServer } from '../../server/src/api/app-server';

/**
 * The app's HTTP server builds each request and answer with express's prototypes from the start,
 * so that express's per-request prototype change is a no-op (see app-server.ts); everything express
 * offers on them works as on node's default server.
 */
describe('the app server', () => {
  const app = express();
  app.disable('x-powered-by');
  app.use(express.json());
  app.get('/hello', (req, res) => { res.set('X-Seen', req.get('x-asked') ?? 'none').json({ hello: req.query.name ?? 'world', ip: typeof req.ip }); });
  app.post('/echo', (req, res) => { res.status(201).json({ got: req.body as unknown }); });
  app.get('/boom', () => { throw new Error('boom'); });
  app.use((_req, res) => { res.status(404).type('text').send('none here'); });
  app.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => { res.status(500).json({ error: err.message }); });

  let server: Server;
  let base: string;
  /** Whether each request and answer had express's prototypes before express handled it. */
  const born: Array<{ request: boolean; response: boolean }> = [];

  beforeAll(async () => {
    server = createAppServer(app);
    // Runs before express's own listener: what node built, before express changed anything.
    server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
      born.push({ request: Object.getPrototypeOf(req) === app.request, response: Object.getPrototypeOf(res) === app.response });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('builds requests and answers with the app’s prototypes', async () => {
    born.length = 0;
    const answer = await fetch(`${base}/hello?name=五华`, { headers: { 'x-asked': 'yes' } });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-seen')).toBe('yes');
    expect(await answer.json()).toEqual({ hello: '五华', ip: 'string' });
    expect(born).toEqual([{ request: true, response: true }]);
  });

  it('parses bodies, sets statuses and passes errors and unmatched paths on as express does', async () => {
    const echoed = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ 户主: '张三' }) });
    expect(echoed.status).toBe(201);
    expect(await echoed.json()).toEqual({ got: { 户主: '张三' } });
    const failed = await fetch(`${base}/boom`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ error: 'boom' });
    const missing = await fetch(`${base}/nowhere`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe('none here');
  });
});
