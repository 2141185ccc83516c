import { Router } from 'express';
import type { Request } from 'express';
import { mayAssignHelpers } from '../auth/help-permissions';
import { householdReadScope, isWithinScope, narrowScope } from '../auth/org-scope';
import { listHelpCard } from '../domain/help/help-card';
import { helpIndicatorReport } from '../domain/help/help-indicators';
import { readableHousehold } from '../domain/help/help-household';
import { listHelpers, listVillagePairings } from '../domain/help/helper-assignment';
import { filterPath } from '../domain/org-units/org-filters';
import { chinaYear, ForbiddenError, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import type { ApiContext } from './api-context';
import { sendWorkbook } from './import-workbooks';
import { requestLocale, requireAuth } from './request-context';
import { writeSheet } from './workbook';

const text = (maxLength: number, extra: Record<string, unknown> = {}) => ({ type: 'string', maxLength, ...extra });
const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });
const idParams = object({ id: text(100) }, ['id']);
const planParams = object({ id: text(100), year: { type: 'integer', minimum: 2016, maximum: 2030 } }, ['id', 'year']);
const formBody = { type: 'object', description: 'form data; checked against the record form on the server' };
const reassignBody = object({ helperUserId: text(40, { minLength: 1 }), reason: text(300, { minLength: 1, pattern: '\\S' }) }, ['helperUserId', 'reason']);
const pairingsQuery = object({ village: text(15, { pattern: '^[0-9]{6,15}$' }) }, ['village']);
const indicatorsQuery = object({ year: { type: 'integer', minimum: 2016, maximum: 2030 }, town: text(100), village: text(100) });

const itemsOf = (properties: Record<string, unknown>) => ({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties } } } });
const ID_ANSWER = { type: 'object', properties: { id: { type: 'string' } } };
const ASSIGNMENT = Object.fromEntries(['id', 'helperUserId', 'helperName', 'helperUnit', 'helpKind', 'assignedAt', 'assignedBy', 'reason', 'endedAt', 'endedBy', 'endReason']
  .map((k) => [k, { type: ['string', 'null'] }]));

/**
 * After registration (帮扶): the helper of a household and its history, the 帮扶记录卡 (entries,
 * Excel export), the 一户一策 plan, the measures, and the indicators of §三 by village and town.
 * Each write is a use case of the runtime (one transaction, its form checked as a task's form is).
 */
