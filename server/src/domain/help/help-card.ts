import type { HelpCardEntryDraft } from '../../engine';
import type { SqlClient } from '../../store/sql-client';

/** One row of a household's 帮扶记录卡 as the page, the print and the export show it. */
export interface HelpCardEntry {
  id: string;
  entryKind: string;
  date: string;
  helperName: string;
  helperUnit: string;
  measureType: string;
  content: string;
  result: string | null;
  value: number | null;
  confirmedByHousehold: boolean;
  confirmedByVillageHead: boolean;
  confirmedByTeamLeader: boolean;
  /** The case that wrote it (exit, renovation …), or null for an entry made with the card's own form. */
  sourceInstanceId: string | null;
  locked: boolean;
}

/** What 帮扶记录卡 entry kinds the form offers (stored as `entry_kind`). */
export const ENTRY_KINDS = ['走访', '帮扶措施', '帮扶成效'] as const;

/**
 * Every entry of a household's card, oldest first: the ones written by processes (exit,
 * renovation, measures) and the ones entered with the card's form, one card for all.
 */
export async function listHelpCard(db: SqlClient, tenantId: string, household: { id: string; headIdNumber: string }): Promise<HelpCardEntry[]> {
  const { rows } = await db.query<{ id: string; entry_kind: string; date: string; helper_name: string; helper_unit: string; measure_type: string; content: string; result: string | null;
    value: string | null; confirmed_by_household: boolean; confirmed_by_village_head: boolean; confirmed_by_team_leader: boolean; source_instance_id: string | null; locked_at: Date | null }>(
    `SELECT id, entry_kind, to_char(date, 'YYYY-MM-DD') AS date, helper_name, helper_unit, measure_type, content, result, value,
       confirmed_by_household, confirmed_by_village_head, confirmed_by_team_leader, source_instance_id, locked_at
     FROM help_records WHERE tenant_id = $1 AND (household_id = $2 OR (household_id IS NULL AND head_id_number = $3)) ORDER BY date, created_at`,
    [tenantId, household.id, household.headIdNumber]);
  return rows.map((r) => ({
    id: r.id, entryKind: r.entry_kind === 'measure' ? '帮扶措施' : r.entry_kind, date: r.date, helperName: r.helper_name, helperUnit: r.helper_unit, measureType: r.measure_type,
    content: r.content, result: r.result, value: r.value === null ? null : Number(r.value), confirmedByHousehold: r.confirmed_by_household,
    confirmedByVillageHead: r.confirmed_by_village_head, confirmedByTeamLeader: r.confirmed_by_team_leader, sourceInstanceId: r.source_instance_id, locked: r.locked_at !== null,
  }));
}

/** A card entry made with the form `help.record` (already validated), by its helper or the village. */
export interface NewCardEntry {
  entryKind: string;
  date: string;
  measureType: string;
  content: string;
  result?: string;
  value?: number;
  confirmedByHousehold?: boolean;
  confirmedByVillageHead?: boolean;
  confirmedByTeamLeader?: boolean;
}

/**
 * Adds one entry to the card on the caller's connection (in their transaction). The same entry
 * twice (day, measure, content) is kept once; an entry all three confirmed is locked.
 * @returns the entry's id, or null when it was already on the card
 */
export async function addCardEntry(client: SqlClient, input: {
  id: string; tenantId: string; householdId: string; headIdNumber: string; helperName: string; helperUnit: string; enteredBy: string | null; now: Date; entry: NewCardEntry; sourceInstanceId?: string | null;
}): Promise<string | null> {
  const e = input.entry;
  const confirmed = Boolean(e.confirmedByHousehold && e.confirmedByVillageHead && e.confirmedByTeamLeader);
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO help_records (id, tenant_id, household_id, head_id_number, date, helper_name, helper_unit, measure_type, content, value,
       confirmed_by_household, confirmed_by_village_head, confirmed_by_team_leader, source_instance_id, created_at, locked_at, entry_kind, result, entered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
     ON CONFLICT (tenant_id, head_id_number, date, measure_type, content) DO NOTHING RETURNING id`,
    [input.id, input.tenantId, input.householdId, input.headIdNumber, e.date, input.helperName, input.helperUnit, e.measureType, e.content, e.value ?? null,
      Boolean(e.confirmedByHousehold), Boolean(e.confirmedByVillageHead), Boolean(e.confirmedByTeamLeader), input.sourceInstanceId ?? null, input.now,
      confirmed ? input.now : null, e.entryKind, e.result ?? null, input.enteredBy]);
  return rows[0]?.id ?? null;
}

/** A card entry a completed process step files (`meta.task.helpCard`), with who completed it. */
export interface StepCardEntry extends Omit<HelpCardEntryDraft, 'date'> {
  id: string;
  tenantId: string;
  instanceId: string;
  /** The day of the help (YYYY-MM-DD): the declared date, or the day it was completed. */
  date: string;
  helperName: string;
  actorOrgUnitId: string;
  actorUserId: string | null;
  now: Date;
}

// The household is found by its head's ID number (a case about a household not yet in the registry
// still files the entry under the number, as the card reads it); the unit defaults to the completer's.
const STEP_ENTRY_SQL = (from: string) => `INSERT INTO help_records (id, tenant_id, household_id, head_id_number, date, helper_name, helper_unit, measure_type, content, value,
    confirmed_by_household, confirmed_by_village_head, confirmed_by_team_leader, source_instance_id, created_at, locked_at, entry_kind, result, entered_by)
  SELECT $1::uuid, $2::text, (SELECT h.id FROM households h WHERE h.tenant_id = $2::text AND h.head_id_number = $3::text), $3::text, $4::date, $5::text,
    COALESCE($6::text, (SELECT o.name FROM org_units o WHERE o.id = $7::text), ''), $8::text, $9::text, $10::numeric, $11::boolean, $12::boolean, $13::boolean,
    $14::uuid, $15::timestamptz, CASE WHEN $11::boolean AND $12::boolean AND $13::boolean THEN $15::timestamptz END, $16::text, $17::text, $18::uuid${from}
  ON CONFLICT (tenant_id, head_id_number, date, measure_type, content) DO NOTHING`;

function stepEntryValues(e: StepCardEntry): unknown[] {
  return [e.id, e.tenantId, e.headIdNumber, e.date, e.helperName, e.helperUnit, e.actorOrgUnitId, e.measureType, e.content, e.value,
    e.confirmedByHousehold, e.confirmedByVillageHead, e.confirmedByTeamLeader, e.instanceId, e.now, e.entryKind, e.result, e.actorUserId];
}

/** The step's card entry as a part of the step's own statement: written only when the step is (`FROM u`). */
export function foldStepCardEntry(entry: StepCardEntry): { tables: string[]; parts: Array<{ shape: string; sql: string; values: unknown[] }> } {
  return { tables: ['help_records'], parts: [{ shape: 'help_records.stepEntry', sql: STEP_ENTRY_SQL('\n  FROM u'), values: stepEntryValues(entry) }] };
}

/** The step's card entry on the caller's connection, in the step's transaction (when the step cannot be one statement). */
export async function addStepCardEntry(client: SqlClient, entry: StepCardEntry): Promise<void> {
  await client.query(STEP_ENTRY_SQL(''), stepEntryValues(entry));
}
