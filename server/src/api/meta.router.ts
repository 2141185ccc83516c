import { Router } from 'express';
import type { ApiContext } from './api-context';
import { buildOpenApiDocument } from './openapi';

/** `GET /api/health` (liveness and the database) and `GET /api/openapi.json` (the contract). */
export function createMetaRouter(ctx: ApiContext): Router {
  const router = Router();

  ctx.routes.add(router, {
    method: 'get', path: '/health', tag: 'meta', access: 'public', summary: 'Liveness: answers 200 when the database answers',
    responses: { 200: { description: 'healthy' }, 503: { description: 'the database does not answer' } },
  }, async ({ res }) => {
    try {
      await ctx.services.db.pool.query('SELECT 1');
      return { status: 'ok', database: 'ok', time: ctx.services.clock.now().toISOString() };
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'down' });
      return undefined;
    }
  });

  let document: unknown;
  ctx.routes.add(router, {
    method: 'get', path: '/openapi.json', tag: 'meta', access: 'public', summary: 'This API\'s OpenAPI 3.1 document',
    responses: { 200: { description: 'the document' } },
  }, () => (document ??= buildOpenApiDocument(ctx.routes.routes)));

  return router;
}
