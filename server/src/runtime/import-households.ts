import { setImmediate as nextTurn } from 'node:timers/promises';
import { createFormValidator, isValidIdCard } from '../forms';
import type { FormDocument, FormValidator } from '../forms';
import type { Actor } from '../kernel';
import { registerImportedHouseholds } from '../domain/households/household-import.writer';
import type { ImportedHousehold } from '../domain/households/household-import.writer';
import type { Database } from '../store/database';
import { findLatestPublishedForm } from '../store/forms.repository';
import { listOrgUnitsAtLevels } from '../store/org-units.repository';
import type { SqlClient } from '../store/sql-client';
import { canSee } from '../auth/org-scope';
import { ImportProblems, MAX_IMPORT_ROWS, quote, requireColumns, requireRows, unsafeCellMessage } from '../domain/imports/sheet';
import type { ImportLocale, Sheet, TemplateColumn } from '../domain/imports/sheet';
import type { ImportReport } from '../contract';
import { auditActorOf, insertAuditEvent } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';

/** Accepted headers of the household import sheet (zh as exported, or en). */
export const HOUSEHOLD_COLUMNS: Record<string, string> = {
  镇: 'town', town: 'town', 村: 'village', village: 'village', 户主姓名: 'headName', headName: 'headName',
  身份证号: 'idNumber', 户主身份证号: 'idNumber', idNumber: 'idNumber', 类别: 'category', category: 'category',
  状态: 'status', status: 'status', 人口数: 'size', size: 'size', 主要致贫原因: 'mainCause', mainCause: 'mainCause',
  银行账号: 'bankAccount', bankAccount: 'bankAccount', 联系电话: 'phone', phone: 'phone',
};

/** Column names of the household sheet, for messages about a column the sheet lacks. */
const LABELS: Record<string, { zh: string; en: string }> = {
  town: { zh: '镇', en: 'town' }, village: { zh: '村', en: 'village' }, headName: { zh: '户主姓名', en: 'headName' },
  idNumber: { zh: '身份证号', en: 'idNumber' }, category: { zh: '类别', en: 'category' }, status: { zh: '状态', en: 'status' },
  size: { zh: '人口数', en: 'size' }, mainCause: { zh: '主要致贫原因', en: 'mainCause' }, bankAccount: { zh: '银行账号', en: 'bankAccount' },
  phone: { zh: '联系电话', en: 'phone' },
};
const REQUIRED = ['town', 'village', 'headName', 'idNumber'];

/** Household categories (DOMAIN.md, Guangdong 2016–18) and statuses. */
export const CATEGORIES = ['一般贫困户', '扶贫低保户', '低保户', '五保户'];
export const STATUSES = ['未脱贫', '预脱贫', '已脱贫', '返贫'];

/** The form whose household part sets the rules for imported rows. */
const APPLICATION_FORM = 'household-identification.application';

/** The answer of an import that went through: every row, each with the id it was registered under (the contract's). */
export type { ImportReport };

/** The parts of a JSON Schema the walk below reads. */
interface Schema {
  [keyword: string]: unknown;
  $ref?: unknown;
  $defs?: Record<string, Schema>;
  properties?: Record<string, Schema>;
  allOf?: Schema[];
  enum?: unknown[];
  maxItems?: unknown;
}

/** Follows local `$ref`s (`#/$defs/x`) of a form schema. */
function resolveRef(root: Schema, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    const name = /^#\/\$defs\/([^/]+)$/.exec(current.$ref as string)?.[1];
    current = name ? root.$defs?.[name] : undefined;
  }
  return current;
}

/** The schema of property `name` of `schema`, looking through `$ref` and `allOf` as AJV does. */
function propertyOf(root: Schema, schema: Schema | undefined, name: string): Schema | undefined {
  const resolved = resolveRef(root, schema);
  if (!resolved) return undefined;
  if (resolved.properties?.[name]) return resolved.properties[name];
  for (const part of resolved.allOf ?? []) {
    const found = propertyOf(root, part, name);
    if (found) return found;
  }
  return undefined;
}

const rowForms = new Map<string, FormDocument>();
let validator: FormValidator | undefined;

