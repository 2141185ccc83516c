import { Router } from 'express';
import type { Request } from 'express';
import { listOrgUnits, resolveOrgUnit } from '../store/org-units.repository';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { ORG_UNIT_COLUMNS, ORG_UNIT_TEMPLATE_COLUMNS, ORG_UNIT_TEMPLATE_NOTES } from '../runtime/import-org-units';
import { sendWorkbook, writeErrorWorkbook, writeImportTemplate } from './import-workbooks';
import { requestLocale, requireAuth } from './request-context';
import { orgUnitsQuery } from './request-schemas';
import { itemsOf, schemaRef } from './response-schemas';
import { readUpload, XLSX_TYPES } from './upload';
import { readSheet } from './workbook';

/**
 * `GET /api/org-units` (public: the notice pages filter by town and village; the organisation
 * chart holds no personal data) and `POST /api/org-units/import` (admin).
 */
export function createOrgUnitsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<unknown, { parent?: string; level?: string }>(router, {
    method: 'get', path: '/org-units', tag: 'org-units', access: 'public', summary: 'Org units below a parent (id or name), or by level',
    query: orgUnitsQuery, responses: { 200: { description: 'org units', schema: itemsOf('OrgUnit') } },
  }, async ({ query }) => {
    const parent = query.parent ? await resolveOrgUnit(pool, ctx.tenantId, query.parent) : undefined;
    if (query.parent && !parent) return { items: [] };
    const units = await listOrgUnits(pool, ctx.tenantId, { parentId: parent?.id, level: query.level ?? (parent ? undefined : 'town') });
    return { items: units.map((u) => ({ id: u.id, parentId: u.parentId, level: u.level, name: u.name, path: u.path, relativelyPoor: u.flags.relativelyPoor === true, ...(u.flags.demo === true ? { demo: true } : {}) })) };
  });

  const requireAdmin = (req: Request) => {
    const auth = requireAuth(req);
    if (!auth.user.roles.includes('admin')) throw new HttpError(403, 'forbidden', requestLocale(req) === 'en' ? 'Importing org units needs the admin role' : '只有管理员可以导入组织机构');
    return auth;
  };

  ctx.routes.add(router, {
    method: 'get', path: '/org-units/import/template.xlsx', tag: 'org-units', access: 'session',
    summary: 'The org-unit import template: the headers the import reads (required ones marked, each with a note), drop-down lists of 级别 and 相对贫困村, codes as text, and a sheet 填写说明; admin only',
    responses: { 200: { description: 'the template workbook', contentType: XLSX_TYPES[0] } },
  }, async ({ req, res }) => {
    requireAdmin(req);
    sendWorkbook(res, await writeImportTemplate('组织机构导入', ORG_UNIT_TEMPLATE_COLUMNS, ORG_UNIT_TEMPLATE_NOTES), 'org-units-template.xlsx', '组织机构导入模板.xlsx');
  });

  ctx.routes.add(router, {
    method: 'post', path: '/org-units/import/errors.xlsx', tag: 'org-units', access: 'session',
    summary: 'The error workbook of a refused org-unit import: the upload checked as the import checks it, nothing written, the rows back with each cell at fault marked and a column 错误说明; admin only',
    upload: { contentTypes: [XLSX_TYPES[0], 'multipart/form-data'] }, responses: { 200: { description: 'the error workbook', contentType: XLSX_TYPES[0] } },
  }, async ({ req, res }) => {
    requireAdmin(req);
    const locale = requestLocale(req);
    const sheet = await readSheet(await readUpload(req, 10 * 1024 * 1024), ORG_UNIT_COLUMNS, { locale });
    const problems = await ctx.services.runtime.checkOrgUnits({ sheet, locale });
    sendWorkbook(res, await writeErrorWorkbook('组织机构导入', sheet, problems.all), 'org-units-errors.xlsx', '组织机构导入错误表.xlsx');
  });

  ctx.routes.add(router, {
    method: 'post', path: '/org-units/import', tag: 'org-units', access: 'session',
    summary: 'Imports towns, villages and 村民小组 from an .xlsx workbook (代码, 名称, 上级代码, 级别, 相对贫困村; at most 20,000 rows, else 413), all or nothing: any problem is a 400 naming row and column, and nothing is written; admin only',
    upload: { contentTypes: [XLSX_TYPES[0], 'multipart/form-data'] }, responses: { 200: { description: 'the import report', schema: schemaRef('ImportReport') } },
  }, async ({ req }) => {
    const auth = requireAdmin(req);
    const locale = requestLocale(req);
    const sheet = await readSheet(await readUpload(req, 10 * 1024 * 1024), ORG_UNIT_COLUMNS, { locale });
    return ctx.services.runtime.importOrgUnits({ actor: auth.actor, sheet, locale });
  });

  return router;
}
