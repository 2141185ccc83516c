import { Router } from 'express';
import type { Request } from 'express';
import { householdReadScope, isWithinScope, narrowScope } from '../auth/org-scope';
import { resolveConfigForYear } from '../domain/county-config';
import { addCardEntry, listHelpCard } from '../domain/help/help-card';
import type { NewCardEntry } from '../domain/help/help-card';
import { helpIndicatorReport } from '../domain/help/help-indicators';
import { saveHelpPlan } from '../domain/help/help-plans';
import { helpKindOf, listHelperAssignments, listHelpers, listVillagePairings, reassignHelper } from '../domain/help/helper-assignment';
import { recordMeasure } from '../domain/help/measures';
import { mayReadHousehold } from '../domain/households/registry.query';
import { filterPath } from '../domain/org-units/org-filters';
import { createFormValidator } from '../forms';
import type { FormDocument } from '../forms';
import { chinaYear, ForbiddenError, NotFoundError, ValidationError } from '../kernel';
import type { Actor } from '../kernel';
import { findLatestPublishedForm } from '../store/forms.repository';
import type { ApiContext } from './api-context';
import { recordAuditEvent } from './audit';
import { sendWorkbook } from './import-workbooks';
import { requestLocale, requireAuth } from './request-context';
import type { RequestAuth } from './request-context';
import { writeSheet } from './workbook';

const text = (maxLength: number, extra: Record<string, unknown> = {}) => ({ type: 'string', maxLength, ...extra });
const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required, additionalProperties: false });
const idParams = object({ id: text(100) }, ['id']);
const planParams = object({ id: text(100), year: { type: 'integer', minimum: 2016, maximum: 2030 } }, ['id', 'year']);
const formBody = { type: 'object', description: 'form data; checked against the record form on the server' };
const reassignBody = object({ helperUserId: text(40, { minLength: 1 }), reason: text(300, { minLength: 1, pattern: '\\S' }) }, ['helperUserId', 'reason']);
const pairingsQuery = object({ village: text(15, { pattern: '^[0-9]{6,15}$' }) }, ['village']);
const indicatorsQuery = object({ year: { type: 'integer', minimum: 2016, maximum: 2030 }, town: text(100), village: text(100) });

/** Roles that choose a household's helper: the town (its own households), the county office, the admin. */
const ASSIGNING_ROLES = ['town_reviewer', 'county_reviewer', 'admin'];
/** Roles of the village that enter card lines for the households of their village. */
const VILLAGE_ROLES = ['village_clerk', 'village_work_team'];

const itemsOf = (properties: Record<string, unknown>) => ({ type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties } } } });
const ID_ANSWER = { type: 'object', properties: { id: { type: 'string' } } };
const ASSIGNMENT = Object.fromEntries(['id', 'helperUserId', 'helperName', 'helperUnit', 'helpKind', 'assignedAt', 'assignedBy', 'reason', 'endedAt', 'endedBy', 'endReason']
  .map((k) => [k, { type: ['string', 'null'] }]));

interface HouseholdRow { id: string; head_id_number: string; org_path: string; category: string | null; helper_user_id: string | null }

/**
 * After registration (帮扶): the helper of a household and its history, the 帮扶记录卡 (entries,
 * Excel export), the 一户一策 plan, the measures, and the indicators of §三 by village and town.
 * Each write is one transaction; each form is checked on the server like a task's form.
 */
