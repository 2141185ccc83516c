import { Router } from 'express';
import type { Response } from 'express';
import type { PoolClient } from 'pg';
import { createWorkCalendar, diffDefinitions, loadDefinition, simulateDefinition } from '../engine';
import type { LintResult, SimulationStep } from '../engine';
import { createFormValidator } from '../forms';
import { ConflictError, NotFoundError, ValidationError } from '../kernel';
import { auditInTransaction, requireRole } from './admin-access';
import { findVersions, formsUsedBy, lintAgainstForms, loadFormIndex, pinForms } from './admin-definitions.query';
import type { VersionRow } from './admin-definitions.query';
import type { ApiContext } from './api-context';
import { requestLocale } from './request-context';
import type { Locale } from './request-context';
import { createDefinitionBody, diffQuery, draftBody, keyParams, newDraftBody, simulateBody, versionParams } from './request-schemas';
import { chinaYear } from '../kernel';

type Label = { zh: string; en?: string };
interface SimulateBody {
  document: Record<string, any>;
  forms?: Record<string, { title?: string | Label; schema: Record<string, unknown>; uiSchema?: Record<string, unknown> }>;
  startData?: Record<string, unknown>;
  startAt?: string;
  settings?: Record<string, unknown>;
  steps: SimulationStep[];
}

const toLabel = (title: string | Label): Label => (typeof title === 'string' ? { zh: title } : title);

/** The smallest definition that lints clean: one task state (the shared comment form) and a final state. */
function minimalDefinition(key: string, title: Label) {
  return {
    key, title, starterRoles: ['village_clerk'], orgLevel: 'village',
    machine: {
      id: key, initial: 'apply',
      states: {
        apply: {
          meta: { task: {
            form: 'common.comment', roles: ['village_clerk'], scope: 'village', title: { zh: '提交申请', en: 'Submit the application' },
            outcomes: [{ event: 'SUBMIT', label: { zh: '提交', en: 'Submit' }, kind: 'forward' }],
          } },
          on: { SUBMIT: 'done' },
        },
        done: { type: 'final' },
      },
    },
  };
}

/** `{ <pointer>: [messages] }` of a lint's errors, for the `fields` of a 400. */
function lintFields(lint: LintResult): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of lint.issues) if (issue.severity === 'error') (fields[issue.path || '/'] ??= []).push(issue.message);
  return fields;
}

/** Answers 400 `lint_failed` with the field messages and the issues themselves. */
function sendLintFailed(res: Response, lint: LintResult, locale: Locale): void {
  const errors = lint.issues.filter((i) => i.severity === 'error').length;
  res.status(400).json({ error: {
    code: 'lint_failed',
    message: locale === 'en' ? `The definition has ${errors} error(s); fix them first` : `流程定义有 ${errors} 处错误，请先修正`,
    fields: lintFields(lint), issues: lint.issues,
  } });
}

/**
 * Admin editing of definitions (scratch/admin-contract.md): create, drafts (a copy of a version,
 * at most one per key), save with lint, lint, publish, diff, simulate. Published versions never
 * change; every mutation is audited in its own transaction.
 */
