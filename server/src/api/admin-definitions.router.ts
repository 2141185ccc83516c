import { Router } from 'express';
import type { Response } from 'express';
import { createWorkCalendar, diffDefinitions, loadDefinition, simulateDefinition } from '../engine';
import type { DefinitionDocument, LintResult, SimulationStep } from '../engine';
import { createFormValidator } from '../forms';
import { ValidationError } from '../kernel';
import { versionOf } from '../domain/definitions/definition-drafts';
import { findPinnedForms, findVersions, loadFormIndex } from '../domain/definitions/definition-versions.repository';
import type { VersionRow } from '../domain/definitions/definition-versions.repository';
import { pinForms } from '../domain/definitions/form-pins';
import { requireRole } from './admin-access';
import { auditActor } from './audit';
import { lintAgainstForms, lintForPublish } from './definition-lint';
import type { ApiContext } from './api-context';
import { requestLocale } from './request-context';
import type { Locale } from './request-context';
import { createDefinitionBody, diffQuery, draftBody, keyParams, newDraftBody, simulateBody, versionParams } from './request-schemas';
import { chinaYear } from '../kernel';
import { schemaRef } from './response-schemas';

type Label = { zh: string; en?: string };
interface SimulateBody {
  document: Record<string, unknown>;
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

  const draftView = (row: VersionRow, lint: LintResult) => ({
    key: row.key, version: row.version, status: row.status, document: row.document, formVersions: row.formVersions, lint,
    createdAt: row.createdAt.toISOString(),
  });
  const lintOf = async (document: unknown, locale: Locale) => lintAgainstForms(document, await loadFormIndex(db.pool, ctx.tenantId), configNow(), locale);

  ctx.routes.add<{ key: string; title: string | Label }>(router, {
    method: 'post', path: '/definitions', tag: 'admin', access: 'session',
    summary: 'Admin: creates a definition whose version 1 is a draft with a minimal machine (409 when the key exists)',
    body: createDefinitionBody, responses: { 201: { description: 'the draft with its lint', schema: schemaRef('DefinitionDraft') } },
  }, async ({ req, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const document = minimalDefinition(body.key, toLabel(body.title));
    const { row, index } = await ctx.services.runtime.createDefinition({ actor: auditActor(user), key: body.key, document, locale });
    return draftView(row, lintAgainstForms(document, index, configNow(), locale));
  });

  ctx.routes.add<{ fromVersion?: number }, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/drafts', tag: 'admin', access: 'session',
    summary: 'Admin: a draft copy of a version (default the newest published) as version max+1; the existing draft (200) when there is one',
    params: keyParams, body: newDraftBody, responses: { 201: { description: 'the new draft', schema: schemaRef('DefinitionDraft') }, 200: { description: 'the draft that already exists', schema: schemaRef('DefinitionDraft') } },
  }, async ({ req, res, params, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const { row, created } = await ctx.services.runtime.createDraft({ actor: auditActor(user), key: params.key, fromVersion: body.fromVersion });
    res.status(created ? 201 : 200).json(draftView(row, await lintOf(row.document, locale)));
  });

  ctx.routes.add<{ document: Record<string, unknown> }, unknown, { key: string; v: number }>(router, {
    method: 'put', path: '/definitions/:key/drafts/:v', tag: 'admin', access: 'session',
    summary: 'Admin: saves a draft (also with lint errors) and re-pins its forms; 409 when the version is not a draft',
    params: versionParams, body: draftBody, responses: { 200: { description: 'the saved draft with its lint', schema: schemaRef('DefinitionDraft') } },
  }, async ({ req, params, body }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const document: Record<string, unknown> = { ...body.document, key: body.document.key ?? params.key };
    if (document.key !== params.key) {
      throw new ValidationError(locale === 'en' ? 'The document belongs to another definition' : '文档属于另一个流程',
        { '/document/key': [locale === 'en' ? `must be "${params.key}"` : `应为“${params.key}”`] });
    }
    const { row, index } = await ctx.services.runtime.saveDraft({ actor: auditActor(user), key: params.key, version: params.v, document, locale });
    return draftView(row, lintAgainstForms(document, index, configNow(), locale));
  });