/**
 * The form an imported row is checked against: each column takes the rule of the matching field
 * in the household part of the published household application form (户主姓名 the head's name,
 * 身份证号 the 18-digit ID with its checksum, 银行账号, 联系电话, 类别, 主要致贫原因), so a row is
 * held to what the form holds a clerk to. 状态 and 人口数 are registry fields the form does not
 * have. A field the form no longer has falls back to a bounded text.
 */
async function householdRowForm(db: SqlClient, tenantId: string): Promise<FormDocument> {
  const source = await findLatestPublishedForm(db, tenantId, APPLICATION_FORM);
  const cacheKey = `${tenantId}|${source?.version ?? 0}`;
  const cached = rowForms.get(cacheKey);
  if (cached) return cached;
  const root: Schema = source?.schema ?? {};
  const household = propertyOf(root, root, 'household');
  const head = propertyOf(root, household, 'head');
  const bounded = { type: 'string', maxLength: 100 };
  const rule = (schema: Schema | undefined) => schema ?? bounded;
  const members = resolveRef(root, propertyOf(root, household, 'members'));
  const form: FormDocument = {
    key: 'household-identification.importRow',
    version: source?.version ?? 0,
    title: { zh: '建档立卡导入行', en: 'Registry import row' },
    uiSchema: {},
    schema: {
      type: 'object',
      required: ['headName', 'idNumber'],
      $defs: root.$defs ?? {},
      properties: {
        headName: rule(propertyOf(root, head, 'name')),
        idNumber: rule(propertyOf(root, head, 'idNumber')),
        phone: rule(propertyOf(root, head, 'phone')),
        bankAccount: rule(propertyOf(root, household, 'bankAccount')),
        category: rule(propertyOf(root, household, 'category')),
        mainCause: rule(propertyOf(root, household, 'mainCause')),
        status: { type: 'string', enum: STATUSES },
        size: { type: 'integer', minimum: 1, maximum: typeof members?.maxItems === 'number' ? members.maxItems : 30 },
      },
    },
  };
  rowForms.set(cacheKey, form);
  return form;
}

/** The choices of an enum field of the row form, to name them when a value is not one. */
function choicesOf(form: FormDocument, field: string): string[] | undefined {
  const schema = form.schema as Schema;
  const rule = resolveRef(schema, schema.properties?.[field]);
  return Array.isArray(rule?.enum) ? rule.enum.map(String) : undefined;
}

/** What the import's checks need besides the sheet. */
interface HouseholdImportDeps {
  tenantId: string;
  uuid(): string;
  now: Date;
  locale: ImportLocale;
}

/** A household import: who imports, the sheet as read, the language of the messages. */
export interface HouseholdImportInput {
  actor: Actor;
  sheet: Sheet;
  locale: ImportLocale;
}

type ImportDeps = Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>;
const importDeps = (deps: ImportDeps, locale: ImportLocale): HouseholdImportDeps => ({ tenantId: deps.tenantId, uuid: () => deps.ids.uuid(), now: deps.clock.now(), locale });

/**
 * Imports registered households from a sheet, all or nothing. Each row is checked against the
 * household application form's rules (see householdRowForm), its town and village must exist and
 * lie within the importer's scope, formula cells are refused, an ID number may appear once in the
 * sheet and not be registered yet. Any problem answers 400 with a message per row and column and
 * writes nothing; otherwise every row is inserted in one transaction, with the import's audit row.
 */
export async function importHouseholds(deps: ImportDeps, input: HouseholdImportInput): Promise<ImportReport> {
  const { report, problems } = await runHouseholdImport(deps.db, importDeps(deps, input.locale), input.actor, input.sheet, true);
  problems.throwIfAny();
  return report!;
}

/**
 * Every problem {@link importHouseholds} would refuse the sheet for, found the same way (the
 * registry check included, in a transaction that is rolled back), with nothing written: what the
 * error workbook lists.
 */
export async function checkHouseholds(deps: ImportDeps, input: HouseholdImportInput): Promise<ImportProblems> {
  return (await runHouseholdImport(deps.db, importDeps(deps, input.locale), input.actor, input.sheet, false)).problems;
}

