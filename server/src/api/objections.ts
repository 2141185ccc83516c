import type { Services } from '../services';
import { ConflictError, NotFoundError } from '../runtime/errors';
import { PUBLIC_ACTOR } from './api-context';
import { findNoticeForObjection } from './notices.query';

/** An objection as a member of the public files it; name and phone are optional (anonymous is allowed). */
export interface ObjectionInput {
  content: string;
  name?: string;
  phone?: string;
}

/**
 * Files an objection against an open notice: stores it and sends `OBJECTION` to the case, which
 * moves it to objection review (and closes the notice). The row is written in a transaction that
 * commits only after the event was accepted, so a refused event leaves no orphan objection.
 */
export async function fileObjection(services: Services, tenantId: string, noticeId: string, input: ObjectionInput): Promise<{ id: string; noticeId: string; status: 'received' }> {
  const notice = await findNoticeForObjection(services.db.pool, tenantId, noticeId);
  if (!notice) throw new NotFoundError(`Notice ${noticeId} does not exist`);
  const now = services.clock.now();
  if (notice.status !== 'open' || (notice.endsAt && notice.endsAt.getTime() <= now.getTime())) {
    throw new ConflictError(`Notice ${noticeId} is closed; objections are taken only while it is posted`, 'notice_closed');
  }
  const id = services.ids.uuid();
  const contact = input.name || input.phone ? { name: input.name ?? null, phone: input.phone ?? null } : null;
  await services.db.transaction(async (client) => {
    await client.query('INSERT INTO objections (id, tenant_id, notice_id, instance_id, content, contact, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [id, tenantId, notice.id, notice.instanceId, input.content, contact ? JSON.stringify(contact) : null, now]);
    await services.runtime.sendEvent({
      instanceId: notice.instanceId,
      event: { type: 'OBJECTION', data: { objectionId: id, noticeId: notice.id, content: input.content } },
      actor: PUBLIC_ACTOR,
    });
  });
  return { id, noticeId: notice.id, status: 'received' };
}
