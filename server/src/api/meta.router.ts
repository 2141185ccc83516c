import { Router } from 'express';
import type { ApiContext } from './api-context';
import { renderApiDocsPage } from './api-docs-page';
import { buildOpenApiDocument } from './openapi';

/** `GET /api/health` (liveness and the database), `GET /api/openapi.json` (the contract) and `GET /api/docs` (the same, to read). */
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

  // Built on first request, once every router is mounted.
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  let page: string | undefined;
  ctx.routes.add(router, {
    method: 'get', path: '/openapi.json', tag: 'meta', access: 'public', summary: 'This API\'s OpenAPI 3.1 document',
    responses: { 200: { description: 'the document' } },
  }, () => (document ??= buildOpenApiDocument(ctx.routes.routes)));

  ctx.routes.add(router, {
    method: 'get', path: '/docs', tag: 'meta', access: 'public', summary: 'This API\'s reference as a page to read (the OpenAPI document rendered)',
    responses: { 200: { description: 'the page', contentType: 'text/html' } },
  }, ({ res }) => {
    page ??= renderApiDocsPage(document ??= buildOpenApiDocument(ctx.routes.routes));
    res.type('html').send(page);
    return undefined;
  });

  return router;
}
