import { setImmediate as nextTurn } from 'node:timers/promises';
import { ConflictError } from '../kernel';
import type { Actor } from '../kernel';
import { auditActorOf, insertAuditEvent } from '../store/audit-events.repository';
import type { RuntimeDeps } from './runtime-deps';
import type { Database } from '../store/database';
import { findTakenOrgUnitIds, insertOrgUnits, listOrgUnitsAtLevels } from '../store/org-units.repository';
import type { NewOrgUnit } from '../store/org-units.repository';
import type { ImportReport } from '../contract';
import { ImportProblems, MAX_IMPORT_ROWS, quote, requireColumns, requireRows, unsafeCellMessage } from '../domain/imports/sheet';
import type { ImportLocale, Sheet, TemplateColumn } from '../domain/imports/sheet';

/** Accepted headers of the org-unit import sheet. */
export const ORG_UNIT_COLUMNS: Record<string, string> = {
  代码: 'id', 编码: 'id', id: 'id', 名称: 'name', name: 'name', 上级代码: 'parentId', 上级编码: 'parentId', parentId: 'parentId',
  级别: 'level', level: 'level', 相对贫困村: 'poorVillage', poorVillage: 'poorVillage',
};

const LABELS: Record<string, { zh: string; en: string }> = {
  id: { zh: '代码', en: 'id' }, name: { zh: '名称', en: 'name' }, parentId: { zh: '上级代码', en: 'parentId' },
  level: { zh: '级别', en: 'level' }, poorVillage: { zh: '相对贫困村', en: 'poorVillage' },
};
const REQUIRED = ['id', 'name', 'parentId', 'level'];

const LEVELS: Record<string, string> = { 镇: 'town', 乡镇: 'town', town: 'town', 村: 'village', 行政村: 'village', village: 'village', 村民小组: 'group', group: 'group' };
const LEVEL_NAMES: Record<string, { zh: string; en: string }> = {
  county: { zh: '县', en: 'county' }, town: { zh: '镇', en: 'town' }, village: { zh: '村', en: 'village' }, group: { zh: '村民小组', en: 'group' },
};
const CHILD_LEVEL: Record<string, string> = { county: 'town', town: 'village', village: 'group' };
const YES = new Set(['是', 'Y', 'y', 'yes', '1', 'true']);
const NO = new Set(['否', 'N', 'n', 'no', '0', 'false']);

/**
 * The same rules as `POST /api/admin/org-units` (a 6–15 digit code, a name of at most 100
 * characters), and no markup in a name: names are shown on every page, notice and export.
 */
const CODE = /^\d{6,15}$/;
const NAME_MAX = 100;
const MARKUP = /[<>]/;

/**
 * Imports org units (towns, villages, 村民小组) below existing ones, all or nothing: each row
 * needs a numeric code not used yet, a name, a known parent (in the database or earlier in the
 * sheet) one level up; formula cells are refused. Any problem answers 400 with a message per row
 * and column and writes nothing; otherwise the units are inserted in one transaction, with the
 * import's audit row.
 */
export async function importOrgUnits(deps: Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'clock'>, input: { actor: Actor; sheet: Sheet; locale: ImportLocale }): Promise<ImportReport> {
  const { db, tenantId } = deps;
  const { locale } = input;
  const { accepted, problems } = await checkOrgUnitRows(db, tenantId, input.sheet, locale);
  problems.throwIfAny();
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  try {
    await db.transaction(async (tx) => {
      // One statement: all rows or none.
      await insertOrgUnits(tx, accepted.map((a) => a.unit));
      await insertAuditEvent(tx, {
        id: deps.ids.uuid(), tenantId, at: deps.clock.now(), action: 'org-units.import', actor: auditActorOf(input.actor),
        details: { total: accepted.length, imported: accepted.length },
      });
    });
  } catch (err) {
    // A unit created by someone else since the check above: the whole sheet stays out.
    if ((err as { code?: string }).code === '23505') {
      throw new ConflictError(say('导入期间有代码已被他人创建，未写入任何数据，请重新导入', 'A code was created by someone else during the import; nothing was imported, import again'));
    }
    throw err;
  }
  return { total: accepted.length, imported: accepted.length, failed: 0, rows: accepted.map((a) => ({ row: a.row, ok: true, id: a.unit.id })) };
}

/** Every problem {@link importOrgUnits} would refuse the sheet for, with nothing written: what the error workbook lists. */
export async function checkOrgUnits(deps: Pick<RuntimeDeps, 'db' | 'tenantId'>, input: { sheet: Sheet; locale: ImportLocale }): Promise<ImportProblems> {
  return (await checkOrgUnitRows(deps.db, deps.tenantId, input.sheet, input.locale)).problems;
}

