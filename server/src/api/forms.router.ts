import { Router } from 'express';
import { NotFoundError } from '../runtime/errors';
import type { ApiContext } from './api-context';
import { requireAuth } from './request-context';
import { formQuery, keyParams } from './request-schemas';

/**
 * `GET /api/forms/:key` → `{ key, version, title, schema, uiSchema }`, the newest version unless
 * `?version=` names one. The shared `common.*` forms (the objection form of public notices) are
 * public; the others need a login.
 */
export function createFormsRouter(ctx: ApiContext): Router {
  const router = Router();
  ctx.routes.add<unknown, { version?: number }, { key: string }>(router, {
    method: 'get', path: '/forms/:key', tag: 'forms', access: 'session', summary: 'A form: JSON Schema 2020-12 with its uiSchema and examples',
    params: keyParams, query: formQuery,
    responses: { 200: { description: 'the form', schema: { type: 'object', required: ['key', 'version', 'schema', 'uiSchema'] } } },
  }, async ({ req, params, query }) => {
    if (!params.key.startsWith('common.')) requireAuth(req);
    const values: unknown[] = [ctx.tenantId, params.key];
    const version = query.version ? ` AND version = $${values.push(query.version)}` : '';
    const { rows } = await ctx.services.db.pool.query(
      `SELECT key, version, title, schema, ui_schema FROM forms WHERE tenant_id = $1 AND key = $2${version} ORDER BY version DESC LIMIT 1`, values);
    if (!rows[0]) throw new NotFoundError(`Form ${params.key}${query.version ? ` v${query.version}` : ''} does not exist`);
    const r = rows[0];
    return { key: r.key, version: r.version, title: r.title, schema: r.schema, uiSchema: r.ui_schema };
  });
  return router;
}
