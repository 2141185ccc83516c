import { householdReadScope } from '../../auth/org-scope';
import { caseNamesHousehold } from '../households/case-names-household';
import type { Actor } from '../../kernel';
import { TASK_VIEW_COLUMNS, toTaskView } from './task-view';
import type { TaskViewRow } from './task-view';
import type { SqlClient } from '../../store/sql-client';
import type { InboxPage } from '../../contract';

/** `paired_cases`: the cases about the households paired now with the helper `$2` of county `$1` (see {@link findHelperInbox}). */
const PAIRED_CASES = `WITH paired AS (
    SELECT h.id, h.head_id_number, h.source_instance_id FROM household_helpers a JOIN households h ON h.id = a.household_id AND h.tenant_id = a.tenant_id
    WHERE a.tenant_id = $1 AND a.helper_user_id::text = $2 AND a.ended_at IS NULL),
  paired_cases AS (
    SELECT i.id FROM instances i JOIN paired p ON i.id = p.source_instance_id WHERE i.tenant_id = $1
    UNION
    SELECT i.id FROM instances i, paired p WHERE i.tenant_id = $1 AND i.ended_at IS NULL AND ${caseNamesHousehold('i', 'p.id::text', 'p.head_id_number')})`;

/**
 * Whether a 帮扶责任人 (an actor whose only role is `helper`) may read a case and its tasks: it is
 * about a household paired with them now. Anyone else: false (their scope decides).
 */
export async function isPairedHelperCase(db: SqlClient, tenantId: string, actor: Pick<Actor, 'roles' | 'orgPath' | 'userId'>, instanceId: string): Promise<boolean> {
  const { helperUserId } = householdReadScope(actor);
  if (helperUserId === undefined) return false;
  const { rows } = await db.query(`${PAIRED_CASES} SELECT 1 FROM paired_cases WHERE id = $3`, [tenantId, helperUserId, instanceId]);
  return rows.length > 0;
}

/**
 * A 帮扶责任人's inbox: the open and claimed tasks of every case about a household currently
 * paired with them (`household_helpers`, not ended). A case is about a household when it
 * registered it (`source_instance_id`), when a section of its data names the household
 * (`householdId`, as the change, exit, relapse and renovation forms do) or its head's ID number
 * (`household.head.idNumber`). The helper holds none of these tasks' roles, so they only read
 * them: claiming or completing stays with the units the process names.
 */
export async function findHelperInbox(db: SqlClient, deps: { tenantId: string; now: Date }, helperUserId: string,
  filter: { page: number; pageSize: number; definitionKey?: string; state?: string; q?: string }): Promise<InboxPage> {
  const values: unknown[] = [deps.tenantId, helperUserId];
  const where = [`t.tenant_id = $1`, `t.status IN ('open', 'claimed')`, `t.instance_id IN (SELECT id FROM paired_cases)`];
  if (filter.definitionKey) where.push(`t.definition_key = $${values.push(filter.definitionKey)}`);
  const q = filter.q?.trim();
  if (q) {
    const n = values.push(q);
    where.push(`(strpos(t.subject->>'text', $${n}::text) > 0 OR strpos(t.receipt_no, upper($${n}::text)) > 0)`);
  }
  const paired = PAIRED_CASES;
  const counted = await db.query<{ state: string; n: number }>(`${paired} SELECT t.state, count(*)::int AS n FROM tasks t WHERE ${where.join(' AND ')} GROUP BY t.state`, values);
  const counts: Record<string, number> = {};
  for (const row of counted.rows) counts[row.state] = row.n;
  if (filter.state) where.push(`t.state = $${values.push(filter.state)}`);
  const limit = values.push(filter.pageSize);
  const offset = values.push((filter.page - 1) * filter.pageSize);
  const paged = await db.query<TaskViewRow>(
    `${paired} SELECT ${TASK_VIEW_COLUMNS} FROM tasks t WHERE ${where.join(' AND ')} ORDER BY t.due_at NULLS LAST, t.id LIMIT $${limit} OFFSET $${offset}`, values);
  const total = filter.state ? counts[filter.state] ?? 0 : Object.values(counts).reduce((a, b) => a + b, 0);
  return { items: paged.rows.map((row) => toTaskView(row, deps.now)), total, page: filter.page, pageSize: filter.pageSize, counts, totalCapped: false };
}
