import type { SqlClient } from '../../store/sql-client';

/** An instance's data and the definition version it is pinned to, or null. */
export async function findInstanceData(db: SqlClient, tenantId: string, instanceId: string): Promise<{ definitionId: string; data: Record<string, unknown> } | null> {
  const { rows } = await db.query<{ definition_id: string; data: Record<string, unknown> | null }>({
    name: 'jz_api_instance_data',
    text: 'SELECT definition_id, data FROM instances WHERE id = $1 AND tenant_id = $2',
    values: [instanceId, tenantId],
  });
  return rows[0] ? { definitionId: rows[0].definition_id, data: rows[0].data ?? {} } : null;
}
