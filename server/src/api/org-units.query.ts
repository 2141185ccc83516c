import type { Pool } from 'pg';

export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
  path: string;
  flags: Record<string, unknown>;
}

const toRow = (r: Record<string, any>): OrgUnitRow => ({ id: r.id, parentId: r.parent_id, level: r.level, name: r.name, path: r.path, flags: r.flags });

/**
 * An org unit named by id (`441424130`) or by name (`华城镇`), optionally of one level and below
 * `underPath`; null when none (or several, for an ambiguous name) match.
 */
export async function resolveOrgUnit(pool: Pool, tenantId: string, ref: string, options: { level?: string; underPath?: string } = {}): Promise<OrgUnitRow | null> {
  const values: unknown[] = [tenantId, ref];
  let sql = 'SELECT id, parent_id, level, name, path, flags FROM org_units WHERE tenant_id = $1 AND (id = $2 OR name = $2)';
  if (options.level) sql += ` AND level = $${values.push(options.level)}`;
  if (options.underPath) sql += ` AND path LIKE $${values.push(`${options.underPath}/%`)}`;
  const { rows } = await pool.query(`${sql} LIMIT 2`, values);
  if (rows.length !== 1) return null;
  return toRow(rows[0]);
}

/** Org units below a parent (or the county's towns), for pickers and filters. */
export async function listOrgUnits(pool: Pool, tenantId: string, filter: { parentId?: string; level?: string }): Promise<OrgUnitRow[]> {
  const values: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  if (filter.parentId) where.push(`parent_id = $${values.push(filter.parentId)}`);
  if (filter.level) where.push(`level = $${values.push(filter.level)}`);
  const { rows } = await pool.query(`SELECT id, parent_id, level, name, path, flags FROM org_units WHERE ${where.join(' AND ')} ORDER BY path LIMIT 5000`, values);
  return rows.map(toRow);
}

/**
 * The org path a `town` / `village` filter pair names, or null when it names nothing. Neither
 * given → undefined (no filter).
 */
export async function filterPath(pool: Pool, tenantId: string, town?: string, village?: string): Promise<string | null | undefined> {
  if (!town && !village) return undefined;
  const townUnit = town ? await resolveOrgUnit(pool, tenantId, town, { level: 'town' }) : null;
  if (town && !townUnit) return null;
  if (!village) return townUnit!.path;
  const villageUnit = await resolveOrgUnit(pool, tenantId, village, { level: 'village', underPath: townUnit?.path });
  return villageUnit ? villageUnit.path : null;
}
