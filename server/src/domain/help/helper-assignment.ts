import type { PoolClient } from 'pg';
import { ConflictError, NotFoundError, ValidationError } from '../../kernel';
import type { ActionContext, FoldedWritePart } from '../../kernel';
import type { SqlClient } from '../../store/sql-client';
import type { HelperAssignment, VillagePairings } from '../../contract';

/** 重点帮扶 or 联系帮扶, as the year's configuration maps a household category (`helpKindByCategory`). */
export function helpKindOf(config: Record<string, unknown>, category: string | null): string {
  const map = (config.helpKindByCategory ?? {}) as Record<string, string>;
  return (category && map[category]) || '重点帮扶';
}

/**
 * The helper a new household gets: a `helper` of the 帮扶单位 paired with its village (or, failing
 * that, its town: org unit flag `pairedHelpUnit`), the one with the fewest households now, then by
 * username. No pairing or no helper there: no row, and the household waits on the town's list.
 */
const PICK_HELPER = `SELECT u.id FROM users u
    WHERE u.tenant_id = $2::text AND NOT u.disabled AND 'helper' = ANY(u.roles)
      AND u.org_unit_id = (SELECT o.flags->>'pairedHelpUnit' FROM org_units o
        WHERE o.id = ANY(string_to_array($7::text, '/')) AND (o.tenant_id = $2::text AND o.flags ? 'pairedHelpUnit') IS TRUE ORDER BY length(o.path) DESC LIMIT 1)
    ORDER BY (SELECT count(*) FROM household_helpers c WHERE c.tenant_id = $2::text AND c.helper_user_id = u.id AND c.ended_at IS NULL), u.username
    LIMIT 1`;

const AUTO_REASON = '建档立卡时按帮扶单位结对自动指派';

function assignmentValues(context: ActionContext, category: string | null): unknown[] {
  return [context.uuid(), context.tenantId, helpKindOf(context.configForYear(context.year), category), context.now, AUTO_REASON, context.instanceId, context.orgPath];
}

/**
 * Part of the registration step's one statement: pairs the household the part `{0}` inserted with
 * its helper. Writes no row when none can be chosen (the town then assigns one).
 */
export function foldAssignHelper(context: ActionContext, category: string | null): FoldedWritePart {
  return {
    shape: 'household.assignHelper',
    sql: `INSERT INTO household_helpers (id, tenant_id, household_id, helper_user_id, help_kind, assigned_at, assigned_by, reason, source_instance_id)
  SELECT $1::uuid, $2::text, hh.id, pick.id, $3::text, $4::timestamptz, 'system', $5::text, $6::uuid FROM {0} hh CROSS JOIN LATERAL (${PICK_HELPER}) pick
  RETURNING id`,
    values: assignmentValues(context, category),
  };
}

/** The same pairing in the step's transaction (when the step is not folded). */
export async function assignHelperAtRegistration(client: PoolClient, context: ActionContext, householdId: string, category: string | null): Promise<void> {
  await client.query(
    `INSERT INTO household_helpers (id, tenant_id, household_id, helper_user_id, help_kind, assigned_at, assigned_by, reason, source_instance_id)
     SELECT $1::uuid, $2::text, $8::uuid, pick.id, $3::text, $4::timestamptz, 'system', $5::text, $6::uuid FROM (${PICK_HELPER}) pick`,
    [...assignmentValues(context, category), householdId]);
}

/** Every pairing of a household, newest first (the first is the current one when `endedAt` is null). */
export async function listHelperAssignments(db: SqlClient, tenantId: string, householdId: string): Promise<HelperAssignment[]> {
  const { rows } = await db.query<{ id: string; helper_user_id: string; helper_name: string; helper_unit: string; help_kind: string; assigned_at: Date; assigned_by: string;
    reason: string | null; ended_at: Date | null; ended_by: string | null; end_reason: string | null }>(
    `SELECT a.id, a.helper_user_id, u.display_name AS helper_name, o.name AS helper_unit, a.help_kind, a.assigned_at, a.assigned_by, a.reason, a.ended_at, a.ended_by, a.end_reason
     FROM household_helpers a JOIN users u ON u.id = a.helper_user_id JOIN org_units o ON o.id = u.org_unit_id
     WHERE a.tenant_id = $1 AND a.household_id = $2 ORDER BY a.assigned_at DESC, a.ended_at DESC NULLS FIRST`, [tenantId, householdId]);
  return rows.map((r) => ({
    id: r.id, helperUserId: r.helper_user_id, helperName: r.helper_name, helperUnit: r.helper_unit, helpKind: r.help_kind, assignedAt: r.assigned_at.toISOString(),
    assignedBy: r.assigned_by, reason: r.reason, endedAt: r.ended_at?.toISOString() ?? null, endedBy: r.ended_by, endReason: r.end_reason,
  }));
}

