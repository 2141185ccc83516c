import type { PoolClient } from 'pg';
import { ForbiddenError, NotFoundError, ValidationError } from '../../kernel';
import type { Actor } from '../../kernel';
import type { VillageYear } from '../../contract';

/** A year's indicators of a village as its form records them (schemas/villages/indicators.json): the register's year. */
export type VillageIndicators = VillageYear;

/** The infrastructure indicators the exit line names by default (`villageExitIndicators` in the configuration). */
const DEFAULT_EXIT_INDICATORS = ['road', 'water', 'power', 'clinic', 'broadband'] as const;
const INDICATOR_NAMES: Record<string, string> = { road: '通硬底化道路', water: '安全饮水', power: '生活用电', clinic: '村卫生站', broadband: '宽带网络' };

/**
 * 相对贫困村 by the county's rule (§一(二)): per-capita income below `villageEntryIncome` (8,000 元)
 * and registered poor people at least `villageEntryPoorShare` (5 %) of the registered population.
 */
export function meetsDesignationRule(i: Pick<VillageIndicators, 'perCapitaIncome' | 'poorPopulation' | 'registeredPopulation'>, config: Record<string, unknown>): boolean {
  const line = Number(config.villageEntryIncome ?? 8000);
  const share = Number(config.villageEntryPoorShare ?? 0.05);
  return i.perCapitaIncome < line && i.registeredPopulation > 0 && i.poorPopulation / i.registeredPopulation >= share;
}

/**
 * What keeps a village from the exit line (§一(三): per-capita income ≥ `villageExitIncome`, 9,820 元,
 * and the configured infrastructure), in Chinese; empty when it meets it.
 */
export function exitShortfalls(i: VillageIndicators, config: Record<string, unknown>): string[] {
  const line = Number(config.villageExitIncome ?? 9820);
  const needed = Array.isArray(config.villageExitIndicators) ? config.villageExitIndicators.map(String) : [...DEFAULT_EXIT_INDICATORS];
  const problems: string[] = [];
  if (i.perCapitaIncome < line) problems.push(`人均可支配收入${i.perCapitaIncome}元，低于出列标准${line}元`);
  for (const key of needed) if ((i as unknown as Record<string, unknown>)[key] !== true) problems.push(`${INDICATOR_NAMES[key] ?? key}未达标`);
  return problems;
}

/** Roles that record a village's indicators (the village itself, its town, the county office, admins). */
export const VILLAGE_INDICATOR_ROLES: readonly string[] = ['village_clerk', 'town_reviewer', 'county_reviewer', 'admin'];

/** True when the actor holds a role that records village indicators. */
export function canRecordVillageIndicators(actor: Pick<Actor, 'roles'>): boolean {
  return actor.roles.some((r) => VILLAGE_INDICATOR_ROLES.includes(r));
}

/**
 * Records a year's indicators of a village (replacing that year's) and keeps its register row:
 * designated as 相对贫困村 when the indicators meet the county's rule (a designation stays until the
 * village exits). The village must lie within the actor's unit (404 otherwise); read-only roles may not.
 */
export async function recordVillageIndicators(client: Pick<PoolClient, 'query'>, args: {
  tenantId: string; actor: Actor; villageId: string; indicators: VillageIndicators; config: Record<string, unknown>; now: Date;
}): Promise<{ designated: boolean; exitShortfalls: string[] }> {
  const { tenantId, actor, villageId, indicators: i, config } = args;
  if (!canRecordVillageIndicators(actor)) {
    throw new ForbiddenError('只有村文书、乡镇审核员、县级审核员或管理员可以登记贫困村指标');
  }
  const { rows } = await client.query<{ id: string; path: string; name: string }>(
    `SELECT id, path, name FROM org_units WHERE tenant_id = $1 AND id = $2 AND level = 'village' AND (path = $3 OR path LIKE $3 || '/%')`,
    [tenantId, villageId, actor.orgPath]);
  const village = rows[0];
  if (!village) throw new NotFoundError(`Village ${villageId} does not exist`);
  if (i.poorPopulation > i.registeredPopulation) throw new ValidationError('指标填写有误', { '/poorPopulation': ['建档立卡贫困人口不能多于户籍人口'] });
  await client.query(
    `INSERT INTO village_indicators (tenant_id, org_unit_id, year, registered_population, poor_population, per_capita_income, collective_income,
       road, water, power, clinic, broadband, recorded_by, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (tenant_id, org_unit_id, year) DO UPDATE SET registered_population = EXCLUDED.registered_population, poor_population = EXCLUDED.poor_population,
       per_capita_income = EXCLUDED.per_capita_income, collective_income = EXCLUDED.collective_income, road = EXCLUDED.road, water = EXCLUDED.water,
       power = EXCLUDED.power, clinic = EXCLUDED.clinic, broadband = EXCLUDED.broadband, recorded_by = EXCLUDED.recorded_by, recorded_at = EXCLUDED.recorded_at`,
    [tenantId, villageId, i.year, i.registeredPopulation, i.poorPopulation, i.perCapitaIncome, i.collectiveIncome, i.road, i.water, i.power, i.clinic, i.broadband,
      actor.userId, args.now]);
  const meets = meetsDesignationRule(i, config);
  const basis = meets ? { year: i.year, perCapitaIncome: i.perCapitaIncome, poorShare: i.poorPopulation / i.registeredPopulation } : null;
  const { rows: reg } = await client.query<{ designated: boolean }>(
    `INSERT INTO villages (tenant_id, org_unit_id, org_path, name, designated, designation_basis, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, org_unit_id) DO UPDATE SET
       designated = villages.designated OR (EXCLUDED.designated AND villages.exited_year IS NULL),
       designation_basis = CASE WHEN villages.designated THEN villages.designation_basis ELSE EXCLUDED.designation_basis END,
       updated_at = EXCLUDED.updated_at
     RETURNING designated`,
    [tenantId, villageId, village.path, village.name, meets, basis && JSON.stringify(basis), args.now]);
  return { designated: reg[0].designated, exitShortfalls: exitShortfalls(i, config) };
}

/** A village's indicators of `year` from the register, or undefined. */
export async function findVillageIndicators(client: Pick<PoolClient, 'query'>, tenantId: string, villageId: string, year: number): Promise<VillageIndicators | undefined> {
  const { rows } = await client.query(
    `SELECT year, registered_population, poor_population, per_capita_income, collective_income, road, water, power, clinic, broadband
     FROM village_indicators WHERE tenant_id = $1 AND org_unit_id = $2 AND year = $3`, [tenantId, villageId, year]);
  const r = rows[0];
  return r && {
    year: r.year, registeredPopulation: r.registered_population, poorPopulation: r.poor_population, perCapitaIncome: Number(r.per_capita_income),
    collectiveIncome: Number(r.collective_income), road: r.road, water: r.water, power: r.power, clinic: r.clinic, broadband: r.broadband,
  };
}
