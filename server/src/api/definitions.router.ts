import { Router } from 'express';
import { NotFoundError } from '../runtime/errors';
import type { ApiContext } from './api-context';
import { requireAuth } from './request-context';
import { keyParams, versionParams } from './request-schemas';

interface DefinitionRow { key: string; version: number; status: string; title: unknown; document: any; form_versions: unknown; published_at: Date | null; created_at: Date }

/** `GET /api/definitions`, `/api/definitions/:key`, `/api/definitions/:key/versions/:v`: what any logged-in user may read. */
export function createDefinitionsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;
  // Drafts are the admins' work in progress; everybody else sees published versions only.
  const statusFilter = (roles: string[]) => (roles.includes('admin') ? '' : ` AND status = 'published'`);
  const versionView = (r: DefinitionRow) => ({ version: r.version, status: r.status, publishedAt: r.published_at?.toISOString() ?? null, createdAt: r.created_at.toISOString() });

  const rowsOf = async (roles: string[], key?: string) => {
    const values: unknown[] = [ctx.tenantId];
    const byKey = key ? ` AND key = $${values.push(key)}` : '';
    const { rows } = await pool.query(
      `SELECT key, version, status, title, document, form_versions, published_at, created_at FROM definitions
       WHERE tenant_id = $1${byKey}${statusFilter(roles)} ORDER BY key, version`, values);
    return rows as DefinitionRow[];
  };
  const summarise = (rows: DefinitionRow[]) => {
    const latest = rows[rows.length - 1];
    const current = [...rows].reverse().find((r) => r.status === 'published');
    return {
      key: latest.key, title: latest.title, description: latest.document?.description ?? null,
      currentVersion: current?.version ?? null, starterRoles: (current ?? latest).document?.starterRoles ?? [],
      versions: rows.map(versionView),
    };
  };

  ctx.routes.add(router, {
    method: 'get', path: '/definitions', tag: 'definitions', access: 'session', summary: 'Workflow definitions with their versions',
    responses: { 200: { description: 'definitions', schema: { type: 'object', properties: { items: { type: 'array' } } } } },
  }, async ({ req }) => {
    const rows = await rowsOf(requireAuth(req).user.roles);
    const byKey = new Map<string, DefinitionRow[]>();
    for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
    return { items: [...byKey.values()].map(summarise) };
  });

  ctx.routes.add<unknown, unknown, { key: string }>(router, {
    method: 'get', path: '/definitions/:key', tag: 'definitions', access: 'session', summary: 'One definition and its versions',
    params: keyParams, responses: { 200: { description: 'the definition' } },
  }, async ({ req, params }) => {
    const rows = await rowsOf(requireAuth(req).user.roles, params.key);
    if (rows.length === 0) throw new NotFoundError(`Definition ${params.key} does not exist`);
    return summarise(rows);
  });

  ctx.routes.add<unknown, unknown, { key: string; v: number }>(router, {
    method: 'get', path: '/definitions/:key/versions/:v', tag: 'definitions', access: 'session',
    summary: 'One version: its machine (states, tasks, outcomes) and the form versions it pins',
    params: versionParams, responses: { 200: { description: 'the version' } },
  }, async ({ req, params }) => {
    const row = (await rowsOf(requireAuth(req).user.roles, params.key)).find((r) => r.version === params.v);
    if (!row) throw new NotFoundError(`Definition ${params.key} has no version ${params.v}`);
    const doc = row.document ?? {};
    return {
      key: row.key, ...versionView(row), title: row.title, description: doc.description ?? null, orgLevel: doc.orgLevel ?? null,
      starterRoles: doc.starterRoles ?? [], settings: doc.settings ?? {}, machine: doc.machine, formVersions: row.form_versions,
    };
  });

  return router;
}
