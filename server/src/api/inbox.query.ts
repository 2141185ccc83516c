import type { Pool } from 'pg';
import type { Actor } from '../runtime/ports';
import type { RoleStateIndex } from './role-states';
import { belowPattern } from './scope';
import { TASK_VIEW_COLUMNS, toTaskView } from './task-view';
import type { TaskView } from './task-view';

/** The inbox's filters, already checked (see request-schemas.ts). */
export interface InboxFilter {
  /** `open`: nobody has claimed it; `claimed`: claimed by the caller. Default: both. */
  status?: 'open' | 'claimed';
  definitionKey?: string;
  state?: string;
  /** The org path the list covers (the caller's scope, or a unit within it). */
  scopePath: string;
  overdue?: boolean;
  mine?: boolean;
  unclaimed?: boolean;
  sort: 'dueAt' | 'createdAt';
  page: number;
  pageSize: number;
}

export interface InboxPage {
  items: TaskView[];
  total: number;
  page: number;
  pageSize: number;
  /** Tasks per state under every filter but `state`, so the state chips show what each would list. */
  counts: Record<string, number>;
}

/**
 * The tasks the caller may act on: a candidate role they hold, an org path within their scope,
 * open or claimed by them. Two statements run side by side: the counts per state and the page.
 *
 * Both read the partial indexes of open tasks (api-tables.ts, INBOX_INDEXES): a narrow scope (a
 * village, a town) walks `tasks_inbox_scope_idx` by org-path prefix; a wide one (the county) walks
 * `tasks_inbox_state_idx` for just the states the caller's roles can be candidates for, in due order.
 * Both indexes carry the filter columns, so counting is an index-only scan.
 */
export async function findInbox(pool: Pool, deps: { tenantId: string; roleStates: RoleStateIndex; now: Date }, actor: Actor, filter: InboxFilter): Promise<InboxPage> {
  const empty: InboxPage = { items: [], total: 0, page: filter.page, pageSize: filter.pageSize, counts: {} };
  const { definitionKeys, states } = await deps.roleStates.statesFor(actor.roles);
  if (states.length === 0) return empty;

  const values: unknown[] = [deps.tenantId, actor.roles, definitionKeys, states, filter.scopePath, belowPattern(filter.scopePath), actor.userId];
  const where = [
    't.tenant_id = $1',
    `t.status IN ('open', 'claimed')`,
    't.definition_key = ANY($3::text[])',
    't.state = ANY($4::text[])',
    't.candidate_roles && $2::text[]',
    '(t.org_path = $5 OR t.org_path LIKE $6)',
  ];
  if (filter.status === 'open' || filter.unclaimed) where.push(`t.status = 'open'`);
  if (filter.status === 'claimed' || filter.mine) where.push(`t.status = 'claimed' AND t.assignee = $7`);
  else where.push(`(t.status = 'open' OR t.assignee = $7)`);
  if (filter.definitionKey) where.push(`t.definition_key = $${values.push(filter.definitionKey)}`);
  if (filter.overdue) where.push(`t.due_at < $${values.push(deps.now)}`);

  const countSql = `SELECT t.state, count(*)::int AS n FROM tasks t WHERE ${where.join(' AND ')} GROUP BY t.state`;
  const pageValues = [...values];
  const pageWhere = [...where];
  if (filter.state) pageWhere.push(`t.state = $${pageValues.push(filter.state)}`);
  const order = filter.sort === 'createdAt' ? 't.created_at, t.id' : 't.due_at NULLS LAST, t.id';
  const limit = `$${pageValues.push(filter.pageSize)}`;
  const offset = `$${pageValues.push((filter.page - 1) * filter.pageSize)}`;
  const pageSql = `SELECT ${TASK_VIEW_COLUMNS} FROM tasks t WHERE ${pageWhere.join(' AND ')} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;

  const [counted, paged] = await Promise.all([pool.query(countSql, values), pool.query(pageSql, pageValues)]);
  const counts: Record<string, number> = {};
  for (const row of counted.rows) counts[row.state] = row.n;
  const total = filter.state ? counts[filter.state] ?? 0 : Object.values(counts).reduce((a, b) => a + b, 0);
  return { items: paged.rows.map(toTaskView), total, page: filter.page, pageSize: filter.pageSize, counts };
}
