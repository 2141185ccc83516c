import { Router } from 'express';
import { createFormDocument } from '../forms/create-form-document';
import { checkFormSchema } from '../forms/check-form-schema';
import { NotFoundError, ValidationError } from '../kernel';
import { findFormVersionFor } from '../domain/definitions/form-drafts';
import { requireRole } from './admin-access';
import { auditActor } from './audit';
import type { ApiContext } from './api-context';
import { requestLocale, requireAuth } from './request-context';
import { formBody, formQuery, isSet, keyParams } from './request-schemas';
import { schemaRef } from './response-schemas';

type Label = { zh: string; en?: string };
interface FormBody { title: string | Label; schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }

/**
 * `GET /api/forms/:key` → `{ key, version, status, title, schema, uiSchema }`: the newest published
 * version unless `?version=` names one; admins may read drafts (`?draft=true`, or a draft's version).
 * The shared `common.*` forms (the objection form of public notices) are public; the others need a login.
 * `PUT /api/forms/:key` (admin) creates or overwrites the form's one draft.
 */
export function createFormsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;

  ctx.routes.add<unknown, { version?: number; draft?: string }, { key: string }>(router, {
    method: 'get', path: '/forms/:key', tag: 'forms', access: 'session', summary: 'A form: JSON Schema 2020-12 with its uiSchema and examples',
    params: keyParams, query: formQuery,
    responses: { 200: { description: 'the form', schema: schemaRef('Form') } },
  }, async ({ req, params, query }) => {
    if (!params.key.startsWith('common.')) requireAuth(req);
    const admin = req.auth?.user.roles.includes('admin') === true;
    const wantsDraft = isSet(query.draft);
    const form = await findFormVersionFor(db.pool, ctx.tenantId, params.key, { draft: wantsDraft, version: query.version, mayReadDrafts: admin });
    if (!form) throw new NotFoundError(`Form ${params.key}${wantsDraft ? ' has no draft' : query.version ? ` v${query.version} does not exist` : ' does not exist'}`);
    return form;
  });

  ctx.routes.add<FormBody, unknown, { key: string }>(router, {
    method: 'put', path: '/forms/:key', tag: 'admin', access: 'session',
    summary: 'Admin: creates or overwrites the draft of a form (version max+1); 400 with messages by field when the strict check refuses the schema (meta-schema, unknown keywords or formats, a rule naming a missing field, a failing example)',
    params: keyParams, body: formBody, responses: { 200: { description: 'the draft form', schema: schemaRef('Form') } },
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
    // The strict check: meta-schema, known keywords and formats, the project's rules and the fields they name, the examples.
    const fields: Record<string, string[]> = {};
    for (const problem of checkFormSchema(form.schema, locale)) (fields[problem.at] ??= []).push(problem.message);
    if (Object.keys(fields).length) throw new ValidationError(en ? 'The form schema has errors' : '表单结构有误', fields);

    return ctx.services.runtime.saveFormDraft({ actor: auditActor(user), key: params.key, form: { title: fullTitle, schema: form.schema, uiSchema: form.uiSchema } });
  });
  return router;
}
