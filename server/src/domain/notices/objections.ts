import type { Pool, PoolClient } from 'pg';
import { isUuid } from '../../kernel';


/** What filing an objection needs to know of its notice. */
export interface NoticeForObjection {
  id: string;
  instanceId: string;
  status: string;
  endsAt: Date | null;
}

/** The notice an objection is filed against, or null when there is none with that id. */
export async function findNoticeForObjection(pool: Pool | PoolClient, tenantId: string, id: string): Promise<NoticeForObjection | null> {
  if (!isUuid(id)) return null;
  const { rows } = await pool.query({ name: 'jz_notice_for_objection', text: 'SELECT id, instance_id, status, ends_at FROM notices WHERE id = $1 AND tenant_id = $2', values: [id, tenantId] });
  const r = rows[0];
  return r ? { id: r.id, instanceId: r.instance_id, status: r.status, endsAt: r.ends_at } : null;
}

/** One objection row, written in the transaction of the step it causes. */
export interface NewObjection {
  id: string;
  tenantId: string;
  noticeId: string;
  instanceId: string;
  content: string;
  contact: { name: string | null; phone: string | null } | null;
  createdAt: Date;
  /** The China year of the filing: the 异议编号 counts per county and year. */
  year: number;
  /** What the objector looks it up with besides the number: the phone's last four digits, or a lookup code. */
  phoneTail: string;
}

/**
 * Inserts an objection on the step's connection with its 异议编号 (`441424-2026-Y000012`), taken
 * from the county's objection counter in the same statement, so an objection that is not written
 * takes no number. Answers the number.
 */
export async function insertObjection(client: PoolClient, row: NewObjection): Promise<string> {
  const { rows } = await client.query<{ receipt_no: string }>({
    name: 'jz_insert_objection_numbered',
    text: `WITH n AS (
             INSERT INTO receipt_counters (tenant_id, kind, year, last) VALUES ($2::text, 'objection', $8::int, 1)
             ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last = receipt_counters.last + 1 RETURNING last)
           INSERT INTO objections (id, tenant_id, notice_id, instance_id, content, contact, created_at, receipt_no, phone_tail)
           SELECT $1, $2, $3, $4, $5, $6, $7, $2::text || '-' || $8::text || '-Y' || lpad(n.last::text, 6, '0'), $9 FROM n
           RETURNING receipt_no`,
    values: [row.id, row.tenantId, row.noticeId, row.instanceId, row.content, row.contact ? JSON.stringify(row.contact) : null, row.createdAt, row.year, row.phoneTail],
  });
  return rows[0].receipt_no;
}

/** An objection as the lookup finds it: the row, its notice and the review the objection opened. */
export interface ObjectionRecord {
  receiptNo: string;
  phoneTail: string | null;
  filedAt: Date;
  notice: { id: string; title: string; townName: string | null; villageName: string | null };
  /** The objection review task opened by the objection's step (the first task of an objection state after it), if any. */
  review: { status: string; dueAt: Date | null; completedAt: Date | null; outcome: string | null; outcomes: unknown } | null;
}

/** The objection with this 异议编号, or null. One statement. */
export async function findObjectionByNumber(db: Pool | PoolClient, tenantId: string, receiptNo: string): Promise<ObjectionRecord | null> {
  const { rows } = await db.query({
    name: 'jz_objection_by_number',
    text: `SELECT o.receipt_no, o.phone_tail, o.created_at, n.id AS notice_id, n.title AS notice_title, v.name AS village_name, tw.name AS town_name,
                  r.status AS review_status, r.due_at, r.completed_at, r.outcome, r.outcomes
           FROM objections o
           JOIN notices n ON n.id = o.notice_id
           LEFT JOIN org_units v ON v.id = n.org_unit_id
           LEFT JOIN org_units tw ON tw.id = v.parent_id
           LEFT JOIN LATERAL (
             SELECT t.status, t.due_at, t.completed_at, t.outcome, t.outcomes FROM tasks t
             WHERE t.instance_id = o.instance_id AND t.created_at >= o.created_at AND t.state ILIKE '%objection%'
             ORDER BY t.created_at, t.id LIMIT 1) r ON true
           WHERE o.tenant_id = $1 AND o.receipt_no = $2`,
    values: [tenantId, receiptNo],
  });
  const r = rows[0];
  if (!r) return null;
  return {
    receiptNo: r.receipt_no, phoneTail: r.phone_tail, filedAt: r.created_at,
    notice: { id: r.notice_id, title: r.notice_title, townName: r.town_name ?? null, villageName: r.village_name ?? null },
    review: r.review_status ? { status: r.review_status, dueAt: r.due_at, completedAt: r.completed_at, outcome: r.outcome, outcomes: r.outcomes } : null,
  };
}
