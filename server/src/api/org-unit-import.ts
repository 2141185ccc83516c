import type { Pool } from 'pg';
import type { SheetRow } from './workbook';
import type { ImportReport } from './household-import';

/** Accepted headers of the org-unit import sheet. */
export const ORG_UNIT_COLUMNS: Record<string, string> = {
  代码: 'id', 编码: 'id', id: 'id', 名称: 'name', name: 'name', 上级代码: 'parentId', 上级编码: 'parentId', parentId: 'parentId',
  级别: 'level', level: 'level', 相对贫困村: 'poorVillage', poorVillage: 'poorVillage',
};

const LEVELS: Record<string, string> = { 镇: 'town', 乡镇: 'town', town: 'town', 村: 'village', 行政村: 'village', village: 'village', 村民小组: 'group', group: 'group' };
const CHILD_LEVEL: Record<string, string> = { county: 'town', town: 'village', village: 'group' };
const YES = new Set(['是', 'Y', 'y', 'yes', '1', 'true']);

/**
 * Imports org units (towns, villages, 村民小组) below existing ones: each row needs a numeric code,
 * a name, a known parent (in the database or earlier in the sheet) one level up. New units only;
 * a code that exists is reported, not overwritten.
 */
export async function importOrgUnits(pool: Pool, tenantId: string, rows: SheetRow[]): Promise<ImportReport> {
  const { rows: existing } = await pool.query('SELECT id, level, path FROM org_units WHERE tenant_id = $1', [tenantId]);
  const known = new Map<string, { level: string; path: string }>(existing.map((u) => [u.id, { level: u.level, path: u.path }]));
  const report: ImportReport = { total: rows.length, imported: 0, failed: 0, rows: [] };
  const accepted: Array<Record<string, unknown>> = [];
  for (const { row, cells } of rows) {
    const errors: string[] = [];
    const id = cells.id ?? '';
    const level = LEVELS[cells.level ?? ''];
    const parent = known.get(cells.parentId ?? '');
    if (!/^\d{6,15}$/.test(id)) errors.push('代码: 应为 6 到 15 位数字');
    else if (known.has(id)) errors.push(`代码: ${id} 已存在`);
    if (!cells.name) errors.push('名称: 必填');
    if (!level) errors.push('级别: 应为 镇、村 或 村民小组');
    if (!parent) errors.push(`上级代码: 未知的上级 "${cells.parentId ?? ''}"`);
    else if (level && CHILD_LEVEL[parent.level] !== level) errors.push(`级别: ${cells.level} 不能直属于 ${parent.level} 级单位`);
    if (errors.length) {
      report.rows.push({ row, ok: false, errors });
      continue;
    }
    const path = `${parent!.path}/${id}`;
    known.set(id, { level, path });
    accepted.push({ id, tenant_id: tenantId, parent_id: cells.parentId, level, name: cells.name, path, flags: YES.has(cells.poorVillage ?? '') ? { relativelyPoor: true } : {} });
    report.rows.push({ row, ok: true, id });
  }
  if (accepted.length) {
    await pool.query(
      `INSERT INTO org_units (id, tenant_id, parent_id, level, name, path, flags)
       SELECT r.id, r.tenant_id, r.parent_id, r.level, r.name, r.path, r.flags
       FROM jsonb_to_recordset($1::jsonb) AS r(id text, tenant_id text, parent_id text, level text, name text, path text, flags jsonb)`,
      [JSON.stringify(accepted)]);
  }
  report.imported = accepted.length;
  report.failed = report.total - report.imported;
  return report;
}
