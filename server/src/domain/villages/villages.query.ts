import { belowPattern } from '../../auth/org-scope';
import type { Actor } from '../../kernel';
import type { SqlClient } from '../../store/sql-client';
import type { VillageDetail, VillageSummary, VillageYear } from '../../contract';
import { exitShortfalls } from './village-register';

/** A village of the register with its latest indicators (the contract's `VillageSummary`). */
export type VillageView = VillageSummary;

/** The register within `scopePath`: every village that has a register row, latest indicators first found. */
export async function listVillages(db: SqlClient, tenantId: string, scopePath: string, configForYear?: (year: number) => Record<string, unknown>): Promise<VillageView[]> {
  const { rows } = await db.query(
    `SELECT v.org_unit_id AS id, v.name, t.name AS town_name, v.designated, v.exited_year, i.*
     FROM villages v
     LEFT JOIN org_units t ON t.id = split_part(v.org_path, '/', 2)
     LEFT JOIN LATERAL (SELECT year, per_capita_income, collective_income, registered_population, poor_population, road, water, power, clinic, broadband
                        FROM village_indicators x WHERE x.tenant_id = v.tenant_id AND x.org_unit_id = v.org_unit_id ORDER BY year DESC LIMIT 1) i ON TRUE
     WHERE v.tenant_id = $1 AND (v.org_path = $2 OR v.org_path LIKE $3) ORDER BY v.org_unit_id`, [tenantId, scopePath, belowPattern(scopePath)]);
  const lineOf = (year: number) => Number(configForYear?.(year).villageExitIncome ?? 9820);
  return rows.map((r) => ({
    id: r.id, name: r.name, townName: r.town_name, designated: r.designated, exitedYear: r.exited_year, exitLine: lineOf(r.year ?? 2016),
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

/**
 * One village of the register within `scopePath`, or null: every year's indicators, what keeps its
 * latest year from the exit line, its running exit case, and whether `actor` may propose its exit
 * (its own clerk, while it is designated, has not left and has no exit case running).
 */
export async function findVillage(db: SqlClient, args: {
  tenantId: string; villageId: string; actor: Pick<Actor, 'roles' | 'orgUnitId' | 'orgPath'>; configForYear(year: number): Record<string, unknown>;
}): Promise<VillageDetail | null> {
  const { tenantId, villageId, actor } = args;
  const { rows } = await db.query<{ id: string; name: string; town_name: string | null; designated: boolean | null; exited_year: number | null; exited_on: string | null; open_case: string | null }>(
    `SELECT o.id, o.name, t.name AS town_name, v.designated, v.exited_year, v.exited_on,
            (SELECT i.id FROM instances i WHERE i.tenant_id = o.tenant_id AND i.org_unit_id = o.id AND i.definition_key = 'village-exit' AND i.status = 'running'
             ORDER BY i.created_at DESC LIMIT 1) AS open_case
     FROM org_units o LEFT JOIN org_units t ON t.id = o.parent_id LEFT JOIN villages v ON v.tenant_id = o.tenant_id AND v.org_unit_id = o.id
     WHERE o.tenant_id = $1 AND o.id = $2 AND o.level = 'village' AND (o.path = $3 OR o.path LIKE $4)`, [tenantId, villageId, actor.orgPath, belowPattern(actor.orgPath)]);
  const r = rows[0];
  if (!r) return null;
  const { rows: yearRows } = await db.query(
    `SELECT year, registered_population, poor_population, per_capita_income, collective_income, road, water, power, clinic, broadband
     FROM village_indicators WHERE tenant_id = $1 AND org_unit_id = $2 ORDER BY year`, [tenantId, villageId]);
  const years: VillageYear[] = yearRows.map((y) => ({
    year: y.year, registeredPopulation: y.registered_population, poorPopulation: y.poor_population, perCapitaIncome: Number(y.per_capita_income),
    collectiveIncome: Number(y.collective_income), road: y.road, water: y.water, power: y.power, clinic: y.clinic, broadband: y.broadband,
  }));
  const latest = years.at(-1) ?? null;
  const config = args.configForYear(latest?.year ?? 2016);
  const designated = r.designated === true;
  return {
    id: r.id, name: r.name, townName: r.town_name, designated, exitedYear: r.exited_year, exitedOn: r.exited_on || null, latest, years,
    exitShortfalls: latest ? exitShortfalls(latest, config) : [], exitLine: Number(config.villageExitIncome ?? 9820), openExitCaseId: r.open_case,
    canStartExit: designated && r.exited_year === null && r.open_case === null && actor.orgUnitId === r.id && actor.roles.includes('village_clerk'),
  };
}
