import { belowPattern, householdReadScope, isWithinScope } from '../../auth/org-scope';
import { isUuid, NotFoundError } from '../../kernel';
import type { Actor } from '../../kernel';
import type { SqlClient } from '../../store/sql-client';
import { listHelpCard } from '../help/help-card';
import { listHelpPlans } from '../help/help-plans';
import { listHelperAssignments } from '../help/helper-assignment';
import { listMeasures } from '../help/measures';
import { maskIdNumber, maskPersonalData } from '../masking';
import type { SensitiveFields } from '../masking';
import type { Household, HouseholdSummary, StateValue } from '../../contract';
import { caseNamesHousehold } from './case-names-household';

export interface HouseholdFilter {
  scopePath: string;
  /** Only the households currently paired with this 帮扶责任人 (a helper's registry). */
  helperUserId?: string;
  category?: string;
  status?: string;
  cause?: string;
  q?: string;
}

/** A registry row as lists and exports show it: the contract's `HouseholdSummary`. */
export type { HouseholdSummary } from '../../contract';

const COLUMNS = `h.id, h.head_name, h.head_id_number, h.org_unit_id, h.category, h.status, h.registered_at, h.data, h.source_instance_id,
  v.name AS village_name, tw.name AS town_name`;
const JOINS = 'LEFT JOIN org_units v ON v.id = h.org_unit_id LEFT JOIN org_units tw ON tw.id = v.parent_id';

function whereOf(tenantId: string, filter: HouseholdFilter): { sql: string; values: unknown[] } {
  const values: unknown[] = [tenantId, filter.scopePath, belowPattern(filter.scopePath)];
  const where = ['h.tenant_id = $1', '(h.org_path = $2 OR h.org_path LIKE $3)'];
  if (filter.helperUserId !== undefined) {
    where.push(`EXISTS (SELECT 1 FROM household_helpers hh WHERE hh.tenant_id = $1 AND hh.household_id = h.id AND hh.ended_at IS NULL
      AND hh.helper_user_id::text = $${values.push(filter.helperUserId)})`);
  }
  if (filter.category) where.push(`h.category = $${values.push(filter.category)}`);
  if (filter.status) where.push(`h.status = $${values.push(filter.status)}`);
  if (filter.cause) where.push(`h.data->>'mainCause' = $${values.push(filter.cause)}`);
  if (filter.q) {
    // A name fragment, or an ID number (whole, or its last four characters).
    const n = values.push(filter.q);
    // LIKE wildcards in the input are literal. An ID number matches whole or by exactly its last four
    // characters (what the masked list shows): longer tails would let a caller confirm digits one by one.
    const pattern = values.push(filter.q.replace(/[\\%_]/g, (c) => `\\${c}`));
    where.push(`(h.head_name LIKE '%' || $${pattern} || '%' OR h.head_id_number = $${n} OR (length($${n}) = 4 AND h.head_id_number LIKE '%' || $${pattern}))`);
  }
  return { sql: where.join(' AND '), values };
}

/** A registry row as {@link COLUMNS} selects it; `data` is the household's form data. */
interface HouseholdRow {
  id: string;
  head_name: string;
  head_id_number: string;
  org_unit_id: string;
  category: string | null;
  status: string;
  registered_at: Date;
  data: HouseholdData | null;
  source_instance_id: string | null;
  village_name: string | null;
  town_name: string | null;
}

/** A household's data as its application's household block stores it (the form checked it); the rest is shown as stored. */
type HouseholdData = Household['data'];

function toSummary(r: HouseholdRow, unmasked: boolean): HouseholdSummary {
  const members = Array.isArray(r.data?.members) ? r.data.members : null;
  const income = Number(r.data?.income?.perCapitaIncome);
  // 人口数: the members an application listed, else the figure an imported row gave.
  const declared = Number((r.data as { size?: unknown } | null)?.size);
  return {
    id: r.id, headName: r.head_name, headIdNumber: unmasked ? r.head_id_number : maskIdNumber(r.head_id_number), orgUnitId: r.org_unit_id,
    townName: r.town_name ?? null, villageName: r.village_name ?? null, category: r.category ?? null, status: r.status,
    size: members ? members.length : Number.isInteger(declared) && declared > 0 ? declared : null, mainCause: typeof r.data?.mainCause === 'string' ? r.data.mainCause : null,
    perCapitaIncome: Number.isFinite(income) ? income : null, registeredAt: r.registered_at.toISOString(),
  };
}

/** A page of registered households within the scope. */
export async function listHouseholds(db: SqlClient, tenantId: string, filter: HouseholdFilter & { page: number; pageSize: number }, unmasked: boolean) {
  const { sql, values } = whereOf(tenantId, filter);
  const [items, count] = await Promise.all([
    db.query<HouseholdRow>(`SELECT ${COLUMNS} FROM households h ${JOINS} WHERE ${sql} ORDER BY h.registered_at DESC, h.id LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
      [...values, filter.pageSize, (filter.page - 1) * filter.pageSize]),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM households h WHERE ${sql}`, values),
  ]);
  return { items: items.rows.map((r) => toSummary(r, unmasked)), total: count.rows[0].n, page: filter.page, pageSize: filter.pageSize };
}

