import type { Pool } from 'pg';
import { isValidIdCard } from '../forms';
import type { Actor } from '../runtime/ports';
import { canSee } from './scope';
import type { SheetRow } from './workbook';

/** Accepted headers of the household import sheet (zh as exported, or en). */
export const HOUSEHOLD_COLUMNS: Record<string, string> = {
  镇: 'town', town: 'town', 村: 'village', village: 'village', 户主姓名: 'headName', headName: 'headName',
  身份证号: 'idNumber', 户主身份证号: 'idNumber', idNumber: 'idNumber', 类别: 'category', category: 'category',
  状态: 'status', status: 'status', 人口数: 'size', size: 'size', 主要致贫原因: 'mainCause', mainCause: 'mainCause',
  银行账号: 'bankAccount', bankAccount: 'bankAccount', 联系电话: 'phone', phone: 'phone',
};

/** Household categories (DOMAIN.md, Guangdong 2016–18) and statuses. */
export const CATEGORIES = ['一般贫困户', '扶贫低保户', '低保户', '五保户'];
export const STATUSES = ['未脱贫', '预脱贫', '已脱贫', '返贫'];

export interface ImportReport {
  total: number;
  imported: number;
  failed: number;
  rows: Array<{ row: number; ok: boolean; id?: string; errors?: string[] }>;
}

/**
 * Imports registered households from sheet rows: each row is checked on its own (ID checksum,
 * town and village known and within the importer's scope, category and status from the lists,
 * not already registered) and the valid rows are inserted together; the report names every row.
 */
export async function importHouseholds(pool: Pool, deps: { tenantId: string; uuid(): string; now: Date }, actor: Actor, rows: SheetRow[]): Promise<ImportReport> {
  const { rows: units } = await pool.query(`SELECT id, name, level, path, parent_id FROM org_units WHERE tenant_id = $1 AND level IN ('town', 'village')`, [deps.tenantId]);
  const townsByName = new Map(units.filter((u) => u.level === 'town').flatMap((u) => [[u.name, u], [u.id, u]]));
  const seen = new Set<string>();
  const report: ImportReport = { total: rows.length, imported: 0, failed: 0, rows: [] };
  const valid: Array<{ row: number; id: string; values: unknown[] }> = [];
  for (const { row, cells } of rows) {
    const errors: string[] = [];
    const town = townsByName.get(cells.town ?? '');
    if (!cells.town) errors.push('镇: 必填');
    else if (!town) errors.push(`镇: 未知的乡镇 "${cells.town}"`);
    const village = town ? units.find((u) => u.level === 'village' && u.parent_id === town.id && (u.name === cells.village || u.id === cells.village)) : undefined;
    if (!cells.village) errors.push('村: 必填');
    else if (town && !village) errors.push(`村: ${town.name}没有 "${cells.village}"`);
    if (village && !canSee(actor, village.path)) errors.push(`村: ${village.name}不在您的管辖范围内`);
    if (!cells.headName) errors.push('户主姓名: 必填');
    const idNumber = (cells.idNumber ?? '').toUpperCase();
    if (!idNumber) errors.push('身份证号: 必填');
    else if (!isValidIdCard(idNumber)) errors.push('身份证号: 不是有效的18位身份证号');
    else if (seen.has(idNumber)) errors.push('身份证号: 与本表前面的行重复');
    if (cells.category && !CATEGORIES.includes(cells.category)) errors.push(`类别: 应为 ${CATEGORIES.join('、')} 之一`);
    const status = cells.status || '未脱贫';
    if (!STATUSES.includes(status)) errors.push(`状态: 应为 ${STATUSES.join('、')} 之一`);
    const size = cells.size ? Number(cells.size) : undefined;
    if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 30)) errors.push('人口数: 应为 1 到 30 的整数');
    if (errors.length) {
      report.rows.push({ row, ok: false, errors });
      continue;
    }
    seen.add(idNumber);
    const id = deps.uuid();
    const data = {
      address: { town: town!.name, village: village!.name }, head: { name: cells.headName, idNumber, phone: cells.phone || undefined },
      category: cells.category || undefined, mainCause: cells.mainCause || undefined, bankAccount: cells.bankAccount || undefined, size, importedRow: row,
    };
    valid.push({ row, id, values: [id, deps.tenantId, village!.id, village!.path, cells.headName, idNumber, cells.category || null, status, JSON.stringify(data), deps.now] });
  }
  if (valid.length) {
    const { rows: inserted } = await pool.query(
      `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
       SELECT r.id, r.tenant_id, r.org_unit_id, r.org_path, r.head_name, r.head_id_number, r.category, r.status, r.data, r.at, r.at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tenant_id text, org_unit_id text, org_path text, head_name text, head_id_number text, category text, status text, data jsonb, at timestamptz)
       ON CONFLICT (tenant_id, head_id_number) DO NOTHING RETURNING id`,
      [JSON.stringify(valid.map(({ values: v }) => ({ id: v[0], tenant_id: v[1], org_unit_id: v[2], org_path: v[3], head_name: v[4], head_id_number: v[5], category: v[6], status: v[7], data: JSON.parse(v[8] as string), at: v[9] })))]);
    const ok = new Set(inserted.map((r) => r.id));
    for (const v of valid) {
      report.rows.push(ok.has(v.id) ? { row: v.row, ok: true, id: v.id } : { row: v.row, ok: false, errors: ['身份证号: 该户已在建档立卡名单中'] });
    }
  }
  report.rows.sort((a, b) => a.row - b.row);
  report.imported = report.rows.filter((r) => r.ok).length;
  report.failed = report.total - report.imported;
  return report;
}