export function createAdminDefinitionsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;
  const formValidator = createFormValidator();
  const calendar = createWorkCalendar(ctx.services.county.calendar);
  const configNow = () => ctx.services.configForYear(chinaYear(ctx.services.clock.now()));

  /** One transaction per key at a time: creating, drafting and publishing never interleave. */
  const withKeyLock = <T>(key: string, work: (client: PoolClient) => Promise<T>) => db.transaction(async (client) => {
    await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`definition|${ctx.tenantId}|${key}`]);
    return work(client);
  });
  const draftView = (row: VersionRow, lint: LintResult) => ({
    key: row.key, version: row.version, status: row.status, document: row.document, formVersions: row.formVersions, lint,
    createdAt: row.createdAt.toISOString(),
  });
  const lintOf = async (client: PoolClient | typeof db.pool, document: unknown, locale: Locale) => lintAgainstForms(document, await loadFormIndex(client, ctx.tenantId), configNow(), locale);
  const versionOf = (rows: VersionRow[], key: string, v: number) => {
    const row = rows.find((r) => r.version === v);
    if (!row) throw new NotFoundError(`Definition ${key} has no version ${v}`);
    return row;
  };

  ctx.routes.add<{ key: string; title: string | Label }>(router, {
    method: 'post', path: '/definitions', tag: 'admin', access: 'session',
    summary: 'Admin: creates a definition whose version 1 is a draft with a minimal machine (409 when the key exists)',
    body: createDefinitionBody, responses: { 201: { description: 'the draft with its lint' } },
  }, async ({ req, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const document = minimalDefinition(body.key, toLabel(body.title));
    return withKeyLock(body.key, async (client) => {
      if ((await findVersions(client, ctx.tenantId, body.key)).length) {
        throw new ConflictError(locale === 'en' ? `Definition ${body.key} exists already: open it and make a draft` : `流程 ${body.key} 已存在，请打开它并创建草稿`);
      }
      const formVersions = pinForms(document, await loadFormIndex(client, ctx.tenantId));
      const id = ctx.services.ids.uuid();
      await client.query(
        `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, created_at) VALUES ($1, $2, $3, 1, 'draft', $4, $5, $6, $7)`,
        [id, ctx.tenantId, body.key, JSON.stringify(document.title), JSON.stringify(document), JSON.stringify(formVersions), ctx.services.clock.now()]);
      await auditInTransaction(client, ctx, user, { action: 'definition.create', target: `${body.key}@1`, details: { key: body.key, version: 1 } });
      const [row] = await findVersions(client, ctx.tenantId, body.key);
      return draftView(row, await lintOf(client, document, locale));
    });
  });

  ctx.routes.add<{ fromVersion?: number }, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/drafts', tag: 'admin', access: 'session',
    summary: 'Admin: a draft copy of a version (default the newest published) as version max+1; the existing draft (200) when there is one',
    params: keyParams, body: newDraftBody, responses: { 201: { description: 'the new draft' }, 200: { description: 'the draft that already exists' } },
  }, async ({ req, res, params, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const { row, created } = await withKeyLock(params.key, async (client) => {
      const rows = await findVersions(client, ctx.tenantId, params.key);
      if (rows.length === 0) throw new NotFoundError(`Definition ${params.key} does not exist`);
      const existing = rows.find((r) => r.status === 'draft');
      if (existing) return { row: existing, created: false };
      const source = body.fromVersion !== undefined ? versionOf(rows, params.key, body.fromVersion) : [...rows].reverse().find((r) => r.status === 'published');
      if (!source) throw new NotFoundError(`Definition ${params.key} has no published version to copy: pass fromVersion`);
      const version = rows[rows.length - 1].version + 1;
      const formVersions = pinForms(source.document, await loadFormIndex(client, ctx.tenantId));
      await client.query(
        `INSERT INTO definitions (id, tenant_id, key, version, status, title, document, form_versions, created_at) VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8)`,
        [ctx.services.ids.uuid(), ctx.tenantId, params.key, version, JSON.stringify(source.title), JSON.stringify(source.document), JSON.stringify(formVersions), ctx.services.clock.now()]);
      await auditInTransaction(client, ctx, user, { action: 'definition.draft', target: `${params.key}@${version}`, details: { key: params.key, version, fromVersion: source.version } });
      return { row: versionOf(await findVersions(client, ctx.tenantId, params.key), params.key, version), created: true };
    });
    res.status(created ? 201 : 200).json(draftView(row, await lintOf(db.pool, row.document, locale)));
  });

  ctx.routes.add<{ document: Record<string, any> }, unknown, { key: string; v: number }>(router, {
    method: 'put', path: '/definitions/:key/drafts/:v', tag: 'admin', access: 'session',
    summary: 'Admin: saves a draft (also with lint errors) and re-pins its forms; 409 when the version is not a draft',
    params: versionParams, body: draftBody, responses: { 200: { description: 'the saved draft with its lint' } },
  }, async ({ req, params, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const document: Record<string, any> = { ...body.document, key: body.document.key ?? params.key };
    if (document.key !== params.key) {
      throw new ValidationError(locale === 'en' ? 'The document belongs to another definition' : '文档属于另一个流程',
        { '/document/key': [locale === 'en' ? `must be "${params.key}"` : `应为“${params.key}”`] });
    }
    return withKeyLock(params.key, async (client) => {
      const row = versionOf(await findVersions(client, ctx.tenantId, params.key, true), params.key, params.v);
      if (row.status !== 'draft') {
        throw new ConflictError(locale === 'en' ? `Version ${params.v} of ${params.key} is ${row.status} and cannot change: make a draft` : `${params.key} 第 ${params.v} 版已${row.status === 'published' ? '发布' : '停用'}，不能修改，请创建草稿`);
      }
      const index = await loadFormIndex(client, ctx.tenantId);
      const formVersions = pinForms(document, index);
      const title = typeof document.title === 'string' ? { zh: document.title } : document.title && typeof document.title === 'object' ? document.title : row.title;
      await client.query('UPDATE definitions SET document = $2, title = $3, form_versions = $4 WHERE id = $1',
        [row.id, JSON.stringify(document), JSON.stringify(title), JSON.stringify(formVersions)]);
      await auditInTransaction(client, ctx, user, { action: 'definition.save', target: `${params.key}@${params.v}`, details: { key: params.key, version: params.v } });
      return draftView({ ...row, document, title, formVersions }, lintAgainstForms(document, index, configNow(), locale));
    });
  });

  ctx.routes.add<{ document: Record<string, any> }, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/lint', tag: 'admin', access: 'session', summary: 'Admin: lints an unsaved document',
    params: keyParams, body: draftBody, responses: { 200: { description: '{ ok, issues }' } },
  }, async ({ req, body }) => {
    requireRole(req);
    return lintOf(db.pool, body.document, requestLocale(req));
  });

  ctx.routes.add<unknown, unknown, { key: string; v: number }>(router, {
    method: 'post', path: '/definitions/:key/drafts/:v/publish', tag: 'admin', access: 'session',
    summary: 'Admin: publishes a draft (and the draft forms it pins); older published versions are retired. 400 lint_failed, 409 when not a draft',
    params: versionParams, responses: { 200: { description: 'the published version' } },
  }, async ({ req, res, params }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const outcome = await withKeyLock(params.key, async (client) => {
      const rows = await findVersions(client, ctx.tenantId, params.key, true);
      const row = versionOf(rows, params.key, params.v);
      if (row.status !== 'draft') {
        throw new ConflictError(locale === 'en' ? `Version ${params.v} of ${params.key} is ${row.status}, not a draft` : `${params.key} 第 ${params.v} 版不是草稿（${row.status}）`);
      }
      // The form drafts it would publish may not change meanwhile (PUT /api/forms/:key takes the same locks).
      for (const formKey of formsUsedBy(row.document)) {
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`form|${ctx.tenantId}|${formKey}`]);
      }
      const index = await loadFormIndex(client, ctx.tenantId);
      const lint = lintAgainstForms(row.document, index, configNow(), locale);
      if (!lint.ok) return { lint, published: undefined };
      const formVersions = pinForms(row.document, index);
      const now = ctx.services.clock.now();
      const draftForms = Object.entries(formVersions).filter(([key, v]) => index.drafts.get(key)?.version === v);
      for (const [key, v] of draftForms) {
        await client.query(`UPDATE forms SET status = 'published' WHERE tenant_id = $1 AND key = $2 AND version = $3 AND status = 'draft'`, [ctx.tenantId, key, v]);
      }
      const retired = rows.filter((r) => r.status === 'published').map((r) => r.version);
      await client.query(`UPDATE definitions SET status = 'retired' WHERE tenant_id = $1 AND key = $2 AND status = 'published'`, [ctx.tenantId, params.key]);
      await client.query(`UPDATE definitions SET status = 'published', published_at = $2, form_versions = $3 WHERE id = $1`, [row.id, now, JSON.stringify(formVersions)]);
      await auditInTransaction(client, ctx, user, {
        action: 'definition.publish', target: `${params.key}@${params.v}`,
        details: { key: params.key, version: params.v, retired, formsPublished: Object.fromEntries(draftForms) },
      });
      return { lint: undefined, published: { key: params.key, version: params.v, status: 'published', publishedAt: now.toISOString(), formVersions } };
    });
    if (!outcome.published) return sendLintFailed(res, outcome.lint!, locale);
    ctx.roleStates.invalidate();
    return outcome.published;
  });

  ctx.routes.add<unknown, { from: number; to: number }, { key: string }>(router, {
    method: 'get', path: '/definitions/:key/diff', tag: 'admin', access: 'session',
    summary: 'Admin: what changed between two versions (states, transitions, forms down to their fields)',
    params: keyParams, query: diffQuery, responses: { 200: { description: 'the diff' } },
  }, async ({ req, params, query }) => {
    requireRole(req);
    const rows = await findVersions(db.pool, ctx.tenantId, params.key);
    const sides = [versionOf(rows, params.key, query.from), versionOf(rows, params.key, query.to)];
    const pairs = sides.flatMap((s) => Object.entries(s.formVersions));
    const { rows: forms } = await db.pool.query(
      `SELECT f.key, f.version, f.schema FROM forms f JOIN jsonb_to_recordset($2::jsonb) AS p(key text, version int) ON p.key = f.key AND p.version = f.version WHERE f.tenant_id = $1`,
      [ctx.tenantId, JSON.stringify(pairs.map(([key, version]) => ({ key, version })))]);
    const formSchemas = Object.fromEntries(forms.map((f) => [`${f.key}@${f.version}`, f.schema]));
    const [a, b] = sides.map((s) => ({ version: s.version, document: s.document, formVersions: s.formVersions, formSchemas }));
    return diffDefinitions(a, b);
  });

  ctx.routes.add<SimulateBody, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/simulate', tag: 'admin', access: 'session',
    summary: 'Admin: runs a document through steps (outcomes, events, time passing) without storing anything',
    params: keyParams, body: simulateBody, responses: { 200: { description: 'each step and the final state' } },
  }, async ({ req, res, params, body }) => {
    requireRole(req);
    const locale = requestLocale(req);
    const en = locale === 'en';
    const index = await loadFormIndex(db.pool, ctx.tenantId);
    const bodyForms = body.forms ?? {};
    const overrides = Object.fromEntries(Object.entries(bodyForms).map(([k, f]) => [k, f.schema]));
    const document: Record<string, any> = { ...body.document, key: body.document.key ?? params.key, ...(body.settings ? { settings: body.settings } : {}) };
    const lint = lintAgainstForms(document, index, configNow(), locale, overrides);
    if (!lint.ok) return sendLintFailed(res, lint, locale);
    const def = loadDefinition(document as any, { version: 0, configForYear: ctx.services.configForYear });

    // Every form a task may check, loaded before the (synchronous) simulation: the body's draft, else the version the draft would pin.
    const pins = pinForms(document, index);
    const formDocs = new Map<string, { key: string; version: number; title: { zh: string; en: string }; schema: Record<string, unknown>; uiSchema: Record<string, unknown> }>();
    for (const [key, f] of Object.entries(bodyForms)) {
      const title = toLabel(f.title ?? key);
      formDocs.set(key, { key, version: -1, title: { zh: title.zh, en: title.en ?? title.zh }, schema: f.schema, uiSchema: f.uiSchema ?? {} });
    }
    const stored = Object.entries(pins).filter(([key]) => !formDocs.has(key));
    if (stored.length) {
      const { rows } = await db.pool.query(
        `SELECT f.key, f.version, f.title, f.schema, f.ui_schema FROM forms f JOIN jsonb_to_recordset($2::jsonb) AS p(key text, version int) ON p.key = f.key AND p.version = f.version WHERE f.tenant_id = $1`,
        [ctx.tenantId, JSON.stringify(stored.map(([key, version]) => ({ key, version })))]);
      for (const r of rows) formDocs.set(r.key, { key: r.key, version: r.version, title: r.title, schema: r.schema, uiSchema: r.ui_schema });
    }
    const fields: Record<string, string[]> = {};
    for (const [key, form] of formDocs) {
      if (!(key in bodyForms)) continue;
      try {
        formValidator.validate(form, {}, locale);
      } catch (err) {
        fields[`/forms/${key}/schema`] = [(err as Error).message];
      }
    }
    if (Object.keys(fields).length) throw new ValidationError(en ? 'A form of the simulation does not compile' : '模拟使用的表单无法编译', fields);

    // Start data as the runtime takes it: checked against the start form and kept as `data.start`.
    let startData: Record<string, unknown> | undefined;
    const startForm = typeof document.startForm === 'string' ? formDocs.get(document.startForm) : undefined;
    if (startForm) {
      const check = formValidator.validate(startForm, body.startData ?? {}, locale);
      if (!check.valid) throw new ValidationError(en ? 'The start data has errors' : '启动数据填写有误', Object.fromEntries(Object.entries(check.fields).map(([p, m]) => [`/startData${p}`, m])));
      startData = { start: check.data };
    } else if (body.startData && Object.keys(body.startData).length) {
      throw new ValidationError(en ? 'This process takes no start data' : '此流程启动时不接收数据', { '/startData': [en ? 'Leave it out: the first task\'s form collects the data' : '请不要提交数据：数据在第一个任务的表单中填写'] });
    }
    const startAt = body.startAt ? new Date(body.startAt) : ctx.services.clock.now();
    try {
      return simulateDefinition(def, body.steps, {
        startAt, startData, calendar, locale,
        checkForm: (formKey, data) => {
          const form = formDocs.get(formKey);
          if (!form) return { valid: false, fields: { '': [en ? `Form ${formKey} does not exist` : `表单 ${formKey} 不存在`] }, data };
          return formValidator.validate(form, data, locale);
        },
      });
    } catch (err) {
      // What the definition cannot do at run time (a delay the year's configuration lacks, a guard that fails) is the editor's to fix.
      throw new ValidationError(en ? 'The simulation stopped: the definition fails at run time' : '模拟中止：流程定义运行出错', { '/steps': [(err as Error).message] });
    }
  });

  return router;
}