/** The county's helpers with how many households each helps now (for the town's picker). */
export async function listHelpers(db: SqlClient, tenantId: string): Promise<{ userId: string; name: string; unit: string; households: number }[]> {
  const { rows } = await db.query<{ id: string; display_name: string; unit: string; households: number }>(
    `SELECT u.id, u.display_name, o.name AS unit,
       (SELECT count(*)::int FROM household_helpers c WHERE c.tenant_id = u.tenant_id AND c.helper_user_id = u.id AND c.ended_at IS NULL) AS households
     FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.tenant_id = $1 AND NOT u.disabled AND 'helper' = ANY(u.roles) ORDER BY o.id, u.username`, [tenantId]);
  return rows.map((r) => ({ userId: r.id, name: r.display_name, unit: r.unit, households: r.households }));
}

/**
 * Pairs a household with another helper (or its first one, where registration could choose none):
 * the current pairing ends with the reason, the new one starts, both kept as its history. One
 * transaction on the caller's connection; the household row is locked so two towns' changes queue.
 */
export async function reassignHelper(client: PoolClient, input: {
  tenantId: string; householdId: string; helperUserId: string; reason: string; by: string; now: Date; id: string; helpKind: string; locale: 'zh-CN' | 'en';
}): Promise<void> {
  const en = input.locale === 'en';
  const { rows: [household] } = await client.query('SELECT id FROM households WHERE tenant_id = $1 AND id = $2 FOR UPDATE', [input.tenantId, input.householdId]);
  if (!household) throw new NotFoundError(`Household ${input.householdId} does not exist`);
  const { rows: [helper] } = await client.query(
    `SELECT id FROM users WHERE tenant_id = $1 AND id::text = $2 AND NOT disabled AND 'helper' = ANY(roles)`, [input.tenantId, input.helperUserId]);
  if (!helper) throw new ValidationError(en ? 'Not a helper' : '帮扶责任人无效', { '/helperUserId': [en ? 'choose an active user with the role helper' : '请选择在职的帮扶责任人'] });
  const { rows: [current] } = await client.query(
    'SELECT helper_user_id FROM household_helpers WHERE tenant_id = $1 AND household_id = $2 AND ended_at IS NULL', [input.tenantId, input.householdId]);
  if (current?.helper_user_id === helper.id) throw new ConflictError(en ? 'This helper already helps the household' : '该户的帮扶责任人已是此人', 'helper_unchanged');
  await client.query(
    'UPDATE household_helpers SET ended_at = $3, ended_by = $4, end_reason = $5 WHERE tenant_id = $1 AND household_id = $2 AND ended_at IS NULL',
    [input.tenantId, input.householdId, input.now, input.by, input.reason]);
  await client.query(
    `INSERT INTO household_helpers (id, tenant_id, household_id, helper_user_id, help_kind, assigned_at, assigned_by, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [input.id, input.tenantId, input.householdId, helper.id, input.helpKind, input.now, input.by, input.reason]);
}

/**
 * A village's 帮扶单位 (its own pairing, else its town's: org unit flag `pairedHelpUnit`) and every
 * household it has on the registry (not 清退) with its current 帮扶责任人; undefined for no such village.
 */
export async function listVillagePairings(db: SqlClient, tenantId: string, villageId: string): Promise<(VillagePairings & { path: string }) | undefined> {
  const { rows: [village] } = await db.query<{ id: string; name: string; path: string; unit_id: string | null; unit_name: string | null }>(
    `SELECT v.id, v.name, v.path, hu.id AS unit_id, hu.name AS unit_name FROM org_units v
     LEFT JOIN org_units hu ON hu.tenant_id = v.tenant_id AND hu.id = (SELECT o.flags->>'pairedHelpUnit' FROM org_units o
       WHERE o.tenant_id = v.tenant_id AND o.id = ANY(string_to_array(v.path, '/')) AND o.flags ? 'pairedHelpUnit' ORDER BY length(o.path) DESC LIMIT 1)
     WHERE v.tenant_id = $1 AND v.id = $2 AND v.level = 'village'`, [tenantId, villageId]);
  if (!village) return undefined;
  const { rows } = await db.query<{ id: string; head_name: string; category: string | null; status: string; helper_user_id: string | null; helper_name: string | null;
    helper_unit: string | null; help_kind: string | null; assigned_at: Date | null }>(
    `SELECT h.id, h.head_name, h.category, h.status, a.helper_user_id::text, u.display_name AS helper_name, o.name AS helper_unit, a.help_kind, a.assigned_at
     FROM households h
     LEFT JOIN household_helpers a ON a.tenant_id = h.tenant_id AND a.household_id = h.id AND a.ended_at IS NULL
     LEFT JOIN users u ON u.id = a.helper_user_id LEFT JOIN org_units o ON o.id = u.org_unit_id
     WHERE h.tenant_id = $1 AND (h.org_path = $2 OR h.org_path LIKE $2 || '/%') AND h.status <> '清退'
     ORDER BY h.head_name, h.id`, [tenantId, village.path]);
  return {
    path: village.path,
    village: { id: village.id, name: village.name },
    helpUnit: village.unit_id ? { id: village.unit_id, name: village.unit_name ?? village.unit_id } : null,
    households: rows.map((r) => ({
      id: r.id, headName: r.head_name, category: r.category, status: r.status,
      helper: r.helper_user_id ? { userId: r.helper_user_id, name: r.helper_name ?? '', unit: r.helper_unit ?? '', helpKind: r.help_kind ?? '', since: r.assigned_at!.toISOString() } : null,
    })),
  };
}
