import type { SqlClient } from '../../store/sql-client';

/** An instance's data, the definition version it is pinned to and the org unit it was filed at, or null. */
export async function findInstanceData(db: SqlClient, tenantId: string, instanceId: string): Promise<{ definitionId: string; orgUnitId: string; data: Record<string, unknown> } | null> {
  const { rows } = await db.query<{ definition_id: string; org_unit_id: string; data: Record<string, unknown> | null }>({
    name: 'jz_api_instance_data_org',
    text: 'SELECT definition_id, org_unit_id, data FROM instances WHERE id = $1 AND tenant_id = $2',
    values: [instanceId, tenantId],
  });
  return rows[0] ? { definitionId: rows[0].definition_id, orgUnitId: rows[0].org_unit_id, data: rows[0].data ?? {} } : null;
}