export function createHelpRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  /** The household if the caller may read it (404 otherwise, as for anything they may not see). */
  const visibleHousehold = (actor: Actor, id: string) => readableHousehold(pool, ctx.tenantId, actor, id);
  const refuse = (req: Request, zh: string, en: string) => new ForbiddenError(requestLocale(req) === 'en' ? en : zh);

  ctx.routes.add(router, {
    method: 'get', path: '/helpers', tag: 'help', access: 'session', summary: 'The county\'s helpers (帮扶责任人) with their unit and how many households each helps now',
    responses: { 200: { description: 'the helpers', schema: itemsOf({ userId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, households: { type: 'integer' } }) } },
  }, async ({ req }) => {
    const auth = requireAuth(req);
    if (!mayAssignHelpers(auth.actor)) throw refuse(req, '只有乡镇、县级审核员或管理员可以指派帮扶责任人', 'Only town or county reviewers and admins assign helpers');
    return { items: await listHelpers(pool, ctx.tenantId) };
  });

  ctx.routes.add<unknown, { village: string }>(router, {
    method: 'get', path: '/help/pairings', tag: 'help', access: 'session',
    summary: 'A village\'s 帮扶单位 and the 帮扶责任人 of each of its registered households (town reviewers for their town, the county office, admins; 404 for a village outside the caller\'s scope)',
    query: pairingsQuery,
    responses: { 200: { description: 'the village\'s pairings', schema: { type: 'object', properties: { village: { type: 'object' }, helpUnit: { type: ['object', 'null'] }, households: { type: 'array', items: { type: 'object' } } } } } },
  }, async ({ req, query }) => {
    const auth = requireAuth(req);
    if (!mayAssignHelpers(auth.actor)) throw refuse(req, '只有乡镇、县级审核员或管理员可以查看结对帮扶', 'Only town or county reviewers and admins read the pairings');
    const found = await listVillagePairings(pool, ctx.tenantId, query.village);
    if (!found || !isWithinScope(auth.actor, found.path)) throw new NotFoundError(`Village ${query.village} does not exist`);
    const { path: _path, ...pairings } = found;
    return pairings;
  });

  ctx.routes.add<{ helperUserId: string; reason: string }, unknown, { id: string }>(router, {
    method: 'post', path: '/households/:id/helper', tag: 'help', access: 'session',
    summary: 'Pairs the household with a helper (its first, or instead of the current one, whose pairing ends with the reason and stays in the history); town reviewers for their town, the county office, admins',
    params: idParams, body: reassignBody, responses: { 200: { description: 'the household\'s pairings, newest first', schema: itemsOf(ASSIGNMENT) } },
  }, async ({ req, params, body }) => ({
    items: await ctx.services.runtime.assignHelper({
      householdId: params.id, helperUserId: body.helperUserId, reason: body.reason, actor: requireAuth(req).actor, locale: requestLocale(req),
    }),
  }));

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'post', path: '/households/:id/help-records', tag: 'help', access: 'session',
    summary: 'Adds an entry (visit, measure or result, with the household\'s and the village\'s confirmations) to the household\'s 帮扶记录卡, checked against the form help.record; its helper or its village',
    params: idParams, body: formBody, responses: { 201: { description: 'the new entry', schema: ID_ANSWER } },
  }, async ({ req, params, body }) => ctx.services.runtime.addHelpRecord({ householdId: params.id, data: body, actor: requireAuth(req).actor, locale: requestLocale(req) }));

  ctx.routes.add<unknown, unknown, { id: string; year: number }>(router, {
    method: 'put', path: '/households/:id/plans/:year', tag: 'help', access: 'session',
    summary: 'Writes the household\'s 一户一策 plan of the year (form help.plan), its current helper as the author',
    params: planParams, body: formBody, responses: { 200: { description: 'the plan\'s year', schema: { type: 'object', properties: { year: { type: 'integer' } } } } },
  }, async ({ req, params, body }) => ctx.services.runtime.saveHouseholdPlan({
    householdId: params.id, year: params.year, data: body, actor: requireAuth(req).actor, locale: requestLocale(req),
  }));

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'post', path: '/households/:id/measures', tag: 'help', access: 'session',
    summary: 'Records a measure (form help.measure: education, health, employment, industry, social assistance, micro-credit, asset income) and files it on the 帮扶记录卡; the department that owns the kind or the household\'s helper',
    params: idParams, body: formBody, responses: { 201: { description: 'the new measure', schema: ID_ANSWER } },
  }, async ({ req, params, body }) => ctx.services.runtime.recordHelpMeasure({ householdId: params.id, data: body, actor: requireAuth(req).actor, locale: requestLocale(req) }));

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/households/:id/help-card.xlsx', tag: 'help', access: 'session',
    summary: 'The household\'s 帮扶记录卡 as an Excel workbook (every entry, processes\' and the form\'s)',
    params: idParams, responses: { 200: { description: 'the workbook', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  }, async ({ req, res, params }) => {
    const auth = requireAuth(req);
    const household = await visibleHousehold(auth.actor, params.id);
    const card = await listHelpCard(pool, ctx.tenantId, { id: household.id, headIdNumber: household.headIdNumber });
    const yes = (v: boolean) => (v ? '是' : '否');
    const buffer = await writeSheet('帮扶记录卡', [
      { header: '日期', key: 'date', width: 12 }, { header: '记录类别', key: 'entryKind', width: 10 }, { header: '帮扶责任人', key: 'helperName' }, { header: '帮扶单位', key: 'helperUnit' },
      { header: '措施类型', key: 'measureType', width: 12 }, { header: '帮扶内容', key: 'content', width: 48 }, { header: '帮扶成效', key: 'result', width: 30 },
      { header: '折合金额（元）', key: 'value', width: 14 }, { header: '贫困户确认', key: 'household', width: 10 }, { header: '村两委确认', key: 'village', width: 10 }, { header: '工作队长确认', key: 'team', width: 12 },
    ], card.map((e) => ({ ...e, household: yes(e.confirmedByHousehold), village: yes(e.confirmedByVillageHead), team: yes(e.confirmedByTeamLeader) })));
    sendWorkbook(res, buffer, 'help-card.xlsx', '帮扶记录卡.xlsx');
  });

  ctx.routes.add<unknown, { year?: number; town?: string; village?: string }>(router, {
    method: 'get', path: '/reports/help-indicators', tag: 'reports', access: 'session',
    summary: 'The plan\'s §三 indicators (enterprise linkage, training, job transfer, pension 60+, insurance, medical cost coverage, school allowances) by village and town within the caller\'s scope, against the year\'s figures in county-config.json',
    query: indicatorsQuery, responses: { 200: { description: 'the indicators', schema: { type: 'object', properties: { year: { type: 'integer' }, targets: { type: 'object' }, total: { type: ['object', 'null'] }, towns: { type: 'array', items: { type: 'object' } }, villages: { type: 'array', items: { type: 'object' } } } } } },
  }, async ({ req, query }) => {
    const auth = requireAuth(req);
    const scope = householdReadScope(auth.actor);
    if (scope.helperUserId !== undefined) throw refuse(req, '帮扶责任人请在户页面查看所帮扶户的措施', 'Helpers see their households\' measures on each household page');
    const year = query.year ?? chinaYear(ctx.services.clock.now());
    const path = await filterPath(pool, ctx.tenantId, query.town, query.village);
    const scopePath = path === null ? null : narrowScope({ orgPath: scope.path }, path);
    const config = ctx.services.configForYear(year);
    const targets = Object.fromEntries(['enterpriseLinkageShare', 'enterpriseLinkageOf', 'trainingPerYear', 'transferredPerHousehold', 'pensionCoverage60', 'insuranceCoverage', 'medicalCostCoverage', 'schoolAllowanceCoverage']
      .map((k) => [k, config[k] ?? null]));
    if (scopePath === null) return { year, targets, total: null, towns: [], villages: [] };
    return { ...(await helpIndicatorReport(pool, ctx.tenantId, scopePath, year, config)), targets };
  });

  return router;
}
