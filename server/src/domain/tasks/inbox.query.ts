import { createHash } from 'node:crypto';
import type { Actor } from '../../kernel';
import type { RoleStateIndex } from './role-states';
import { CST_OFFSET_MS, DAY_MS } from '../../kernel';
import { DUE_SOON_DAYS, TASK_VIEW_COLUMNS, toTaskView } from './task-view';
import type { TaskViewRow } from './task-view';
import type { SqlClient } from '../../store/sql-client';
import type { InboxPage } from '../../contract';

/** The inbox's filters, already checked (see request-schemas.ts). */
export interface InboxFilter {
  /** `open`: nobody has claimed it; `claimed`: claimed by the caller. Default: both. */
  status?: 'open' | 'claimed';
  definitionKey?: string;
  state?: string;
  /** The org path the list covers (the caller's scope, or a unit within it). */
  scopePath: string;
  overdue?: boolean;
  /** Not yet overdue, due by the end of the China day {@link DUE_SOON_DAYS} days from now. */
  dueSoon?: boolean;
  /** A householder's or project's name (part of it), an ID tail, or a 受理编号 (part of it). */
  q?: string;
  mine?: boolean;
  unclaimed?: boolean;
  sort: 'dueAt' | 'createdAt';
  page: number;
  pageSize: number;
}

/** The answer of `GET /api/tasks`: the contract's `InboxPage`. */
export type { InboxPage } from '../../contract';

/** Counting stops here per state: beyond it a number is only "more than anyone will page through". */
export const INBOX_COUNT_CAP = 10_000;

/**
 * The tasks the caller may act on: a candidate role they hold, an org path within their scope,
 * open or claimed by them.
 *
 * How it stays fast at a million open tasks: a task's `org_path` is the unit its level belongs to
 * (the village, the town, or the county itself), and each task state opens at one level, so the
 * caller's tasks of one (definition, state) are one equality slice of `tasks_inbox_state_idx`
 * (tenant, definition, state, org path, due) — or a narrow range when the caller sits above the
 * task's level. Each slice is read in due order up to the page's end and the slices are merged,
 * and each is counted only up to {@link INBOX_COUNT_CAP}, all from the index alone. The
 * (definition, state) pairs come from the definitions (role-states.ts); the role check itself is
 * still made on every row.
 */
