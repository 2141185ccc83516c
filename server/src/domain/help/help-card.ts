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
