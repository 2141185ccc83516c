import type { PoolClient } from 'pg';
import type { ActionContext } from '../../kernel';
import { findVillageIndicators } from './village-register';

const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
const step = (data: Record<string, unknown>, key: string) => (data[key] && typeof data[key] === 'object' ? data[key] as Record<string, unknown> : {});

/**
 * What a village's exit notice (出列公示) shows, read in the step's transaction when the county
 * approves: the village and its town, the register's indicators of the proposed year, per-capita
 * income against the exit line (`villageExitIncome`, 9,820 元) and the decision of the town and the
 * county. Reviewers' names stay out: the notice speaks for the bodies.
 */
export async function villageNoticeContent(client: Pick<PoolClient, 'query'>, ctx: Pick<ActionContext, 'tenantId' | 'orgUnitId' | 'data' | 'configForYear' | 'year'>): Promise<Record<string, unknown>> {
  const candidate = step(ctx.data, 'candidate');
  const year = Number(candidate.year);
  const { rows } = await client.query<{ name: string; town_name: string | null }>(
    `SELECT v.name, t.name AS town_name FROM org_units v LEFT JOIN org_units t ON t.id = v.parent_id WHERE v.tenant_id = $1 AND v.id = $2`,
    [ctx.tenantId, ctx.orgUnitId]);
  const indicators = Number.isInteger(year) ? await findVillageIndicators(client, ctx.tenantId, ctx.orgUnitId, year) : undefined;
  const exitLine = Number(ctx.configForYear(Number.isInteger(year) ? year : ctx.year).villageExitIncome ?? 9820);
  const town = step(ctx.data, 'townReview');
  const county = step(ctx.data, 'countyApproval');
  return {
    name: rows[0]?.name ?? '', townName: rows[0]?.town_name ?? null, year: Number.isInteger(year) ? year : null,
    indicators: indicators ? { ...indicators, year: undefined } : null,
    exitLine, meetsLine: indicators ? indicators.perCapitaIncome >= exitLine : null,
    summary: text(candidate.summary),
    decision: { townOpinion: text(town.opinion), countyOpinion: text(county.opinion), decisionNumber: text(county.decisionNumber), decidedOn: text(county.reviewDate) },
  };
}
