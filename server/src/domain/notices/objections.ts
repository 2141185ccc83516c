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
}

/** Inserts an objection on the step's connection. */
export async function insertObjection(client: PoolClient, row: NewObjection): Promise<void> {
  await client.query({
    name: 'jz_insert_objection',
    text: 'INSERT INTO objections (id, tenant_id, notice_id, instance_id, content, contact, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    values: [row.id, row.tenantId, row.noticeId, row.instanceId, row.content, row.contact ? JSON.stringify(row.contact) : null, row.createdAt],
  });
}
