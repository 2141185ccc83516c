import { Router } from 'express';
import type { Request } from 'express';
import type { ApiContext } from './api-context';
import { HOUSEHOLD_COLUMNS, HOUSEHOLD_TEMPLATE_NOTES, householdTemplateColumns } from '../runtime/import-households';
import { sendWorkbook, writeErrorWorkbook, writeImportTemplate } from './import-workbooks';
import { exportHouseholds, findVisibleHousehold, listHouseholds } from '../domain/households/registry.query';
import { listHouseholdVersions } from '../domain/households/household-versions';
import { HttpError } from './http-error';
import { filterPath } from '../domain/org-units/org-filters';
import { requestLocale, requireAuth } from './request-context';
import type { RequestAuth } from './request-context';
import { householdExportQuery, householdQuery, householdsQuery, idParams } from './request-schemas';
import { schemaRef } from './response-schemas';
import { decideUnmask } from './unmask';
import { householdReadScope, narrowScope } from '../auth/org-scope';
import { readUpload, XLSX_TYPES } from './upload';
import { readSheet, writeSheet } from './workbook';

interface Filters { town?: string; village?: string; category?: string; status?: string; cause?: string; q?: string; unmask?: string; reason?: string }

/** Roles that may import registry rows (county-wide data work). */
const IMPORT_ROLES = ['county_reviewer', 'admin'];
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** 建档立卡 registry: lists, one household, the Excel export and import. */
export function createHouseholdsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  const unmasking = (req: Request, auth: RequestAuth, query: Filters, target: string) => decideUnmask(ctx, req, auth, query, 'households.unmask', target);

  const scopeOf = async (auth: RequestAuth, query: Filters) => {
    const path = await filterPath(pool, ctx.tenantId, query.town, query.village);
    const scope = householdReadScope(auth.actor);
    const scopePath = path === null ? null : narrowScope({ orgPath: scope.path }, path);
    return scopePath === null ? null : { scopePath, helperUserId: scope.helperUserId };
  };

  ctx.routes.add<unknown, Filters>(router, {
    method: 'get', path: '/households/export.xlsx', tag: 'households', access: 'session',
    summary: 'The registry within the caller\'s scope as an Excel workbook; ID and bank numbers masked unless unmask=1 with a reason (county_reviewer, admin; audited)',
    query: householdExportQuery, responses: { 200: { description: 'the workbook', contentType: XLSX_TYPES[0] } },
  }, async ({ req, res, query }) => {
    const auth = requireAuth(req);
    const unmasked = await unmasking(req, auth, query, 'households/export');
    const scope = await scopeOf(auth, query);
    const rows = scope === null ? [] : await exportHouseholds(pool, ctx.tenantId, { ...query, ...scope }, unmasked);
    const buffer = await writeSheet('建档立卡', [
      { header: '镇', key: 'townName' }, { header: '村', key: 'villageName' }, { header: '户主姓名', key: 'headName' },
      { header: '身份证号', key: 'headIdNumber', width: 22 }, { header: '类别', key: 'category' }, { header: '状态', key: 'status' },
      { header: '人口数', key: 'size', width: 8 }, { header: '主要致贫原因', key: 'mainCause' }, { header: '人均可支配收入', key: 'perCapitaIncome' },
      { header: '银行账号', key: 'bankAccount', width: 24 }, { header: '登记时间', key: 'registeredAt', type: 'datetime' },
    ], rows);
    sendWorkbook(res, buffer, 'households.xlsx', '建档立卡.xlsx');
  });

  const requireImportRole = (req: Request) => {
    const auth = requireAuth(req);
    if (!auth.user.roles.some((r) => IMPORT_ROLES.includes(r))) {
      throw new HttpError(403, 'forbidden', requestLocale(req) === 'en' ? `Importing households needs one of the roles ${IMPORT_ROLES.join(', ')}` : '只有县级审核员或管理员可以导入建档立卡数据');
    }
    return auth;
  };

  ctx.routes.add(router, {
    method: 'get', path: '/households/import/template.xlsx', tag: 'households', access: 'session',
    summary: 'The household import template: the headers the import reads (required ones marked, each with a note), drop-down lists of the accepted categories, causes, statuses and towns, text format for ID, bank and phone numbers, and a sheet 填写说明 with every column\'s rules',
    responses: { 200: { description: 'the template workbook', contentType: XLSX_TYPES[0] } },
  }, async ({ req, res }) => {
    requireImportRole(req);
    const buffer = await writeImportTemplate('建档立卡导入', await householdTemplateColumns(pool, ctx.tenantId), HOUSEHOLD_TEMPLATE_NOTES);
    sendWorkbook(res, buffer, 'households-template.xlsx', '建档立卡导入模板.xlsx');
  });

  ctx.routes.add(router, {
    method: 'post', path: '/households/import/errors.xlsx', tag: 'households', access: 'session',
    summary: 'The error workbook of a refused household import: the same upload is checked as the import checks it, nothing is written, and the answer is the sheet\'s rows with each cell at fault marked and its messages in a column 错误说明 (plus a sheet 错误清单 by row and column); correct it and import it as it is',
    upload: { contentTypes: [XLSX_TYPES[0], 'multipart/form-data'] }, responses: { 200: { description: 'the error workbook', contentType: XLSX_TYPES[0] } },
  }, async ({ req, res }) => {
    const auth = requireImportRole(req);
    const locale = requestLocale(req);
    const sheet = await readSheet(await readUpload(req, MAX_UPLOAD_BYTES), HOUSEHOLD_COLUMNS, { locale });
    const problems = await ctx.services.runtime.checkHouseholds({ actor: auth.actor, sheet, locale });
    sendWorkbook(res, await writeErrorWorkbook('建档立卡导入', sheet, problems.all), 'households-errors.xlsx', '建档立卡导入错误表.xlsx');
  });

  ctx.routes.add(router, {
    method: 'post', path: '/households/import', tag: 'households', access: 'session',
    summary: 'Imports registry rows from an .xlsx workbook (镇, 村, 户主姓名, 身份证号, 类别, 状态, 人口数, 主要致贫原因, 银行账号, 联系电话; at most 20,000 rows, else 413), all or nothing: rows are checked with the household application form\'s rules and formula cells refused; any problem is a 400 naming row and column, and nothing is written',
    upload: { contentTypes: [XLSX_TYPES[0], 'multipart/form-data'] }, responses: { 200: { description: 'the import report', schema: schemaRef('ImportReport') } },
  }, async ({ req }) => {
    const auth = requireImportRole(req);
    const locale = requestLocale(req);
    const sheet = await readSheet(await readUpload(req, MAX_UPLOAD_BYTES), HOUSEHOLD_COLUMNS, { locale });
    return ctx.services.runtime.importHouseholds({ actor: auth.actor, sheet, locale });
  });

  ctx.routes.add<unknown, Filters & { page: number; pageSize: number }>(router, {
    method: 'get', path: '/households', tag: 'households', access: 'session', summary: 'Registered households within the caller\'s scope',
    query: householdsQuery, responses: { 200: { description: 'a page of households', schema: { type: 'object', properties: { items: { type: 'array', items: schemaRef('Household') } } } } },
  }, async ({ req, query }) => {
    const auth = requireAuth(req);
    const unmasked = await unmasking(req, auth, query, 'households');
    const scope = await scopeOf(auth, query);
    if (scope === null) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return listHouseholds(pool, ctx.tenantId, { ...query, ...scope }, unmasked);
  });

  ctx.routes.add<unknown, Filters, { id: string }>(router, {
    method: 'get', path: '/households/:id', tag: 'households', access: 'session', summary: 'One household: its record, help records and cases',
    params: idParams, query: householdQuery, responses: { 200: { description: 'the household', schema: schemaRef('Household') } },
  }, async ({ req, params, query }) => {
    const auth = requireAuth(req);
    // Check visibility before auditing an unmask, so a refused id leaves no audit row that names it.
    await findVisibleHousehold(pool, ctx.tenantId, auth.actor, params.id, false);
    const unmasked = await unmasking(req, auth, query, `households/${params.id}`);
    return findVisibleHousehold(pool, ctx.tenantId, auth.actor, params.id, unmasked, await ctx.sensitiveFields.fields());
  });

  ctx.routes.add<unknown, Filters, { id: string }>(router, {
    method: 'get', path: '/households/:id/versions', tag: 'households', access: 'session', summary: 'Every version of one household, newest first, with what changed from the one before',
    params: idParams, query: householdQuery, responses: { 200: { description: 'the versions', schema: { type: 'object', properties: { items: { type: 'array', items: schemaRef('HouseholdVersion') } } } } },
  }, async ({ req, params, query }) => {
    const auth = requireAuth(req);
    // The household page's own check: a household outside the caller's scope is answered as missing.
    await findVisibleHousehold(pool, ctx.tenantId, auth.actor, params.id, false);
    const unmasked = await unmasking(req, auth, query, `households/${params.id}/versions`);
    return { items: await listHouseholdVersions(pool, ctx.tenantId, params.id, unmasked) };
  });

  return router;
}