  ctx.routes.add<{ document: Record<string, unknown> }, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/lint', tag: 'admin', access: 'session', summary: 'Admin: lints an unsaved document',
    params: keyParams, body: draftBody, responses: { 200: { description: '{ ok, issues }', schema: schemaRef('LintResult') } },
  }, async ({ req, body }) => {
    requireRole(req);
    return lintOf(body.document, requestLocale(req));
  });

  ctx.routes.add<unknown, unknown, { key: string; v: number }>(router, {
    method: 'post', path: '/definitions/:key/drafts/:v/publish', tag: 'admin', access: 'session',
    summary: 'Admin: publishes a draft (and the draft forms it pins); older published versions are retired. 400 lint_failed, 409 when not a draft',
    params: versionParams, responses: { 200: { description: 'the published version', schema: schemaRef('PublishedVersion') } },
  }, async ({ req, res, params }) => {
    const { user } = requireRole(req);
    const locale = requestLocale(req);
    const outcome = await ctx.services.runtime.publishDefinition({
      actor: auditActor(user), key: params.key, version: params.v, locale, lint: (document, index) => lintForPublish(document, index, configNow(), locale),
    });
    if (!outcome.published) return sendLintFailed(res, outcome.lint!, locale);
    ctx.roleStates.invalidate();
    return outcome.published;
  });

  ctx.routes.add<unknown, { from: number; to: number }, { key: string }>(router, {
    method: 'get', path: '/definitions/:key/diff', tag: 'admin', access: 'session',
    summary: 'Admin: what changed between two versions (states, transitions, forms down to their fields)',
    params: keyParams, query: diffQuery, responses: { 200: { description: 'the diff', schema: schemaRef('DefinitionDiff') } },
  }, async ({ req, params, query }) => {
    requireRole(req);
    const rows = await findVersions(db.pool, ctx.tenantId, params.key);
    const sides = [versionOf(rows, params.key, query.from), versionOf(rows, params.key, query.to)];
    const pairs = sides.flatMap((s) => Object.entries(s.formVersions));
    const forms = await findPinnedForms(db.pool, ctx.tenantId, pairs);
    const formSchemas = Object.fromEntries(forms.map((f) => [`${f.key}@${f.version}`, f.schema]));
    const [a, b] = sides.map((s) => ({ version: s.version, document: s.document, formVersions: s.formVersions, formSchemas }));
    return diffDefinitions(a, b);
  });

  ctx.routes.add<SimulateBody, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/simulate', tag: 'admin', access: 'session',
    summary: 'Admin: runs a document through steps (outcomes, events, time passing) without storing anything',
    params: keyParams, body: simulateBody, responses: { 200: { description: 'each step and the final state', schema: schemaRef('Simulation') } },
  }, async ({ req, res, params, body }) => {
    requireRole(req);
    const locale = requestLocale(req);
    const en = locale === 'en';
    const index = await loadFormIndex(db.pool, ctx.tenantId);
    const bodyForms = body.forms ?? {};
    const overrides = Object.fromEntries(Object.entries(bodyForms).map(([k, f]) => [k, f.schema]));
    const document: Record<string, unknown> = { ...body.document, key: body.document.key ?? params.key, ...(body.settings ? { settings: body.settings } : {}) };
    const lint = lintAgainstForms(document, index, configNow(), locale, overrides);
    if (!lint.ok) return sendLintFailed(res, lint, locale);
    const def = loadDefinition(document as unknown as DefinitionDocument, { version: 0, configForYear: ctx.services.configForYear });

    // Every form a task may check, loaded before the (synchronous) simulation: the body's draft, else the version the draft would pin.
    const pins = pinForms(document, index);
    const formDocs = new Map<string, { key: string; version: number; title: { zh: string; en: string }; schema: Record<string, unknown>; uiSchema: Record<string, unknown> }>();
    for (const [key, f] of Object.entries(bodyForms)) {
      const title = toLabel(f.title ?? key);
      formDocs.set(key, { key, version: -1, title: { zh: title.zh, en: title.en ?? title.zh }, schema: f.schema, uiSchema: f.uiSchema ?? {} });
    }
    const stored = Object.entries(pins).filter(([key]) => !formDocs.has(key));
    for (const form of await findPinnedForms(db.pool, ctx.tenantId, stored)) formDocs.set(form.key, form);
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
