import { belowPattern } from '../../auth/org-scope';
import type { FundProjectLine, FundReport, FundSourceLine, FundTownLine } from '../../contract';
import type { SqlClient } from '../../store/sql-client';

const money = (v: unknown) => Math.round(Number(v ?? 0) * 100) / 100;

/**
 * The fund report: by source and year (what came in, was set aside to projects and interest
 * subsidies, was paid, and the balance: received = allocated + balance), by town and by project.
 * The ledger by source is the county's and shown only to county-level callers; towns and projects
 * are those within `scopePath`. A project's payments count against its sources in the shares it
 * was allocated. `year` narrows everything to one year (allocations by the year they were made).
 */
export async function fundReport(db: SqlClient, args: { tenantId: string; scopePath: string; year?: number; perPerson: number }): Promise<FundReport> {
  const { tenantId, scopePath, year } = args;
  const pattern = belowPattern(scopePath);
  const county = !scopePath.includes('/');
  const yearSql = (column: string, n: number) => (year === undefined ? 'TRUE' : `${column} = $${n}`);
  const values = (extra: unknown[] = []) => (year === undefined ? extra : [...extra, year]);
  const [sources, towns, projects, persons] = await Promise.all([
    county ? db.query<{ year: number; source: string; received: string; to_projects: string; subsidies: string; disbursed: string }>(
      `WITH r AS (SELECT year, source, sum(amount) AS received FROM fund_receipts WHERE tenant_id = $1 AND ${yearSql('year', 2)} GROUP BY 1, 2),
            a AS (SELECT a.year, a.source,
                         sum(a.amount) FILTER (WHERE a.kind = 'project') AS to_projects,
                         sum(a.amount) FILTER (WHERE a.kind = 'interest_subsidy') AS subsidies,
                         sum(CASE WHEN a.kind = 'interest_subsidy' THEN a.amount
                                  ELSE round(a.amount * p.paid_amount / nullif(p.approved_budget, 0), 2) END) AS disbursed
                  FROM fund_allocations a LEFT JOIN projects p ON p.id = a.project_id
                  WHERE a.tenant_id = $1 AND ${yearSql('a.year', 2)} GROUP BY 1, 2)
       SELECT coalesce(r.year, a.year) AS year, coalesce(r.source, a.source) AS source, coalesce(r.received, 0) AS received,
              coalesce(a.to_projects, 0) AS to_projects, coalesce(a.subsidies, 0) AS subsidies, coalesce(a.disbursed, 0) AS disbursed
       FROM r FULL JOIN a ON a.year = r.year AND a.source = r.source ORDER BY 1, 2`, values([tenantId])) : Promise.resolve({ rows: [] }),
    db.query<{ town_id: string; town_name: string; projects: number; allocated: string; disbursed: string; subsidies: string }>(
      `SELECT t.id AS town_id, t.name AS town_name,
              count(DISTINCT a.project_id)::int AS projects,
              coalesce(sum(a.amount), 0) AS allocated,
              coalesce(sum(CASE WHEN a.kind = 'interest_subsidy' THEN a.amount ELSE round(a.amount * p.paid_amount / nullif(p.approved_budget, 0), 2) END), 0) AS disbursed,
              coalesce(sum(a.amount) FILTER (WHERE a.kind = 'interest_subsidy'), 0) AS subsidies
       FROM org_units t
       LEFT JOIN fund_allocations a ON a.tenant_id = t.tenant_id AND split_part(a.org_path, '/', 2) = t.id AND ${yearSql('a.year', 4)}
       LEFT JOIN projects p ON p.id = a.project_id
       WHERE t.tenant_id = $1 AND t.level = 'town' AND (t.path = $2 OR t.path LIKE $3 OR $2 LIKE t.path || '/%')
       GROUP BY t.id, t.name ORDER BY t.id`, values([tenantId, scopePath, pattern])),
    db.query<{ id: string; instance_id: string; name: string; town_name: string | null; village_name: string | null; status: string; approved_budget: string;
      contractor: string | null; contract_amount: string | null; paid_amount: string; sources: Array<{ source: string; amount: number }> | null }>(
      `SELECT p.id, p.instance_id, p.name, tw.name AS town_name, v.name AS village_name, p.status, p.approved_budget, p.contractor, p.contract_amount, p.paid_amount,
              (SELECT jsonb_agg(jsonb_build_object('source', a.source, 'amount', a.amount) ORDER BY a.source) FROM fund_allocations a WHERE a.project_id = p.id) AS sources
       FROM projects p
       LEFT JOIN org_units tw ON tw.id = split_part(p.org_path, '/', 2)
       LEFT JOIN org_units v ON v.id = split_part(p.org_path, '/', 3)
       WHERE p.tenant_id = $1 AND (p.org_path = $2 OR p.org_path LIKE $3)
         AND ${year === undefined ? 'TRUE' : 'EXISTS (SELECT 1 FROM fund_allocations a WHERE a.project_id = p.id AND a.year = $4)'}
       ORDER BY p.approved_at, p.id`, values([tenantId, scopePath, pattern])),
    // 有劳动能力的贫困人口: members of 一般贫困户 and 扶贫低保户 households (the plan's categories with labour capacity).
    db.query<{ persons: number }>(
      `SELECT coalesce(sum(coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(data->'members') = 'array' THEN data->'members' END), (data->>'size')::int, 1)), 0)::int AS persons
       FROM households WHERE tenant_id = $1 AND (org_path = $2 OR org_path LIKE $3) AND category IN ('一般贫困户', '扶贫低保户') AND status <> '已脱贫'`,
      [tenantId, scopePath, pattern]),
  ]);
  const sourceLines: FundSourceLine[] = sources.rows.map((r) => {
    const toProjects = money(r.to_projects);
    const interestSubsidies = money(r.subsidies);
    const allocated = money(toProjects + interestSubsidies);
    const received = money(r.received);
    return { year: Number(r.year), source: r.source, received, allocated, toProjects, interestSubsidies, disbursed: money(r.disbursed), balance: money(received - allocated) };
  });
  const townLines: FundTownLine[] = towns.rows.map((r) => ({
    townId: r.town_id, townName: r.town_name, projects: r.projects, allocated: money(r.allocated), disbursed: money(r.disbursed), interestSubsidies: money(r.subsidies),
  }));
  const projectLines: FundProjectLine[] = projects.rows.map((r) => {
    const sourcesOf = (r.sources ?? []).map((s) => ({ source: s.source, amount: money(s.amount) }));
    const allocated = money(sourcesOf.reduce((sum, s) => sum + s.amount, 0));
    return {
      projectId: r.id, instanceId: r.instance_id, name: r.name, townName: r.town_name, villageName: r.village_name, status: r.status,
      approvedBudget: money(r.approved_budget), allocated, sources: sourcesOf, contractor: r.contractor, contractAmount: r.contract_amount === null ? null : money(r.contract_amount),
      paid: money(r.paid_amount), unpaid: money(allocated - money(r.paid_amount)),
    };
  });
  const sum = (key: 'received' | 'allocated' | 'disbursed' | 'balance') => money(sourceLines.reduce((s, l) => s + l[key], 0));
  const people = persons.rows[0]?.persons ?? 0;
  return {
    year: year ?? null,
    standard: { perPerson: args.perPerson, persons: people, amount: money(people * args.perPerson) },
    sources: sourceLines, towns: townLines, projects: projectLines,
    totals: { received: sum('received'), allocated: sum('allocated'), disbursed: sum('disbursed'), balance: sum('balance') },
  };
}
