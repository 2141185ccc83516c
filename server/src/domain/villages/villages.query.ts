import { belowPattern } from '../../auth/org-scope';
import type { SqlClient } from '../../store/sql-client';

/** A village of the register with its latest indicators and whether they meet the exit line. */
export interface VillageView {
  id: string;
  name: string;
  townName: string | null;
  designated: boolean;
  exitedYear: number | null;
  latest: { year: number; perCapitaIncome: number; collectiveIncome: number; registeredPopulation: number; poorPopulation: number;
    road: boolean; water: boolean; power: boolean; clinic: boolean; broadband: boolean } | null;
}

/** The register within `scopePath`: every village that has a register row, latest indicators first found. */
export async function listVillages(db: SqlClient, tenantId: string, scopePath: string): Promise<VillageView[]> {
  const { rows } = await db.query(
    `SELECT v.org_unit_id AS id, v.name, t.name AS town_name, v.designated, v.exited_year, i.*
     FROM villages v
     LEFT JOIN org_units t ON t.id = split_part(v.org_path, '/', 2)
     LEFT JOIN LATERAL (SELECT year, per_capita_income, collective_income, registered_population, poor_population, road, water, power, clinic, broadband
                        FROM village_indicators x WHERE x.tenant_id = v.tenant_id AND x.org_unit_id = v.org_unit_id ORDER BY year DESC LIMIT 1) i ON TRUE
     WHERE v.tenant_id = $1 AND (v.org_path = $2 OR v.org_path LIKE $3) ORDER BY v.org_unit_id`, [tenantId, scopePath, belowPattern(scopePath)]);
  return rows.map((r) => ({
    id: r.id, name: r.name, townName: r.town_name, designated: r.designated, exitedYear: r.exited_year,
    latest: r.year === null ? null : {
      year: r.year, perCapitaIncome: Number(r.per_capita_income), collectiveIncome: Number(r.collective_income), registeredPopulation: r.registered_population,
      poorPopulation: r.poor_population, road: r.road, water: r.water, power: r.power, clinic: r.clinic, broadband: r.broadband,
    },
  }));
}

/** Villages left by year against the plan (cumulative target by year, e.g. all 92 by 2018), within `scopePath`. */
export interface VillageExitProgress {
  designated: number;
  years: Array<{ year: number; exited: number; cumulative: number; target: number | null }>;
}

export async function villageExitsByYear(db: SqlClient, args: { tenantId: string; scopePath: string; targets: Record<string, number> }): Promise<VillageExitProgress> {
  const { rows } = await db.query<{ designated: number; exited_year: number | null; n: number }>(
    `SELECT exited_year, count(*)::int AS n, sum(count(*)) OVER ()::int AS designated FROM villages
     WHERE tenant_id = $1 AND designated AND (org_path = $2 OR org_path LIKE $3) GROUP BY exited_year`, [args.tenantId, args.scopePath, belowPattern(args.scopePath)]);
  const byYear = new Map(rows.filter((r) => r.exited_year !== null).map((r) => [r.exited_year!, r.n]));
  const years = [...new Set([...Object.keys(args.targets).map(Number), ...byYear.keys()])].sort((a, b) => a - b);
  let cumulative = 0;
  // The plan's figures are the county's: a town or village sees its own counts against no target.
  const county = !args.scopePath.includes('/');
  return {
    designated: rows[0]?.designated ?? 0,
    years: years.map((year) => {
      cumulative += byYear.get(year) ?? 0;
      return { year, exited: byYear.get(year) ?? 0, cumulative, target: county && args.targets[String(year)] !== undefined ? args.targets[String(year)] : null };
    }),
  };
}

/** True when `villageId` is a village within `scopePath` (a village outside it is answered as missing). */
export async function isVillageInScope(db: SqlClient, tenantId: string, villageId: string, scopePath: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM org_units WHERE tenant_id = $1 AND id = $2 AND level = 'village' AND (path = $3 OR path LIKE $4)`,
    [tenantId, villageId, scopePath, belowPattern(scopePath)]);
  return rows.length > 0;
}
