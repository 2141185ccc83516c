import { randomInt } from 'node:crypto';
import { findNoticeForObjection, insertObjection } from '../domain/notices/objections';
import { chinaYear, ConflictError, NotFoundError, PUBLIC_ACTOR } from '../kernel';
import type { ObjectionAnswer } from '../contract';
import type { Clock, IdGenerator } from '../kernel';
import type { Database } from '../store/database';
import { insertNotification } from '../store/notifications.repository';
import type { Runtime } from './index';

/** An objection as a member of the public files it; name and phone are optional (anonymous is allowed). */
export interface ObjectionInput {
  content: string;
  name?: string;
  phone?: string;
}

export interface FileObjectionDeps {
  pool: Database['pool'];
  runtime: Pick<Runtime, 'sendEvent'>;
  clock: Clock;
  ids: IdGenerator;
  tenantId: string;
  /** Makes the four-digit lookup code of an objection without a phone (random by default). */
  lookupCode?: () => string;
  /** Hands the case starter's 异议 message to the queue after commit. */
  notifications?: { dispatch(ids: string[]): void };
}

/** The last four digits of a phone number, or null when it has fewer than four. */
export function phoneTailOf(phone: string | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}

const randomLookupCode = () => String(randomInt(0, 10_000)).padStart(4, '0');

/**
 * Files an objection against an open notice: the objection row and the `OBJECTION` step (which
 * moves the case to objection review and closes the notice) commit in **one** transaction on one
 * connection, so a refused event leaves no orphan objection and a burst of objections can never
 * hold one pooled connection while waiting for a second.
 */
export async function fileObjection(deps: FileObjectionDeps, noticeId: string, input: ObjectionInput): Promise<ObjectionAnswer> {
  const notice = await findNoticeForObjection(deps.pool, deps.tenantId, noticeId);
  if (!notice) throw new NotFoundError(`Notice ${noticeId} does not exist`);
  const now = deps.clock.now();
  if (notice.status !== 'open' || (notice.endsAt && notice.endsAt.getTime() <= now.getTime())) {
    throw new ConflictError(`Notice ${noticeId} is closed; objections are taken only while it is posted`, 'notice_closed');
  }
  const id = deps.ids.uuid();
  const notificationId = deps.ids.uuid();
  const contact = input.name || input.phone ? { name: input.name ?? null, phone: input.phone ?? null } : null;
  // The objector follows the objection with its number and the phone's last four digits; without a
  // phone, with a code made for it and printed on the receipt.
  const tail = phoneTailOf(input.phone);
  const phoneTail = tail ?? (deps.lookupCode ?? randomLookupCode)();
  let receiptNo = '';
  await deps.runtime.sendEvent({
    instanceId: notice.instanceId,
    event: { type: 'OBJECTION', data: { objectionId: id, noticeId: notice.id, content: input.content } },
    actor: PUBLIC_ACTOR,
    alsoWrite: async (client) => {
      receiptNo = await insertObjection(client, {
        id, tenantId: deps.tenantId, noticeId: notice.id, instanceId: notice.instanceId, content: input.content, contact, createdAt: now, year: chinaYear(now), phoneTail,
      });
      // The starter of the case is told (异议 on my case), in the same transaction.
      await insertNotification(client, { id: notificationId, tenantId: deps.tenantId, kind: 'objection', instanceId: notice.instanceId, taskId: null, payload: { objectionId: id, content: input.content }, deliverAt: now });
    },
  });
  deps.notifications?.dispatch([notificationId]);
  return {
    id, noticeId: notice.id, status: 'received', receiptNo, filedAt: now.toISOString(),
    ...(tail ? { lookupBy: 'phone' as const } : { lookupBy: 'code' as const, lookupCode: phoneTail }),
  };
}
