import type { PoolClient } from 'pg';
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
 * Registers imported households in one transaction, all or nothing, each claiming its head's ID
 * number. `check` gets the ID numbers held already (a registered household, a member of one, or an
 * open application; before, or by someone else meanwhile) and throws to roll the whole import back;
 * it may write more on the transaction's `client` (the import's audit row).
 */
export async function registerImportedHouseholds<T>(db: Database, tenantId: string, households: readonly ImportedHousehold[],
  check: (alreadyRegistered: ReadonlySet<string>, client: PoolClient) => T | Promise<T>): Promise<T> {
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
      const added = new Set(inserted.map((r) => r.head_id_number));
      for (const h of households) if (!added.has(h.headIdNumber)) known.add(h.headIdNumber);
      // Each head's ID number becomes its household's; one held by an open application or by a member
      // of another household is refused like a registered one, so an import can never take it over.
      const claims = households.filter((h) => added.has(h.headIdNumber))
        .map((h) => ({ id_number: h.headIdNumber, household_id: h.id, org_unit_id: h.orgUnitId, org_path: h.orgPath, at: h.at }));
      const { rows: claimed } = await client.query<{ id_number: string }>(
        `INSERT INTO id_number_claims (tenant_id, id_number, instance_id, household_id, org_unit_id, org_path, claimed_at)
         SELECT $1, c.id_number, NULL, c.household_id, c.org_unit_id, c.org_path, c.at
         FROM jsonb_to_recordset($2::jsonb) AS c(id_number text, household_id uuid, org_unit_id text, org_path text, at timestamptz)
         ON CONFLICT (tenant_id, id_number) DO NOTHING RETURNING id_number`,
        [tenantId, JSON.stringify(claims)]);
      const claimedSet = new Set(claimed.map((r) => r.id_number));
      for (const c of claims) if (!claimedSet.has(c.id_number)) known.add(c.id_number);
    }
    return check(known, client);
  });
}