export async function findInbox(db: SqlClient, deps: { tenantId: string; roleStates: RoleStateIndex; now: Date; countCap?: number }, actor: Actor, filter: InboxFilter): Promise<InboxPage> {
  const cap = deps.countCap ?? INBOX_COUNT_CAP;
  const empty: InboxPage = { items: [], total: 0, page: filter.page, pageSize: filter.pageSize, counts: {}, totalCapped: false };
  const pairs = (await deps.roleStates.statesFor(actor.roles)).pairs.filter((p) => !filter.definitionKey || p.definitionKey === filter.definitionKey);
  if (pairs.length === 0) return empty;

  const values: unknown[] = [deps.tenantId, actor.roles, filter.scopePath, `${filter.scopePath}/`, `${filter.scopePath}0`, actor.userId];
  // '/' sorts right before '0' in the C collation, so [scope/, scope0) is exactly everything below scope.
  // The role check is written so the planner cannot answer it from the roles' GIN index: for a
  // county role that index holds every county task, while the slice below is already narrow.
  const rowFilter = [
    't.tenant_id = $1', `t.status IN ('open', 'claimed')`, 't.definition_key = s.key', 't.state = s.state',
    `(t.candidate_roles || '{}'::text[]) && $2::text[]`,
  ];
  if (filter.status === 'open' || filter.unclaimed) rowFilter.push(`t.status = 'open'`);
  if (filter.status === 'claimed' || filter.mine) rowFilter.push(`t.status = 'claimed' AND t.assignee = $6`);
  else rowFilter.push(`(t.status = 'open' OR t.assignee = $6)`);
  if (filter.overdue) rowFilter.push(`t.due_at < $${values.push(deps.now)}`);
  if (filter.dueSoon) {
    const endOfDay = (Math.floor((deps.now.getTime() + CST_OFFSET_MS) / DAY_MS) + DUE_SOON_DAYS + 1) * DAY_MS - CST_OFFSET_MS;
    rowFilter.push(`t.due_at >= $${values.push(deps.now)} AND t.due_at < $${values.push(new Date(endOfDay))}`);
  }
  const q = filter.q?.trim();
  if (q) {
    const n = values.push(q);
    rowFilter.push(`(strpos(t.subject->>'text', $${n}::text) > 0 OR strpos(t.receipt_no, upper($${n}::text)) > 0)`);
  }
  const at = `${rowFilter.join(' AND ')} AND t.org_path COLLATE "C" = $3`;
  const below = `${rowFilter.join(' AND ')} AND t.org_path COLLATE "C" >= $4 AND t.org_path COLLATE "C" < $5`;

  const countValues = [...values, pairs.map((p) => p.definitionKey), pairs.map((p) => p.state), cap];
  const k = values.length;
  const countSql = `
    SELECT s.state, c.a, c.b
    FROM unnest($${k + 1}::text[], $${k + 2}::text[]) AS s(key, state)
    CROSS JOIN LATERAL (SELECT
      (SELECT count(*) FROM (SELECT 1 FROM tasks t WHERE ${at} LIMIT $${k + 3}) a)::int AS a,
      (SELECT count(*) FROM (SELECT 1 FROM tasks t WHERE ${below} LIMIT $${k + 3}) b)::int AS b) c`;

  const pagePairs = filter.state ? pairs.filter((p) => p.state === filter.state) : pairs;
  const order = filter.sort === 'createdAt' ? 'created_at' : 'due_at';
  const end = filter.page * filter.pageSize;
  const pageValues = [...values, pagePairs.map((p) => p.definitionKey), pagePairs.map((p) => p.state), end, filter.pageSize, (filter.page - 1) * filter.pageSize];
  const pageSql = `
    WITH page AS (
      SELECT p.id, p.${order} FROM unnest($${k + 1}::text[], $${k + 2}::text[]) AS s(key, state)
      CROSS JOIN LATERAL (
        (SELECT t.id, t.${order} FROM tasks t WHERE ${at} ORDER BY t.${order}, t.id LIMIT $${k + 3})
        UNION ALL
        (SELECT t.id, t.${order} FROM tasks t WHERE ${below} ORDER BY t.${order}, t.id LIMIT $${k + 3})
      ) p
      ORDER BY p.${order}, p.id LIMIT $${k + 4} OFFSET $${k + 5}
    )
    SELECT ${TASK_VIEW_COLUMNS} FROM page JOIN tasks t ON t.id = page.id ORDER BY page.${order}, page.id`;

  const [counted, paged] = await Promise.all([
    db.query<{ state: string; a: number; b: number }>({ name: statementName(countSql), text: countSql, values: countValues }),
    pagePairs.length ? db.query<TaskViewRow>({ name: statementName(pageSql), text: pageSql, values: pageValues }) : Promise.resolve({ rows: [] as TaskViewRow[] }),
  ]);
  const counts: Record<string, number> = {};
  let totalCapped = false;
  for (const row of counted.rows) {
    if (row.a + row.b > 0) counts[row.state] = (counts[row.state] ?? 0) + row.a + row.b;
    totalCapped ||= (row.a >= cap || row.b >= cap) && (!filter.state || row.state === filter.state);
  }
  const total = filter.state ? counts[filter.state] ?? 0 : Object.values(counts).reduce((a, b) => a + b, 0);
  return { items: paged.rows.map((row) => toTaskView(row, deps.now)), total, page: filter.page, pageSize: filter.pageSize, counts, totalCapped };
}

/** A prepared-statement name per SQL text, so each connection plans each inbox shape once. */
function statementName(sql: string): string {
  return `jz_inbox_${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
}
