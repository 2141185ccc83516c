import { Router } from 'express';
import { createFormDocument } from '../forms/create-form-document';
import { createFormValidator } from '../forms';
import { NotFoundError, ValidationError } from '../kernel';
import { auditInTransaction, requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { requestLocale, requireAuth } from './request-context';
import { formBody, formQuery, isSet, keyParams } from './request-schemas';

type Label = { zh: string; en?: string };
interface FormBody { title: string | Label; schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }

const view = (r: Record<string, any>) => ({ key: r.key, version: r.version, status: r.status, title: r.title, schema: r.schema, uiSchema: r.ui_schema });

/**
 * `GET /api/forms/:key` → `{ key, version, status, title, schema, uiSchema }`: the newest published
 * version unless `?version=` names one; admins may read drafts (`?draft=true`, or a draft's version).
 * The shared `common.*` forms (the objection form of public notices) are public; the others need a login.
 * `PUT /api/forms/:key` (admin) creates or overwrites the form's one draft.
 */
export function createFormsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;
  const validator = createFormValidator();

  ctx.routes.add<unknown, { version?: number; draft?: string }, { key: string }>(router, {
    method: 'get', path: '/forms/:key', tag: 'forms', access: 'session', summary: 'A form: JSON Schema 2020-12 with its uiSchema and examples',
    params: keyParams, query: formQuery,
    responses: { 200: { description: 'the form', schema: { type: 'object', required: ['key', 'version', 'schema', 'uiSchema'] } } },
  }, async ({ req, params, query }) => {
    if (!params.key.startsWith('common.')) requireAuth(req);
    const admin = req.auth?.user.roles.includes('admin') === true;
    const wantsDraft = isSet(query.draft);
    const values: unknown[] = [ctx.tenantId, params.key];
    let filter = '';
    if (wantsDraft) filter = ` AND status = 'draft'`;
    else {
      if (query.version) filter += ` AND version = $${values.push(query.version)}`;
      if (!admin || !query.version) filter += ` AND status = 'published'`;
    }
    const { rows } = wantsDraft && !admin ? { rows: [] } : await db.pool.query(
      `SELECT key, version, status, title, schema, ui_schema FROM forms WHERE tenant_id = $1 AND key = $2${filter} ORDER BY version DESC LIMIT 1`, values);
    if (!rows[0]) throw new NotFoundError(`Form ${params.key}${wantsDraft ? ' has no draft' : query.version ? ` v${query.version} does not exist` : ' does not exist'}`);
    return view(rows[0]);
  });

  ctx.routes.add<FormBody, unknown, { key: string }>(router, {
    method: 'put', path: '/forms/:key', tag: 'admin', access: 'session',
    summary: 'Admin: creates or overwrites the draft of a form (version max+1); 400 when the schema does not compile or its examples fail it',
    params: keyParams, body: formBody, responses: { 200: { description: 'the draft form' } },
  }, async ({ req, params, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const en = locale === 'en';
    const title = typeof body.title === 'string' ? { zh: body.title } : body.title;
    const fullTitle = { zh: title.zh, en: title.en || title.zh };
    let form;
    try {
      form = createFormDocument(params.key, { version: 1, title: fullTitle, schema: body.schema, uiSchema: body.uiSchema ?? {} });
    } catch (err) {
      throw new ValidationError(en ? 'The form is not valid' : '表单定义有误', { '/schema': [(err as Error).message] });
    }
    const fields: Record<string, string[]> = {};
    const examples = Array.isArray(form.schema.examples) ? form.schema.examples : [];
    try {
      // Compiles the schema with the shared validator (the one task completions use).
      const probe = { ...form, version: -1 };
      validator.validate(probe, examples[0] ?? {}, locale);
      examples.forEach((example, i) => {
        const check = validator.validate(probe, example, locale);
        if (!check.valid) for (const [pointer, messages] of Object.entries(check.fields)) fields[`/schema/examples/${i}${pointer}`] = messages;
      });
    } catch (err) {
      fields['/schema'] = [(err as Error).message];
    }
    if (Object.keys(fields).length) throw new ValidationError(en ? 'The form schema has errors' : '表单结构有误', fields);

    return db.transaction(async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`form|${ctx.tenantId}|${params.key}`]);
      const { rows } = await client.query(
        `SELECT max(version)::int AS max, max(version) FILTER (WHERE status = 'draft')::int AS draft FROM forms WHERE tenant_id = $1 AND key = $2`, [ctx.tenantId, params.key]);
      const draft: number | null = rows[0].draft;
      const version = draft ?? (rows[0].max ?? 0) + 1;
      const values = [ctx.tenantId, params.key, version, JSON.stringify(fullTitle), JSON.stringify(form.schema), JSON.stringify(form.uiSchema)];
      if (draft !== null) {
        const { rowCount } = await client.query(`UPDATE forms SET title = $4, schema = $5, ui_schema = $6 WHERE tenant_id = $1 AND key = $2 AND version = $3 AND status = 'draft'`, values);
        if (rowCount !== 1) throw new Error(`Form ${params.key} v${version} stopped being a draft while it was saved`);
      } else {
        await client.query(`INSERT INTO forms (tenant_id, key, version, status, title, schema, ui_schema, created_at) VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7)`, [...values, ctx.services.clock.now()]);
      }
      await auditInTransaction(client, ctx, user, { action: 'form.save', target: `${params.key}@${version}`, details: { key: params.key, version, created: draft === null } });
      return { key: params.key, version, status: 'draft', title: fullTitle, schema: form.schema, uiSchema: form.uiSchema };
    });
  });
  return router;
}