/** Every household of a filter, for the export (capped, so one request cannot pull an unbounded table). */
export async function exportHouseholds(db: SqlClient, tenantId: string, filter: HouseholdFilter, unmasked: boolean, limit = 100_000) {
  const { sql, values } = whereOf(tenantId, filter);
  const { rows } = await db.query<HouseholdRow>(`SELECT ${COLUMNS} FROM households h ${JOINS} WHERE ${sql} ORDER BY h.org_path, h.head_name LIMIT $${values.length + 1}`, [...values, limit]);
  return rows.map((r) => ({ ...toSummary(r, unmasked), bankAccount: unmasked ? String(r.data?.bankAccount ?? '') : maskIdNumber(r.data?.bankAccount) }));
}

/** True when the actor's registry scope ({@link householdReadScope}) holds this household. */
export async function mayReadHousehold(db: SqlClient, tenantId: string, actor: Actor, householdId: string, orgPath: string): Promise<boolean> {
  const scope = householdReadScope(actor);
  if (!isWithinScope({ orgPath: scope.path }, orgPath)) return false;
  if (scope.helperUserId === undefined) return true;
  const { rows } = await db.query(
    'SELECT 1 FROM household_helpers WHERE tenant_id = $1 AND household_id = $2 AND helper_user_id::text = $3 AND ended_at IS NULL', [tenantId, householdId, scope.helperUserId]);
  return rows.length > 0;
}

/** A household's village and the units above it but the county (`a/b/c` → `a/b`, `a/b/c`): where its cases are filed. */
function unitsAbove(orgPath: string): string[] {
  const parts = orgPath.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 2).join('/'));
}

/** The most cases a household page lists (newest first). */
const HOUSEHOLD_CASES_LIMIT = 50;

/**
 * The cases about a household, newest first: the one that registered it, every case that wrote one
 * of its registry versions (a change, an exit, a 返贫, a 清退), and every case of its village or town
 * (not the county's: there are too many to read for one page) whose data names it: a section with its `householdId` or its head's ID number
 * (`household.head.idNumber`), as the change, exit, relapse and renovation forms do.
 */
async function findHouseholdCases(db: SqlClient, tenantId: string, household: { id: string; headIdNumber: string; orgPath: string; sourceInstanceId: string | null }) {
  const { rows } = await db.query<{ id: string; definition_key: string; state: StateValue; status: string; created_at: Date; receipt_no: string | null }>(
    `SELECT i.id, i.definition_key, i.state, i.status, i.created_at, i.receipt_no FROM instances i
     WHERE i.tenant_id = $1 AND (
       i.id = $2::uuid
       OR i.id IN (SELECT v.instance_id FROM household_versions v WHERE v.household_id = $3::uuid AND v.instance_id IS NOT NULL)
       OR (i.org_path = ANY($5::text[]) AND ${caseNamesHousehold('i', '$3::text', '$4::text')}))
     ORDER BY i.created_at DESC, i.id LIMIT ${HOUSEHOLD_CASES_LIMIT}`,
    [tenantId, household.sourceInstanceId, household.id, household.headIdNumber, unitsAbove(household.orgPath)]);
  return rows;
}

/** One household with its data (masked unless `unmasked`) and the cases about it. */
export async function findVisibleHousehold(db: SqlClient, tenantId: string, actor: Actor, id: string, unmasked: boolean, sensitive: SensitiveFields = new Map()): Promise<Household> {
  const missing = () => new NotFoundError(`Household ${id} does not exist`);
  if (!isUuid(id)) throw missing();
  const { rows } = await db.query<HouseholdRow & { org_path: string }>(`SELECT ${COLUMNS}, h.org_path FROM households h ${JOINS} WHERE h.id = $1 AND h.tenant_id = $2`, [id, tenantId]);
  const r = rows[0];
  if (!r || !(await mayReadHousehold(db, tenantId, actor, r.id, r.org_path))) throw missing();
  const cases = await findHouseholdCases(db, tenantId, { id: r.id, headIdNumber: r.head_id_number, orgPath: r.org_path, sourceInstanceId: r.source_instance_id });
  const data = r.data ?? {};
  const [helpRecords, helpers, plans, measures] = await Promise.all([
    listHelpCard(db, tenantId, { id: r.id, headIdNumber: r.head_id_number }), listHelperAssignments(db, tenantId, r.id),
    listHelpPlans(db, tenantId, r.id), listMeasures(db, tenantId, r.id),
  ]);
  return {
    ...toSummary(r, unmasked),
    data: unmasked ? data : maskPersonalData(data, sensitive, { phones: true }),
    helpRecords, helpers, plans, measures,
    instances: cases.map((c) => ({
      id: c.id, definitionKey: c.definition_key, state: c.state, status: c.status, startedAt: c.created_at.toISOString(), receiptNo: c.receipt_no,
    })),
  };
}