/** Thrown inside the registry transaction of a check, so nothing it inserted stays. */
class CheckOnly extends Error {}

async function runHouseholdImport(db: Database, deps: HouseholdImportDeps, actor: Actor, sheet: Sheet, write: boolean): Promise<{ report?: ImportReport; problems: ImportProblems }> {
  const { locale } = deps;
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  requireColumns(sheet, REQUIRED, LABELS, locale);
  requireRows(sheet, locale);
  const units = await listOrgUnitsAtLevels(db.pool, deps.tenantId, ['town', 'village']);
  const townsByName = new Map(units.filter((u) => u.level === 'town').flatMap((u) => [[u.name, u], [u.id, u]]));
  const form = await householdRowForm(db.pool, deps.tenantId);
  validator ??= createFormValidator();
  const problems = new ImportProblems(sheet.columns, LABELS, locale);
  const firstRowOf = new Map<string, number>();
  const accepted: Array<{ row: number; id: string; record: ImportedHousehold }> = [];

  for (const [index, { row, cells, unsafe }] of sheet.rows.entries()) {
    if (index % 500 === 499) await nextTurn();
    const before = problems.size;
    for (const [field, kind] of Object.entries(unsafe)) problems.add(row, field, unsafeCellMessage(kind, locale));
    const required = say('必填', 'is required');
    const town = cells.town ? townsByName.get(cells.town) : undefined;
    if (!cells.town && !unsafe.town) problems.add(row, 'town', required);
    else if (cells.town && !town) problems.add(row, 'town', say(`未知的乡镇「${quote(cells.town)}」`, `unknown town "${quote(cells.town)}"`));
    const village = town && cells.village
      ? units.find((u) => u.level === 'village' && u.parentId === town.id && (u.name === cells.village || u.id === cells.village)) : undefined;
    if (!cells.village && !unsafe.village) problems.add(row, 'village', required);
    else if (town && cells.village && !village) problems.add(row, 'village', say(`${town.name}没有「${quote(cells.village)}」`, `${town.name} has no village "${quote(cells.village)}"`));
    if (village && !canSee(actor, village.path)) problems.add(row, 'village', say(`${village.name}不在您的管辖范围内`, `${village.name} is outside your scope`));

    // The row as the form sees it: empty cells are absent, 人口数 a number when it reads as one.
    const data: Record<string, unknown> = {};
    for (const field of ['headName', 'idNumber', 'phone', 'bankAccount', 'category', 'mainCause', 'status', 'size']) {
      if (unsafe[field] || !cells[field]) continue;
      data[field] = field === 'idNumber' ? cells[field].toUpperCase() : cells[field];
    }
    if (typeof data.size === 'string' && /^\d+(\.0+)?$/.test(data.size)) data.size = Number(data.size);
    const result = validator.validate(form, data, locale);
    for (const [pointer, messages] of Object.entries(result.fields)) {
      const field = pointer.split('/')[1] ?? '';
      // A refused cell has its message already; "required" on top of it would only repeat it.
      if (!field || unsafe[field]) continue;
      const choices = choicesOf(form, field);
      for (const message of messages) {
        // The form offers a list; the sheet is typed, so say what the list is.
        problems.add(row, field, choices && !choices.some((c) => message.includes(c)) && data[field] !== undefined && !choices.includes(String(data[field]))
          ? `${message}${say(`（可选：${choices.join('、')}）`, ` (one of: ${choices.join(', ')})`)}` : message);
      }
    }
    const idNumber = typeof data.idNumber === 'string' ? data.idNumber : '';
    // The registry is keyed by a valid ID number even if the form were edited to check less.
    if (idNumber && !result.fields['/idNumber'] && !isValidIdCard(idNumber)) problems.add(row, 'idNumber', say('不是有效的18位身份证号', 'is not a valid 18-character ID number'));
    if (idNumber && firstRowOf.has(idNumber)) problems.add(row, 'idNumber', say(`与第 ${firstRowOf.get(idNumber)} 行重复`, `repeats row ${firstRowOf.get(idNumber)}`));
    else if (idNumber) firstRowOf.set(idNumber, row);
    if (problems.size > before) continue;

    const status = (data.status as string | undefined) ?? '未脱贫';
    const id = deps.uuid();
    accepted.push({
      row, id, record: {
        id, tenantId: deps.tenantId, orgUnitId: village!.id, orgPath: village!.path, headName: String(data.headName), headIdNumber: idNumber,
        category: typeof data.category === 'string' ? data.category : null, status, at: deps.now,
        data: {
          address: { town: town!.name, village: village!.name }, head: { name: data.headName, idNumber, phone: data.phone },
          category: data.category, mainCause: data.mainCause, bankAccount: data.bankAccount, size: data.size, importedRow: row,
        },
      },
    });
  }
  if (problems.size && write) return { problems };

  try {
    const report = await registerImportedHouseholds(db, deps.tenantId, accepted.map((a) => a.record), async (known, client) => {
      for (const a of accepted) {
        if (known.has(a.record.headIdNumber)) problems.add(a.row, 'idNumber', say('该身份证号已在建档立卡名单或在办申请中', 'this ID number is registered or in an open application already'));
      }
      // Throwing rolls the transaction back: nothing of the sheet stays.
      if (!write) throw new CheckOnly();
      problems.throwIfAny();
      await insertAuditEvent(client, {
        id: deps.uuid(), tenantId: deps.tenantId, at: deps.now, action: 'households.import', actor: auditActorOf(actor),
        details: { total: accepted.length, imported: accepted.length },
      });
      return {
        total: accepted.length, imported: accepted.length, failed: 0,
        rows: accepted.map((a) => ({ row: a.row, ok: true, id: a.id })),
      };
    });
    return { report, problems };
  } catch (err) {
    if (err instanceof CheckOnly) return { problems };
    throw err;
  }
}

