import type { PoolClient } from 'pg';
import type { HouseholdVersion, HouseholdVersionChanges, VersionMember } from '../../contract';
import type { SqlClient } from '../../store/sql-client';
import { maskIdNumber, maskPhone } from '../masking';

/** Why the registry changes in this transaction, as the version rows the trigger writes record it. */
export interface HouseholdChangeAttribution {
  changeType: string;
  reason?: string | null;
  instanceId?: string | null;
  userId?: string | null;
}

/**
 * Names the change the transaction makes to registry rows: the `households_version` trigger
 * (migration 0018) writes it into each version row. Transaction-local: it ends with the step.
 */
export async function nameHouseholdChange(client: Pick<PoolClient, 'query'>, attribution: HouseholdChangeAttribution): Promise<void> {
  await client.query("SELECT set_config('jz.household_change', $1, true)", [JSON.stringify(attribution)]);
}

type Json = Record<string, unknown>;

/** A version row's snapshot as the diff reads it. */
export interface VersionSnapshot {
  headName: string;
  headIdNumber: string;
  status: string;
  category: string | null;
  data: Json;
}

const HOUSEHOLD_FIELDS: Array<[string, string]> = [
  ['category', '贫困户属性'], ['mainCause', '主要致贫原因'], ['bankName', '开户银行'], ['bankAccount', '银行账号'], ['accountHolder', '账户名'],
];
const MEMBER_FIELDS: Array<[string, string]> = [
  ['name', '姓名'], ['relation', '与户主关系'], ['sex', '性别'], ['birthDate', '出生日期'], ['education', '文化程度'], ['inSchool', '在校生'],
  ['health', '健康状况'], ['labour', '劳动能力'], ['workLocation', '务工地点'], ['medicalInsurance', '参加医疗保险'], ['pensionInsurance', '参加养老保险'],
  ['minimumLiving', '享受低保'],
];
const MASKED = new Set(['bankAccount', 'idNumber']);

function show(value: unknown, key: string, unmasked: boolean): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (Array.isArray(value)) return value.map((v) => show(v, key, unmasked)).join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (unmasked) return text;
  if (MASKED.has(key)) return maskIdNumber(text);
  if (key === 'phone') return maskPhone(text);
  return text;
}

function membersOf(data: Json): Json[] {
  return Array.isArray(data.members) ? (data.members as Json[]) : [];
}

const idOf = (m: Json) => String(m.idNumber ?? '').trim().toUpperCase();

function memberOf(m: Json, unmasked: boolean): VersionMember {
  return { name: String(m.name ?? ''), idNumber: unmasked ? idOf(m) : maskIdNumber(idOf(m)), relation: typeof m.relation === 'string' ? m.relation : null };
}

function addressText(data: Json): string {
  const a = (data.address ?? {}) as Json;
  return [a.town, a.village, a.group].filter((p) => typeof p === 'string' && p).join('');
}

/** What changed from `before` to `after`: members added and removed (by ID number), the head, and each field with its label. */
export function diffVersions(before: VersionSnapshot, after: VersionSnapshot, unmasked = false): HouseholdVersionChanges {
  const was = new Map(membersOf(before.data).map((m) => [idOf(m), m]));
  const now = new Map(membersOf(after.data).map((m) => [idOf(m), m]));
  const fields: HouseholdVersionChanges['fields'] = [];
  const compare = (label: string, key: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) return;
    const from = show(a, key, unmasked);
    const to = show(b, key, unmasked);
    // Two numbers that differ only in their masked digits still show that they changed.
    fields.push({ label, from, to: from === to ? `${to}（已更正）` : to });
  };
  if (before.status !== after.status) fields.push({ label: '状态', from: before.status, to: after.status });
  compare('住址', 'address', addressText(before.data), addressText(after.data));
  for (const [key, label] of HOUSEHOLD_FIELDS) {
    compare(label, key, key === 'category' ? before.category ?? before.data.category : before.data[key], key === 'category' ? after.category ?? after.data.category : after.data[key]);
  }
  compare('联系电话', 'phone', (before.data.head as Json | undefined)?.phone, (after.data.head as Json | undefined)?.phone);
  for (const [id, m] of now) {
    const old = was.get(id);
    if (!old) continue;
    for (const [key, label] of MEMBER_FIELDS) compare(`成员 ${String(m.name ?? '')} · ${label}`, key, old[key], m[key]);
  }
  const headChanged = before.headIdNumber.toUpperCase() !== after.headIdNumber.toUpperCase();
  return {
    membersAdded: [...now].filter(([id]) => !was.has(id)).map(([, m]) => memberOf(m, unmasked)),
    membersRemoved: [...was].filter(([id]) => !now.has(id)).map(([, m]) => memberOf(m, unmasked)),
    head: headChanged ? {
      from: { name: before.headName, idNumber: unmasked ? before.headIdNumber : maskIdNumber(before.headIdNumber), relation: '户主' },
      to: { name: after.headName, idNumber: unmasked ? after.headIdNumber : maskIdNumber(after.headIdNumber), relation: '户主' },
    } : null,
    fields,
  };
}

interface VersionRow {
  version: number;
  previous_version: number | null;
  change_type: string;
  reason: string | null;
  changed_at: Date;
  changed_by: string | null;
  instance_id: string | null;
  receipt_no: string | null;
  head_name: string;
  head_id_number: string;
  category: string | null;
  status: string;
  data: Json | null;
}

/**
 * Every version of a household, newest first, each with what changed from the one before. The
 * caller has checked that the household is within the actor's scope. Who made version 1 of a
 * registered case is the user of the step that registered it (its history event).
 */
export async function listHouseholdVersions(db: SqlClient, tenantId: string, householdId: string, unmasked: boolean): Promise<HouseholdVersion[]> {
  const { rows } = await db.query<VersionRow>(
    `SELECT v.version, v.previous_version, v.change_type, v.reason, v.changed_at, v.instance_id, i.receipt_no,
            v.head_name, v.head_id_number, v.category, v.status, v.data,
            coalesce(u.display_name, (SELECT h.actor->>'displayName' FROM history h WHERE h.instance_id = v.instance_id AND h.at <= v.changed_at ORDER BY h.seq DESC LIMIT 1)) AS changed_by
     FROM household_versions v
     LEFT JOIN users u ON u.id = v.changed_by
     LEFT JOIN instances i ON i.id = v.instance_id
     WHERE v.tenant_id = $1 AND v.household_id = $2 ORDER BY v.version`, [tenantId, householdId]);
  const snapshot = (r: VersionRow): VersionSnapshot => ({ headName: r.head_name, headIdNumber: r.head_id_number, status: r.status, category: r.category, data: r.data ?? {} });
  const byVersion = new Map(rows.map((r) => [r.version, r]));
  return rows.map((r) => {
    const previous = r.previous_version === null ? undefined : byVersion.get(r.previous_version);
    return {
      version: r.version, previousVersion: r.previous_version, changeType: r.change_type, reason: r.reason, changedAt: r.changed_at.toISOString(),
      changedBy: r.changed_by, instanceId: r.instance_id, receiptNo: r.receipt_no, headName: r.head_name,
      headIdNumber: unmasked ? r.head_id_number : maskIdNumber(r.head_id_number), status: r.status, size: membersOf(r.data ?? {}).length,
      changes: previous ? diffVersions(snapshot(previous), snapshot(r), unmasked) : null,
    };
  }).reverse();
}
