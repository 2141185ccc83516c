import { NotFoundError } from '../../kernel';
import type { Actor } from '../../kernel';
import type { SqlClient } from '../../store/sql-client';
import { mayReadHousehold } from '../households/registry.query';

/** A registered household as the help use cases need it: its unit, head's ID number, category and current helper. */
export interface HelpHouseholdRow {
  id: string;
  headIdNumber: string;
  orgPath: string;
  category: string | null;
  helperUserId: string | null;
}

/** The household `id` (any text: an id that is not a uuid names none), or undefined when the tenant has none. */
export async function findHelpHousehold(db: SqlClient, tenantId: string, id: string): Promise<HelpHouseholdRow | undefined> {
  const { rows: [row] } = await db.query<{ id: string; head_id_number: string; org_path: string; category: string | null; helper_user_id: string | null }>(
    `SELECT h.id, h.head_id_number, h.org_path, h.category,
       (SELECT a.helper_user_id::text FROM household_helpers a WHERE a.tenant_id = h.tenant_id AND a.household_id = h.id AND a.ended_at IS NULL) AS helper_user_id
     FROM households h WHERE h.tenant_id = $1 AND h.id::text = $2`, [tenantId, id]);
  return row ? { id: row.id, headIdNumber: row.head_id_number, orgPath: row.org_path, category: row.category, helperUserId: row.helper_user_id } : undefined;
}

/** The registered household `id` when `actor` may read it; a 404 otherwise, as for anything they may not see. */
export async function readableHousehold(db: SqlClient, tenantId: string, actor: Actor, id: string): Promise<HelpHouseholdRow> {
  const household = await findHelpHousehold(db, tenantId, id);
  if (!household || !(await mayReadHousehold(db, tenantId, actor, household.id, household.orgPath))) throw new NotFoundError(`Household ${id} does not exist`);
  return household;
}