/**
 * The household import template's columns, with the choices of the household application form
 * the rows are checked against (类别, 主要致贫原因) and the county's towns, so the template offers
 * exactly what the import accepts.
 */
export async function householdTemplateColumns(db: SqlClient, tenantId: string): Promise<TemplateColumn[]> {
  const form = await householdRowForm(db, tenantId);
  const towns = (await listOrgUnitsAtLevels(db, tenantId, ['town'])).map((u) => u.name);
  const sizeRule = (form.schema as Schema).properties?.size as { maximum?: number } | undefined;
  return [
    { header: '镇', required: true, hint: '乡镇名称，如“华城镇”。', choices: towns },
    { header: '村', required: true, hint: '行政村名称，须是该镇下的村，如“董源村”。' },
    { header: '户主姓名', required: true, hint: '与身份证一致的中文姓名。' },
    { header: '身份证号', required: true, hint: '18 位身份证号（末位可为 X），每户只出现一次。', text: true, width: 22 },
    { header: '类别', required: false, hint: '建档立卡户的类别。', choices: choicesOf(form, 'category') },
    { header: '状态', required: false, hint: '不填为“未脱贫”。', choices: STATUSES },
    { header: '人口数', required: false, hint: '家庭人口数，整数。', whole: { min: 1, max: sizeRule?.maximum ?? 30 }, width: 8 },
    { header: '主要致贫原因', required: false, hint: '从列表中选择一项。', choices: choicesOf(form, 'mainCause') },
    { header: '银行账号', required: false, hint: '补贴发放账号，只填数字。', text: true, width: 24 },
    { header: '联系电话', required: false, hint: '手机号，或带区号的固定电话（如 0753-4432100）。', text: true, width: 16 },
  ];
}

/** Notes under the column list of the household template's 填写说明 sheet. */
export const HOUSEHOLD_TEMPLATE_NOTES = [
  '第一行为表头，请勿修改；数据从第二行起，每行一户。',
  `每次最多导入 ${MAX_IMPORT_ROWS} 行；只读取第一个工作表。`,
  '导入为整表校验：任何一行有错，整表都不写入。请下载“错误表”，按标红的单元格改正后重新导入。',
  '不接受公式，也不接受以 = + - @ 开头的内容。',
];
