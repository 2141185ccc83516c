import type { ObjectionStatus } from '../../contract';
import { toOutcomeViews } from '../tasks/task-view';
import type { ObjectionRecord } from './objections';

/**
 * What the public lookup shows of an objection: how far its review has come, read from the review
 * task the objection opened — open or claimed: reviewing (with its due date); completed: concluded
 * with the outcome's label (异议不成立, 异议成立，重新评议…); cancelled: closed (the case ended
 * otherwise); none yet: received. Nothing else of the case.
 */
export function toObjectionStatus(record: ObjectionRecord): ObjectionStatus {
  const { review } = record;
  const base = { receiptNo: record.receiptNo, filedAt: record.filedAt.toISOString(), notice: record.notice };
  if (!review) return { ...base, status: 'received', dueAt: null, result: null };
  if (review.status === 'open' || review.status === 'claimed') {
    return { ...base, status: 'reviewing', dueAt: review.dueAt?.toISOString() ?? null, result: null };
  }
  if (review.status === 'completed' && review.outcome) {
    const outcome = toOutcomeViews(review.outcomes).find((o) => o.event === review.outcome);
    return {
      ...base, status: 'concluded', dueAt: null,
      result: { label: outcome?.label ?? review.outcome, labelEn: outcome?.labelEn ?? review.outcome, at: (review.completedAt ?? record.filedAt).toISOString() },
    };
  }
  return { ...base, status: 'closed', dueAt: null, result: null };
}
