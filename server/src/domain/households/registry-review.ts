import type { PoolClient } from 'pg';
import { belowPattern } from '../../auth/org-scope';
import { ConflictError, ValidationError } from '../../kernel';
import type { ActionContext } from '../../kernel';
import { maskIdNumber } from '../masking';
import { byOperation, stepData } from '../records/record-writer';
import type { RecordWriter } from '../records/record-writer';
import { nameHouseholdChange } from './household-versions';

/** The registry status of a household removed after a 回头看 (识别不准, 清退). */
export const DISMISSED_STATUS = '清退';

/** A village the review is started for. */
export interface ReviewVillage {
  id: string;
  name: string;
  path: string;
}

/** One registered household as the village's roster lists it (`registry-review.start`): head's ID number masked. */
export interface RosterHousehold {
  householdId: string;
  headName: string;
  idNumber: string;
  group?: string;
  size: number;
  status: string;
  category?: string;
}

/** A roster line as the village decided it (`registry-review.roster`). */
export interface RosterDecision extends Partial<RosterHousehold> {
  householdId: string;
  headName: string;
  decision: '确认无误' | '需更正' | '拟清退';
  reason?: string;
  evidence?: string[];
}

/**
 * The villages of the caller's scope (a town's or the county's), all of them or the ones named.
 * A named village outside the scope is simply not returned: the caller answers it as missing.
 */
export async function findReviewVillages(client: Pick<PoolClient, 'query'>, tenantId: string, scopePath: string, villageIds?: string[]): Promise<ReviewVillage[]> {
  const { rows } = await client.query<ReviewVillage>(
    `SELECT id, name, path FROM org_units WHERE tenant_id = $1 AND level = 'village' AND (path = $2 OR path LIKE $3)
       AND ($4::text[] IS NULL OR id = ANY($4::text[])) ORDER BY id`,
    [tenantId, scopePath, belowPattern(scopePath), villageIds ?? null]);
  return rows;
}

/**
 * Serialises starts of the same county's review of `year` (two reviewers pressing at once): the
 * second waits for the first's commit and then sees its cases.
 */
export async function lockReviewYear(client: Pick<PoolClient, 'query'>, tenantId: string, year: number): Promise<void> {
  await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`registry-review:${tenantId}:${year}`]);
}

/** The review cases of `year` already started for these villages (any that did not end terminated), by village id. */
export async function findStartedReviews(client: Pick<PoolClient, 'query'>, tenantId: string, year: number, villageIds: string[]): Promise<Map<string, string>> {
  const { rows } = await client.query<{ org_unit_id: string; id: string }>(
    `SELECT org_unit_id, id FROM instances WHERE tenant_id = $1 AND definition_key = 'registry-review' AND status <> 'terminated'
       AND data->'start'->>'year' = $2 AND org_unit_id = ANY($3::text[])`,
    [tenantId, String(year), villageIds]);
  return new Map(rows.map((r) => [r.org_unit_id, r.id]));
}

/** The registered households of each village (those not removed), by 村民小组 and head's name; ID numbers masked. */
export async function findVillageRosters(client: Pick<PoolClient, 'query'>, tenantId: string, villages: ReviewVillage[]): Promise<Map<string, RosterHousehold[]>> {
  const rosters = new Map<string, RosterHousehold[]>(villages.map((v) => [v.id, []]));
  if (villages.length === 0) return rosters;
  const { rows } = await client.query<{ village_id: string; id: string; head_name: string; head_id_number: string; status: string; category: string | null; grp: string | null; size: number }>(
    `SELECT v.id AS village_id, h.id, h.head_name, h.head_id_number, h.status, h.category, h.data->'address'->>'group' AS grp,
            coalesce(jsonb_array_length(CASE WHEN jsonb_typeof(h.data->'members') = 'array' THEN h.data->'members' END), 0)::int AS size
     FROM unnest($2::text[], $3::text[]) AS v(id, path)
     JOIN households h ON h.tenant_id = $1 AND (h.org_path = v.path OR h.org_path LIKE v.path || '/%')
     WHERE h.status <> $4
     ORDER BY v.id, (SELECT g.id FROM org_units g WHERE g.tenant_id = $1 AND g.parent_id = v.id AND g.level = 'group' AND g.name = h.data->'address'->>'group') NULLS LAST,
              h.head_name, h.id`,
    [tenantId, villages.map((v) => v.id), villages.map((v) => v.path), DISMISSED_STATUS]);
  for (const r of rows) {
    rosters.get(r.village_id)?.push({
      householdId: r.id, headName: r.head_name, idNumber: maskIdNumber(r.head_id_number), size: r.size, status: r.status,
      ...(r.grp ? { group: r.grp } : {}), ...(r.category ? { category: r.category } : {}),
    });
  }
  return rosters;
}

/**
 * Whether a running case of `definitionKey` has start data holding every field of `start`
 * (e.g. the household change a review already started for a household).
 */
