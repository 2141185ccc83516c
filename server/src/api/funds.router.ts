import { Router } from 'express';
import type { Request } from 'express';
import type { ApiContext } from './api-context';
import { fundReport } from '../domain/funds';
import type { FundReceiptInput, InterestSubsidyInput } from '../domain/funds';
import { sendWorkbook } from './import-workbooks';
import { requestLocale, requireAuth } from './request-context';
import type { JsonSchema } from './request-validator';
import { writeSheets } from './workbook';
import type { FundReport } from '../contract';

const object = (properties: Record<string, JsonSchema>, required: string[] = []): JsonSchema => ({ type: 'object', properties, required, additionalProperties: false });
const year: JsonSchema = { type: 'integer', minimum: 2000, maximum: 2100 };
const amount: JsonSchema = { type: 'number', exclusiveMinimum: 0, maximum: 1e11, multipleOf: 0.01 };
const name = (max: number): JsonSchema => ({ type: 'string', minLength: 1, maxLength: max, pattern: '\\S' });
const fundQuery = object({ year });
const receiptBody = object({ year, source: name(60), amount, documentNumber: name(60) }, ['year', 'source', 'amount', 'documentNumber']);
const subsidyBody = object({
  householdId: name(60), loanAmount: amount, loanYears: { type: 'number', exclusiveMinimum: 0, maximum: 30 }, subsidyAmount: amount, source: name(60),
  paidOn: { type: 'string', format: 'date' },
}, ['householdId', 'loanAmount', 'loanYears', 'subsidyAmount', 'source', 'paidOn']);

/** The fund ledger: the report by source, town and project (JSON and Excel), receipts and interest subsidies. */
export function createFundsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { db } = ctx.services;
  // A county department (财政局 books the money) reads the county's report, read-only, as it reads the registry.
  const scopeOf = (req: Request) => {
    const { actor } = requireAuth(req);
    return actor.roles.includes('department_officer') ? actor.orgPath.split('/')[0] : actor.orgPath;
  };
  const report = (req: Request, y?: number) => fundReport(db.pool, {
    tenantId: ctx.tenantId, scopePath: scopeOf(req), year: y, perPerson: Number(ctx.services.configForYear(y ?? 2016).fundPerPerson ?? 0),
  });

  ctx.routes.add<unknown, { year?: number }>(router, {
    method: 'get', path: '/reports/funds', tag: 'reports', access: 'session',
    summary: 'The fund ledger by source and year (county users: received = allocated + balance), by town and by project within the caller\'s scope',
    query: fundQuery, responses: { 200: { description: 'the fund report', schema: { type: 'object', description: 'FundReport: standard, sources, towns, projects, totals' } } },
  }, async ({ req, query }): Promise<FundReport> => report(req, query.year));

  ctx.routes.add<unknown, { year?: number }>(router, {
    method: 'get', path: '/reports/funds.xlsx', tag: 'reports', access: 'session', operationId: 'exportFundReport',
    summary: 'The fund report as an Excel workbook: sheets 资金来源, 乡镇, 项目',
    query: fundQuery, responses: { 200: { description: 'the workbook', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
  }, async ({ req, res, query }) => {
    const r = await report(req, query.year);
    const buffer = await writeSheets([
      {
        name: '资金来源',
        columns: [{ header: '年度', key: 'year', width: 8 }, { header: '资金来源', key: 'source', width: 26 }, { header: '到位资金（元）', key: 'received' },
          { header: '已安排（元）', key: 'allocated' }, { header: '其中项目', key: 'toProjects' }, { header: '其中贴息', key: 'interestSubsidies' },
          { header: '已拨付（元）', key: 'disbursed' }, { header: '结余（元）', key: 'balance' }],
        rows: [...r.sources.map((s) => ({ ...s })), { source: '合计', ...r.totals }],
      },
      {
        name: '乡镇',
        columns: [{ header: '乡镇', key: 'townName' }, { header: '项目数', key: 'projects', width: 8 }, { header: '已安排（元）', key: 'allocated' },
          { header: '其中贴息', key: 'interestSubsidies' }, { header: '已拨付（元）', key: 'disbursed' }],
        rows: r.towns.map((t) => ({ ...t })),
      },
      {
        name: '项目',
        columns: [{ header: '项目名称', key: 'name', width: 30 }, { header: '乡镇', key: 'townName' }, { header: '村', key: 'villageName' }, { header: '状态', key: 'status' },
          { header: '批复预算（元）', key: 'approvedBudget' }, { header: '资金来源', key: 'sourcesText', width: 40 }, { header: '承建单位', key: 'contractor', width: 26 },
          { header: '合同金额（元）', key: 'contractAmount' }, { header: '已拨付（元）', key: 'paid' }, { header: '未拨付（元）', key: 'unpaid' }],
        rows: r.projects.map((p) => ({ ...p, sourcesText: p.sources.map((s) => `${s.source} ${s.amount}`).join('；') })),
      },
    ]);
    sendWorkbook(res, buffer, 'funds.xlsx', '扶贫资金报表.xlsx');
  });

  ctx.routes.add<FundReceiptInput>(router, {
    method: 'post', path: '/funds/receipts', tag: 'reports', access: 'session',
    summary: 'County reviewer or admin: books money received from a source for a year into the ledger',
    body: receiptBody, responses: { 201: { description: 'the receipt', schema: { type: 'object', properties: { id: { type: 'string' } } } } },
  }, async ({ req, body }) => ctx.services.runtime.bookFundReceipt({ receipt: body, actor: requireAuth(req).actor, locale: requestLocale(req) }));

  ctx.routes.add<InterestSubsidyInput>(router, {
    method: 'post', path: '/funds/interest-subsidies', tag: 'reports', access: 'session',
    summary: 'County reviewer or admin: posts a micro-credit loan\'s interest subsidy against a fund source (loan ≤ microCreditMax, ≤ microCreditYears)',
    body: subsidyBody, responses: { 201: { description: 'the posting', schema: { type: 'object', properties: { id: { type: 'string' } } } } },
  }, async ({ req, body }) => ctx.services.runtime.postLoanInterestSubsidy({ subsidy: body, actor: requireAuth(req).actor, locale: requestLocale(req) }));
  return router;
}