async function checkOrgUnitRows(db: Database, tenantId: string, sheet: Sheet, locale: ImportLocale): Promise<{ accepted: Array<{ row: number; unit: NewOrgUnit }>; problems: ImportProblems }> {
  const say = (zh: string, en: string) => (locale === 'en' ? en : zh);
  const levelName = (level: string) => say(LEVEL_NAMES[level]?.zh ?? level, LEVEL_NAMES[level]?.en ?? level);
  requireColumns(sheet, REQUIRED, LABELS, locale);
  requireRows(sheet, locale);
  const existing = await listOrgUnitsAtLevels(db.pool, tenantId);
  const known = new Map<string, { level: string; path: string }>(existing.map((u) => [u.id, { level: u.level, path: u.path }]));
  // A code is the table's key, unique across tenants, as the single-unit endpoint checks it.
  const codes = sheet.rows.map((r) => r.cells.id).filter((id): id is string => typeof id === 'string' && CODE.test(id));
  const taken = await findTakenOrgUnitIds(db.pool, codes);
  const problems = new ImportProblems(sheet.columns, LABELS, locale);
  const firstRowOf = new Map<string, number>();
  const accepted: Array<{ row: number; unit: NewOrgUnit }> = [];

  for (const [index, { row, cells, unsafe }] of sheet.rows.entries()) {
    if (index % 500 === 499) await nextTurn();
    const before = problems.size;
    for (const [field, kind] of Object.entries(unsafe)) problems.add(row, field, unsafeCellMessage(kind, locale));
    const required = say('必填', 'is required');
    const id = cells.id ?? '';
    const name = cells.name ?? '';
    const level = LEVELS[cells.level ?? ''];
    const parent = known.get(cells.parentId ?? '');
    if (!unsafe.id) {
      if (!id) problems.add(row, 'id', required);
      else if (!CODE.test(id)) problems.add(row, 'id', say('应为 6 到 15 位数字', 'must be 6 to 15 digits'));
      else if (firstRowOf.has(id)) problems.add(row, 'id', say(`与第 ${firstRowOf.get(id)} 行重复`, `repeats row ${firstRowOf.get(id)}`));
      else if (taken.has(id)) problems.add(row, 'id', say(`${id} 已存在`, `${id} exists already`));
    }
    if (!unsafe.name) {
      if (!name) problems.add(row, 'name', required);
      else if (name.length > NAME_MAX) problems.add(row, 'name', say(`不能超过 ${NAME_MAX} 个字符`, `must be at most ${NAME_MAX} characters`));
      else if (MARKUP.test(name)) problems.add(row, 'name', say('不能包含 < 或 >', 'may not contain < or >'));
    }
    if (!unsafe.level) {
      if (!cells.level) problems.add(row, 'level', required);
      else if (!level) problems.add(row, 'level', say('应为 镇、村 或 村民小组', 'must be town, village or group'));
    }
    if (!unsafe.parentId) {
      if (!cells.parentId) problems.add(row, 'parentId', required);
      else if (!parent) problems.add(row, 'parentId', say(`未知的上级「${quote(cells.parentId)}」`, `unknown parent "${quote(cells.parentId)}"`));
      else if (level && CHILD_LEVEL[parent.level] !== level) {
        problems.add(row, 'level', say(`${levelName(level)}不能直属于${levelName(parent.level)}级单位`, `a ${levelName(level)} cannot sit directly below a ${levelName(parent.level)}`));
      }
    }
    const poor = cells.poorVillage ?? '';
    if (!unsafe.poorVillage && poor && !YES.has(poor) && !NO.has(poor)) problems.add(row, 'poorVillage', say('应为 是 或 否', 'must be yes or no'));
    if (CODE.test(id) && !firstRowOf.has(id)) firstRowOf.set(id, row);
    if (problems.size > before) continue;

    const path = `${parent!.path}/${id}`;
    known.set(id, { level, path });
    accepted.push({ row, unit: { id, tenantId, parentId: cells.parentId!, level, name, path, flags: YES.has(poor) ? { relativelyPoor: true } : {} } });
  }
  return { accepted, problems };
}

/** The org-unit import template's columns. */
export const ORG_UNIT_TEMPLATE_COLUMNS: TemplateColumn[] = [
  { header: '代码', required: true, hint: '6 到 15 位数字的统计用区划代码，不能与已有单位重复。', text: true, width: 18 },
  { header: '名称', required: true, hint: `单位名称，不超过 ${NAME_MAX} 个字，不能含 < 或 >。`, width: 18 },
  { header: '上级代码', required: true, hint: '上一级单位的代码（已有的，或本表中更靠前的行）。', text: true, width: 18 },
  { header: '级别', required: true, hint: '镇的上级是县，村的上级是镇，村民小组的上级是村。', choices: ['镇', '村', '村民小组'] },
  { header: '相对贫困村', required: false, hint: '只对村填写：是 或 否，不填为否。', choices: ['是', '否'] },
];

/** Notes under the column list of the org-unit template's 填写说明 sheet. */
export const ORG_UNIT_TEMPLATE_NOTES = [
  '第一行为表头，请勿修改；数据从第二行起，每行一个单位，上级在前、下级在后。',
  `每次最多导入 ${MAX_IMPORT_ROWS} 行；只读取第一个工作表。`,
  '导入为整表校验：任何一行有错，整表都不写入。请下载“错误表”，按标红的单元格改正后重新导入。',
];