export function createHelpRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;
  const { pool } = db;
  const validator = createFormValidator();
  const configFor = (year: number) => resolveConfigForYear(ctx.services.county, year);

  /** The household if the caller may read it (404 otherwise, as for anything they may not see). */
  const visibleHousehold = async (actor: Actor, id: string): Promise<HouseholdRow> => {
    const { rows: [row] } = await pool.query<HouseholdRow>(
      `SELECT h.id, h.head_id_number, h.org_path, h.category,
         (SELECT a.helper_user_id::text FROM household_helpers a WHERE a.tenant_id = h.tenant_id AND a.household_id = h.id AND a.ended_at IS NULL) AS helper_user_id
       FROM households h WHERE h.tenant_id = $1 AND h.id::text = $2`, [ctx.tenantId, id]);
    if (!row || !(await mayReadHousehold(pool, ctx.tenantId, actor, row.id, row.org_path))) throw new NotFoundError(`Household ${id} does not exist`);
    return row;
  };

  /** The form's data as its newest published version accepts it; a 400 with field messages otherwise. */
  const checkForm = async (req: Request, key: string, data: unknown): Promise<Record<string, unknown>> => {
    const stored = await findLatestPublishedForm(pool, ctx.tenantId, key);
    if (!stored) throw new Error(`Form ${key} is not in the database: run the seed or publish schemas/${key.replace('.', '/')}.json`);
    const form: FormDocument = { key, version: stored.version, title: stored.title as FormDocument['title'], schema: stored.schema, uiSchema: {} };
    const locale = requestLocale(req);
    const result = validator.validate(form, data, locale);
    if (!result.valid) throw new ValidationError(locale === 'en' ? 'The form has errors' : '表单填写有误', result.fields);
    return result.data as Record<string, unknown>;
  };

  const unitName = async (orgUnitId: string) => (await pool.query<{ name: string }>('SELECT name FROM org_units WHERE id = $1', [orgUnitId])).rows[0]?.name ?? '';
  const isHelperOf = (auth: RequestAuth, household: HouseholdRow) => auth.user.roles.includes('helper') && household.helper_user_id === auth.user.id;
  const refuse = (req: Request, zh: string, en: string) => new ForbiddenError(requestLocale(req) === 'en' ? en : zh);

  ctx.routes.add(router, {
    method: 'get', path: '/helpers', tag: 'help', access: 'session', summary: 'The county\'s helpers (帮扶责任人) with their unit and how many households each helps now',
    responses: { 200: { description: 'the helpers', schema: itemsOf({ userId: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, households: { type: 'integer' } }) } },
  }, async ({ req }) => {
    const auth = requireAuth(req);
    if (!auth.user.roles.some((r) => ASSIGNING_ROLES.includes(r))) throw refuse(req, '只有乡镇、县级审核员或管理员可以指派帮扶责任人', 'Only town or county reviewers and admins assign helpers');
    return { items: await listHelpers(pool, ctx.tenantId) };
  });

  ctx.routes.add<unknown, { village: string }>(router, {
    method: 'get', path: '/help/pairings', tag: 'help', access: 'session',
    summary: 'A village\'s 帮扶单位 and the 帮扶责任人 of each of its registered households (town reviewers for their town, the county office, admins; 404 for a village outside the caller\'s scope)',
    query: pairingsQuery,
    responses: { 200: { description: 'the village\'s pairings', schema: { type: 'object', properties: { village: { type: 'object' }, helpUnit: { type: ['object', 'null'] }, households: { type: 'array', items: { type: 'object' } } } } } },
  }, async ({ req, query }) => {
    const auth = requireAuth(req);
    if (!auth.user.roles.some((r) => ASSIGNING_ROLES.includes(r))) throw refuse(req, '只有乡镇、县级审核员或管理员可以查看结对帮扶', 'Only town or county reviewers and admins read the pairings');
    const found = await listVillagePairings(pool, ctx.tenantId, query.village);
    if (!found || !isWithinScope(auth.actor, found.path)) throw new NotFoundError(`Village ${query.village} does not exist`);
    const { path: _path, ...pairings } = found;
    return pairings;
  });

  ctx.routes.add<{ helperUserId: string; reason: string }, unknown, { id: string }>(router, {
    method: 'post', path: '/households/:id/helper', tag: 'help', access: 'session',
    summary: 'Pairs the household with a helper (its first, or instead of the current one, whose pairing ends with the reason and stays in the history); town reviewers for their town, the county office, admins',
    params: idParams, body: reassignBody, responses: { 200: { description: 'the household\'s pairings, newest first', schema: itemsOf(ASSIGNMENT) } },
  }, async ({ req, params, body }) => {
    const auth = requireAuth(req);
    const household = await visibleHousehold(auth.actor, params.id);
    if (!auth.user.roles.some((r) => ASSIGNING_ROLES.includes(r)) || !isWithinScope(auth.actor, household.org_path)) {
      throw refuse(req, '只有本镇审核员、县级审核员或管理员可以指派该户的帮扶责任人', 'Only the household\'s town, the county office or an admin assigns its helper');
    }
    const now = ctx.services.clock.now();
    await db.transaction(async (client) => {
      await reassignHelper(client, {
        tenantId: ctx.tenantId, householdId: household.id, helperUserId: body.helperUserId, reason: body.reason, by: auth.user.username, now, id: ctx.services.ids.uuid(),
        helpKind: helpKindOf(configFor(chinaYear(now)), household.category), locale: requestLocale(req),
      });
      await recordAuditEvent(client, { id: ctx.services.ids.uuid(), tenantId: ctx.tenantId, at: now, user: auth.user, action: 'households.helper', details: { householdId: household.id, helperUserId: body.helperUserId, reason: body.reason } });
    });
    return { items: await listHelperAssignments(pool, ctx.tenantId, household.id) };
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'post', path: '/households/:id/help-records', tag: 'help', access: 'session',
    summary: 'Adds an entry (visit, measure or result, with the household\'s and the village\'s confirmations) to the household\'s 帮扶记录卡, checked against the form help.record; its helper or its village',
    params: idParams, body: formBody, responses: { 201: { description: 'the new entry', schema: ID_ANSWER } },
  }, async ({ req, params, body }) => {
    const auth = requireAuth(req);
    const household = await visibleHousehold(auth.actor, params.id);
    const ofVillage = auth.user.roles.some((r) => VILLAGE_ROLES.includes(r)) && isWithinScope(auth.actor, household.org_path);
    if (!isHelperOf(auth, household) && !ofVillage) throw refuse(req, '只有该户的帮扶责任人或本村两委、驻村工作组可以登记帮扶记录', 'Only the household\'s helper or its village records help');
    const entry = await checkForm(req, 'help.record', body) as unknown as NewCardEntry;
    const id = await db.transaction(async (client) => addCardEntry(client, {
      id: ctx.services.ids.uuid(), tenantId: ctx.tenantId, householdId: household.id, headIdNumber: household.head_id_number, helperName: auth.user.displayName,
      helperUnit: await unitName(auth.user.orgUnitId), enteredBy: auth.user.id, now: ctx.services.clock.now(), entry,
    }));
    if (id === null) throw new ValidationError(requestLocale(req) === 'en' ? 'Already on the card' : '帮扶记录卡已有同日同类同内容的记录', { '/content': [requestLocale(req) === 'en' ? 'this entry is already on the card' : '该记录已在帮扶记录卡上'] });
    return { id };
  });

  ctx.routes.add<unknown, unknown, { id: string; year: number }>(router, {
    method: 'put', path: '/households/:id/plans/:year', tag: 'help', access: 'session',
    summary: 'Writes the household\'s 一户一策 plan of the year (form help.plan), its current helper as the author',
    params: planParams, body: formBody, responses: { 200: { description: 'the plan\'s year', schema: { type: 'object', properties: { year: { type: 'integer' } } } } },
  }, async ({ req, params, body }) => {
    const auth = requireAuth(req);
    const household = await visibleHousehold(auth.actor, params.id);
    if (!isHelperOf(auth, household)) throw refuse(req, '一户一策计划由该户的帮扶责任人制定', 'The household\'s helper writes its plan');
    const data = await checkForm(req, 'help.plan', body);
    if (data.year !== params.year) throw new ValidationError(requestLocale(req) === 'en' ? 'Year mismatch' : '计划年度不符', { '/year': [requestLocale(req) === 'en' ? `must be ${params.year}` : `应为 ${params.year} 年`] });
    await db.transaction((client) => saveHelpPlan(client, {
      id: ctx.services.ids.uuid(), tenantId: ctx.tenantId, householdId: household.id, year: params.year, authorUserId: auth.user.id, authorName: auth.user.displayName, data, now: ctx.services.clock.now(),
    }));
    return { year: params.year };
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'post', path: '/households/:id/measures', tag: 'help', access: 'session',
    summary: 'Records a measure (form help.measure: education, health, employment, industry, social assistance, micro-credit, asset income) and files it on the 帮扶记录卡; the department that owns the kind or the household\'s helper',
    params: idParams, body: formBody, responses: { 201: { description: 'the new measure', schema: ID_ANSWER } },
  }, async ({ req, params, body }) => {
    const auth = requireAuth(req);
    const household = await visibleHousehold(auth.actor, params.id);
    const mayRecord = () => refuse(req, '该类措施由主管部门或该户的帮扶责任人登记', 'The department that owns this kind of measure, or the household\'s helper, records it');
    if (!auth.user.roles.includes('department_officer') && !isHelperOf(auth, household)) throw mayRecord();
    const data = await checkForm(req, 'help.measure', body);
    const config = configFor(Number(String(data.date).slice(0, 4)));
    const owner = ((config.measureOwners ?? {}) as Record<string, string>)[String(data.kind)];
    const { rows: [unit] } = await pool.query<{ name: string; department: string | null }>(`SELECT name, flags->>'department' AS department FROM org_units WHERE id = $1`, [auth.user.orgUnitId]);
    const ownsKind = auth.user.roles.includes('department_officer') && owner !== undefined && unit?.department === owner;
    if (!ownsKind && !isHelperOf(auth, household)) throw mayRecord();
    const id = await db.transaction((client) => recordMeasure(client, {
      ids: () => ctx.services.ids.uuid(), tenantId: ctx.tenantId, household: { id: household.id, headIdNumber: household.head_id_number }, data, config,
      actor: { userId: auth.user.id, name: auth.user.displayName, orgUnitId: auth.user.orgUnitId, unitName: unit?.name ?? '' }, now: ctx.services.clock.now(), locale: requestLocale(req),
    }));
    return { id };
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/households/:id/help-card.xlsx', tag: 'help', access: 'session',
    summary: 'The household\'s 帮扶记录卡 as an Excel workbook (every entry, processes\' and the form\'s)',
    params: idParams, responses: { 200: { description: 'the workbook', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  }, async ({ req, res, params }) => {
    const auth = requireAuth(req);
    const household = await visibleHousehold(auth.actor, params.id);
    const card = await listHelpCard(pool, ctx.tenantId, { id: household.id, headIdNumber: household.head_id_number });
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
    const config = configFor(year);
    const targets = Object.fromEntries(['enterpriseLinkageShare', 'enterpriseLinkageOf', 'trainingPerYear', 'transferredPerHousehold', 'pensionCoverage60', 'insuranceCoverage', 'medicalCostCoverage', 'schoolAllowanceCoverage']
      .map((k) => [k, config[k] ?? null]));
    if (scopePath === null) return { year, targets, total: null, towns: [], villages: [] };
    return { ...(await helpIndicatorReport(pool, ctx.tenantId, scopePath, year, config)), targets };
  });

  return router;
}
