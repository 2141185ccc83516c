import type { SqlClient } from './sql-client';

/** An org unit (county, town, village, 村民小组). */
export interface OrgUnitRow {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
  path: string;
  flags: Record<string, unknown>;
}

const COLUMNS = `id, parent_id AS "parentId", level, name, path, coalesce(flags, '{}'::jsonb) AS flags`;

/**
 * An org unit named by id (`441424130`) or by name (`华城镇`), optionally of one level and below
 * `underPath`; null when none (or several, for an ambiguous name) match.
 */
export async function resolveOrgUnit(db: SqlClient, tenantId: string, ref: string, options: { level?: string; underPath?: string } = {}): Promise<OrgUnitRow | null> {
  const values: unknown[] = [tenantId, ref];
  let sql = `SELECT ${COLUMNS} FROM org_units WHERE tenant_id = $1 AND (id = $2 OR name = $2)`;
  if (options.level) sql += ` AND level = $${values.push(options.level)}`;
  if (options.underPath) sql += ` AND path LIKE $${values.push(`${options.underPath}/%`)}`;
  const { rows } = await db.query<OrgUnitRow>(`${sql} LIMIT 2`, values);
  return rows.length === 1 ? rows[0] : null;
}

/** Org units below a parent and/or of one level, by path, for pickers and filters. */
export async function listOrgUnits(db: SqlClient, tenantId: string, filter: { parentId?: string; level?: string }): Promise<OrgUnitRow[]> {
  const values: unknown[] = [tenantId];
  const where = ['tenant_id = $1'];
  if (filter.parentId) where.push(`parent_id = $${values.push(filter.parentId)}`);
  if (filter.level) where.push(`level = $${values.push(filter.level)}`);
  const { rows } = await db.query<OrgUnitRow>(`SELECT ${COLUMNS} FROM org_units WHERE ${where.join(' AND ')} ORDER BY path LIMIT 5000`, values);
  return rows;
}

/** Every org unit of the tenant at the given levels (all levels when none are given). */
export async function listOrgUnitsAtLevels(db: SqlClient, tenantId: string, levels?: readonly string[]): Promise<OrgUnitRow[]> {
  const { rows } = await db.query<OrgUnitRow>(
    `SELECT ${COLUMNS} FROM org_units WHERE tenant_id = $1 AND ($2::text[] IS NULL OR level = ANY($2::text[]))`, [tenantId, levels ?? null]);
  return rows;
}

/** One org unit of the tenant, or null; `lock` takes its row for the caller's transaction. */
export async function findOrgUnit(db: SqlClient, tenantId: string, id: string, lock = false): Promise<OrgUnitRow | null> {
  const { rows } = await db.query<OrgUnitRow>(`SELECT ${COLUMNS} FROM org_units WHERE id = $1 AND tenant_id = $2${lock ? ' FOR UPDATE' : ''}`, [id, tenantId]);
  return rows[0] ?? null;
}

/**
 * The codes of `ids` already used by any tenant (org unit codes are global). Inside a transaction,
 * pass `lock` to serialise creators of the same code first.
 */
export async function findTakenOrgUnitIds(db: SqlClient, ids: readonly string[], lock = false): Promise<Set<string>> {
  if (lock) for (const id of [...ids].sort()) await db.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`org-unit|${id}`]);
  const { rows } = await db.query<{ id: string }>('SELECT id FROM org_units WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((r) => r.id));
}

/** A new org unit row. */
export interface NewOrgUnit {
  id: string;
  tenantId: string;
  parentId: string;
  level: string;
  name: string;
  path: string;
  flags: Record<string, unknown>;
}

/** Inserts org units in one statement (all or none; a taken code fails it with 23505). */
export async function insertOrgUnits(db: SqlClient, units: readonly NewOrgUnit[]): Promise<void> {
  if (!units.length) return;
  await db.query(
    `INSERT INTO org_units (id, tenant_id, parent_id, level, name, path, flags)
     SELECT r.id, r.tenant_id, r.parent_id, r.level, r.name, r.path, r.flags
     FROM jsonb_to_recordset($1::jsonb) AS r(id text, tenant_id text, parent_id text, level text, name text, path text, flags jsonb)`,
    [JSON.stringify(units.map((u) => ({ id: u.id, tenant_id: u.tenantId, parent_id: u.parentId, level: u.level, name: u.name, path: u.path, flags: u.flags })))]);
}

/** Renames an org unit and replaces its flags; answers the changed row. */
export async function updateOrgUnit(db: SqlClient, id: string, change: { name: string; flags: Record<string, unknown> }): Promise<OrgUnitRow> {
  const { rows } = await db.query<OrgUnitRow>(`UPDATE org_units SET name = $2, flags = $3 WHERE id = $1 RETURNING ${COLUMNS}`, [id, change.name, JSON.stringify(change.flags)]);
  return rows[0];
}

/** An org unit as an address check sees it: whether the tree holds any unit below it. */
export interface AddressUnitRow {
  id: string;
  parentId: string | null;
  level: string;
  name: string;
  hasChildren: boolean;
}

/**
 * In one read, what checking addresses against a case's unit needs: the units of `path` (the case's
 * unit and those above it) and the units below it named one of `names`, each with whether the tree
 * holds units below it.
 */
export async function findAddressUnits(db: SqlClient, tenantId: string, path: string, names: readonly string[]): Promise<AddressUnitRow[]> {
  // Prepared once per connection: the application's and the start form's step reads it before the step.
  const { rows } = await db.query<AddressUnitRow>({
    name: 'jz_find_address_units',
    text: `SELECT u.id, u.parent_id AS "parentId", u.level, u.name,
            EXISTS (SELECT 1 FROM org_units c WHERE c.tenant_id = u.tenant_id AND c.parent_id = u.id) AS "hasChildren"
     FROM org_units u
     WHERE u.tenant_id = $1 AND (u.id = ANY($2::text[]) OR (u.path LIKE $3 AND u.name = ANY($4::text[])))`,
    values: [tenantId, path.split('/'), `${path.replace(/[\\%_]/g, '\\$&')}/%`, [...new Set(names)]],
  });
  return rows;
}
