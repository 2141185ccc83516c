import { belowPattern } from '../../auth/org-scope';
import type { SqlClient } from '../../store/sql-client';
import { startOfChinaYear } from '../../kernel';
import type { TownProgress } from '../../contract';

/** One town's row of the progress report: the contract's `TownProgress`, as `GET /api/reports/progress` answers it. */
export type { TownProgress } from '../../contract';

/**
 * Exits against the year's target by town, within `scopePath`, plus open and overdue tasks per
 * town (by the town of each task's case). A household's size is its member count (1 when unknown); its exit year is when its status
 * last changed to 已脱贫. Years are counted in China Standard Time.
 */
export async function progressByTown(db: SqlClient, args: { tenantId: string; scopePath: string; year: number; targetShare: number; now: Date }): Promise<TownProgress[]> {
  const { tenantId, scopePath, year, targetShare, now } = args;
  const endOfYear = startOfChinaYear(year + 1);
  const pattern = belowPattern(scopePath);
  const [towns, people, tasks] = await Promise.all([
    db.query<{ id: string; name: string; path: string }>(`SELECT id, name, path FROM org_units WHERE tenant_id = $1 AND level = 'town' ORDER BY id`, [tenantId]),
    db.query<{ town: string; poor: number; exited: number }>(
      `SELECT split_part(org_path, '/', 2) AS town,
              sum(coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(data->'members') = 'array' THEN data->'members' END), (data->>'size')::int, 1))::int AS poor,
              sum(CASE WHEN status = '已脱贫' AND updated_at < $4
                       THEN coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(data->'members') = 'array' THEN data->'members' END), (data->>'size')::int, 1) ELSE 0 END)::int AS exited
       FROM households WHERE tenant_id = $1 AND (org_path = $2 OR org_path LIKE $3) AND registered_at < $4 GROUP BY 1`,
      [tenantId, scopePath, pattern, endOfYear]),
    db.query<{ town: string; open: number; overdue: number }>(
      // A county-level task belongs to the town of its case.
      `SELECT split_part(i.org_path, '/', 2) AS town, count(*)::int AS open, count(*) FILTER (WHERE t.due_at < $4)::int AS overdue
       FROM tasks t JOIN instances i ON i.id = t.instance_id
       WHERE t.tenant_id = $1 AND t.status IN ('open', 'claimed') AND (i.org_path = $2 OR i.org_path LIKE $3) GROUP BY 1`,
      [tenantId, scopePath, pattern, now]),
  ]);
  const peopleByTown = new Map(people.rows.map((r) => [r.town, r]));
  const tasksByTown = new Map(tasks.rows.map((r) => [r.town, r]));
  // A county-level user sees every town; a town or village user only the town they belong to.
  const visible = towns.rows.filter((t) => t.path === scopePath || t.path.startsWith(`${scopePath}/`) || scopePath.startsWith(`${t.path}/`));
  return visible.map((t) => {
    const p = peopleByTown.get(t.id) ?? { poor: 0, exited: 0 };
    const k = tasksByTown.get(t.id) ?? { open: 0, overdue: 0 };
    const exitedShare = p.poor ? p.exited / p.poor : 0;
    const targetPeople = Math.ceil(p.poor * targetShare);
    return {
      orgUnitId: t.id, name: t.name, poorPeople: p.poor, exitedPeople: p.exited, exitedShare: Math.round(exitedShare * 1000) / 1000,
      targetShare, targetPeople, onTrack: p.exited >= targetPeople, openTasks: k.open, overdueTasks: k.overdue,
    };
  });
}
