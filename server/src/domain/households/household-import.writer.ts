import type { Database } from '../../store/database';

/** A household row of an import, ready to register. */
export interface ImportedHousehold {
  id: string;
  tenantId: string;
  orgUnitId: string;
  orgPath: string;
  headName: string;
  headIdNumber: string;
  category: string | null;
  status: string;
  data: Record<string, unknown>;
  at: Date;
}

/**
 * Registers imported households in one transaction, all or nothing. `check` gets the ID numbers
 * that were registered already (before, or by someone else meanwhile: those rows are not
 * inserted) and throws to roll the whole import back.
 */
export async function registerImportedHouseholds<T>(db: Database, tenantId: string, households: readonly ImportedHousehold[], check: (alreadyRegistered: ReadonlySet<string>) => T): Promise<T> {
  return db.transaction(async (client) => {
    const ids = households.map((h) => h.headIdNumber);
    const { rows: registered } = await client.query<{ head_id_number: string }>(
      'SELECT head_id_number FROM households WHERE tenant_id = $1 AND head_id_number = ANY($2::text[])', [tenantId, ids]);
    const known = new Set(registered.map((r) => r.head_id_number));
    if (households.length) {
      const records = households.map((h) => ({
        id: h.id, tenant_id: h.tenantId, org_unit_id: h.orgUnitId, org_path: h.orgPath, head_name: h.headName, head_id_number: h.headIdNumber,
        category: h.category, status: h.status, data: h.data, at: h.at,
      }));
      const { rows: inserted } = await client.query<{ head_id_number: string }>(
        `INSERT INTO households (id, tenant_id, org_unit_id, org_path, head_name, head_id_number, category, status, data, registered_at, updated_at)
         SELECT r.id, r.tenant_id, r.org_unit_id, r.org_path, r.head_name, r.head_id_number, r.category, r.status, r.data, r.at, r.at
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, tenant_id text, org_unit_id text, org_path text, head_name text, head_id_number text, category text, status text, data jsonb, at timestamptz)
         ON CONFLICT (tenant_id, head_id_number) DO NOTHING RETURNING head_id_number`,
        [JSON.stringify(records)]);
      // A household registered by someone else since the check above counts as registered too.
      if (inserted.length < households.length) {
        const added = new Set(inserted.map((r) => r.head_id_number));
        for (const h of households) if (!added.has(h.headIdNumber)) known.add(h.headIdNumber);
      }
    }
    return check(known);
  });
}