export async function hasRunningCaseWithStart(client: Pick<PoolClient, 'query'>, tenantId: string, definitionKey: string, start: Record<string, unknown>): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM instances WHERE tenant_id = $1 AND definition_key = $2 AND status = 'running' AND data->'start' @> $3::jsonb LIMIT 1`,
    [tenantId, definitionKey, JSON.stringify(start)]);
  return rows.length > 0;
}

function startRoster(context: ActionContext): RosterHousehold[] {
  const start = (context.data.start ?? {}) as { households?: unknown };
  return Array.isArray(start.households) ? (start.households as RosterHousehold[]) : [];
}

function rosterDecisions(context: ActionContext): RosterDecision[] {
  const households = stepData(context, 'roster').households;
  return Array.isArray(households) ? (households as RosterDecision[]) : [];
}

/** The households the village proposed for removal (拟清退), as its roster step recorded them. */
export function dismissalsOf(data: Record<string, unknown>): RosterDecision[] {
  const roster = (data.roster ?? {}) as { households?: unknown };
  return Array.isArray(roster.households) ? (roster.households as RosterDecision[]).filter((h) => h.decision === '拟清退') : [];
}

/** Locks the registry rows of `ids` that are still registered within the case's village. */
async function lockVillageHouseholds(client: PoolClient, context: ActionContext, ids: string[]) {
  const { rows } = await client.query<{ id: string; status: string; head_name: string }>(
    `SELECT id, status, head_name FROM households WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND (org_path = $3 OR org_path LIKE $4) ORDER BY id FOR UPDATE`,
    [context.tenantId, ids, context.orgPath, belowPattern(context.orgPath)]);
  return new Map(rows.map((r) => [r.id, r]));
}

/**
 * `checkRoster`: the roster the village submits is the one the registry gave it, line for line
 * (no household added, left out, repeated or renamed), and every household it corrects or proposes
 * for removal is still registered in the village. A 400 naming each line otherwise, nothing written.
 */
const checkRoster: RecordWriter = async (client, _params, context) => {
  const given = new Map(startRoster(context).map((h) => [h.householdId, h]));
  const decisions = rosterDecisions(context);
  const fields: Record<string, string[]> = {};
  const seen = new Set<string>();
  decisions.forEach((line, i) => {
    const listed = given.get(line.householdId);
    if (!listed) fields[`/households/${i}/householdId`] = ['该户不在本次回头看的名册中（名册由台账带出，不能增加）'];
    else if (seen.has(line.householdId)) fields[`/households/${i}/householdId`] = [`${listed.headName}户在名册中重复出现`];
    else if (line.headName !== listed.headName) fields[`/households/${i}/headName`] = [`台账中该户户主为${listed.headName}，名册由台账带出，不能修改`];
    seen.add(line.householdId);
  });
  const missing = [...given.values()].filter((h) => !seen.has(h.householdId));
  if (missing.length) fields['/households'] = [`须逐户复核本村全部在册户，名册缺少：${missing.map((h) => h.headName).join('、')}`];
  if (Object.keys(fields).length) throw new ValidationError('复核名册与建档立卡台账不符（The roster does not match the registry）', fields);

  const acted = decisions.filter((line) => line.decision !== '确认无误');
  if (acted.length === 0) return;
  const rows = await lockVillageHouseholds(client, context, acted.map((line) => line.householdId));
  decisions.forEach((line, i) => {
    if (line.decision === '确认无误') return;
    const row = rows.get(line.householdId);
    if (!row || row.status === DISMISSED_STATUS) fields[`/households/${i}/decision`] = [`${line.headName}户已不在本村在册建档立卡户中（已清退或迁出），不能${line.decision === '需更正' ? '更正' : '清退'}`];
  });
  if (Object.keys(fields).length) throw new ValidationError('名册中有户已不在台账中', fields);
};

/**
 * `dismiss`: the county approved the removals. Each household proposed is marked 清退 with its
 * reason and the county's decision number; the registry's version row (migration 0018's trigger)
 * names the removal and the case; the ID numbers it held are free again; its helper pairing ends.
 */
const dismiss: RecordWriter = async (client, _params, context) => {
  const dismissals = dismissalsOf(context.data);
  const rows = await lockVillageHouseholds(client, context, dismissals.map((d) => d.householdId));
  const decisionNumber = (stepData(context, 'countyApproval').decisionNumber as string | undefined) ?? null;
  for (const line of dismissals) {
    const row = rows.get(line.householdId);
    if (!row || row.status === DISMISSED_STATUS) {
      throw new ConflictError(`不能清退：${line.headName}户已不在本村在册建档立卡户中（Household ${line.householdId} is no longer registered in ${context.orgPath}）`, 'household_not_registered');
    }
    const reason = `回头看清退：${line.reason ?? ''}`.slice(0, 1000);
    await nameHouseholdChange(client, { changeType: DISMISSED_STATUS, reason, instanceId: context.instanceId, userId: context.actor.userId });
    await client.query('UPDATE households SET status = $3, updated_at = $4 WHERE id = $1 AND tenant_id = $2', [row.id, context.tenantId, DISMISSED_STATUS, context.now]);
    await client.query(
      `INSERT INTO household_status_changes (id, tenant_id, household_id, from_status, to_status, route, reason, decision_number, instance_id, changed_by, changed_at)
       VALUES ($1, $2, $3, $4, $5, '回头看', $6, $7, $8, $9, $10)`,
      [context.uuid(), context.tenantId, row.id, row.status, DISMISSED_STATUS, reason, decisionNumber, context.instanceId, context.actor.userId, context.now]);
    await client.query('DELETE FROM id_number_claims WHERE tenant_id = $1 AND household_id = $2', [context.tenantId, row.id]);
    // A household no longer registered is helped by no one: its pairing ends (kept as history), so its
    // cases leave the helper's inbox, which lists only current pairings.
    await client.query('UPDATE household_helpers SET ended_at = $3, ended_by = $4, end_reason = $5 WHERE tenant_id = $1 AND household_id = $2 AND ended_at IS NULL',
      [context.tenantId, row.id, context.now, context.actor.username, reason]);
  }
};

/** `writeRecord { record: 'registryReview', op: 'checkRoster' | 'dismiss' }` (workflows/registry-review.json). */
export const registryReviewWriter = byOperation('registryReview', { checkRoster, dismiss });
