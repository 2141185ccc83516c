import type { Pool, PoolClient } from 'pg';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../kernel';
import type { Actor } from '../../kernel';

type Queryable = Pool | PoolClient;

/**
 * The locked records a correction request may name, by record type: their table and whether
 * the table has its own lock (a registered household is locked by its county approval).
 */
export const CORRECTABLE_RECORDS: Readonly<Record<string, { table: string; lockColumn: boolean }>> = {
  household: { table: 'households', lockColumn: false },
  helpRecord: { table: 'help_records', lockColumn: true },
  project: { table: 'projects', lockColumn: true },
  disbursement: { table: 'disbursements', lockColumn: true },
  assessmentCase: { table: 'assessment_cases', lockColumn: true },
  housingRenovation: { table: 'housing_renovations', lockColumn: true },
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MIN_REASON_LENGTH = 5;

export interface CorrectionRequestInput {
  tenantId: string;
  recordType: string;
  recordId: string;
  /** Why the approved record is wrong (required, kept with the request). */
  reason: string;
  /** What should change, as field → new value; applied only after approval. */
  requestedChanges?: Record<string, unknown>;
  actor: Actor;
  now: Date;
  id: string;
}

/**
 * 重审申请: files an audited request to correct a locked record. The record must exist and be
 * locked, and may have one pending request at a time.
 * @example await fileCorrectionRequest(db.pool, { tenantId, recordType: 'project', recordId, reason: '批复金额录入错误', actor, now, id });
 */
export async function fileCorrectionRequest(db: Queryable, input: CorrectionRequestInput): Promise<{ id: string }> {
  const kind = CORRECTABLE_RECORDS[input.recordType];
  if (!kind) {
    throw new ValidationError('不能对该类记录申请重审', { '/recordType': [`应为以下之一: ${Object.keys(CORRECTABLE_RECORDS).join(', ')}`] });
  }
  const reason = input.reason?.trim() ?? '';
  if (reason.length < MIN_REASON_LENGTH) {
    throw new ValidationError('请说明重审理由', { '/reason': [`重审理由至少 ${MIN_REASON_LENGTH} 个字`] });
  }
  if (!UUID.test(input.recordId)) throw new NotFoundError(`${input.recordType} ${input.recordId} does not exist`);
  const lock = kind.lockColumn ? 'locked_at' : 'registered_at';
  const { rows } = await db.query(`SELECT ${lock} AS locked FROM ${kind.table} WHERE id = $1 AND tenant_id = $2`, [input.recordId, input.tenantId]);
  if (!rows[0]) throw new NotFoundError(`${input.recordType} ${input.recordId} does not exist`);
  if (!rows[0].locked) {
    throw new ConflictError(`${input.recordType} ${input.recordId} is not locked yet: its workflow still changes it, so no correction request is needed`, 'record_not_locked');
  }
  try {
    await db.query(
      `INSERT INTO correction_requests (id, tenant_id, record_type, record_id, reason, requested_changes, status, requested_by, requested_by_name, requested_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7, $8, $9)`,
      [input.id, input.tenantId, input.recordType, input.recordId, reason, JSON.stringify(input.requestedChanges ?? {}), input.actor.userId,
        input.actor.displayName ?? input.actor.username, input.now]);
  } catch (err) {
    // The partial unique index keeps one pending request per record, also when two people file at once.
    if ((err as { code?: string }).code === '23505') {
      throw new ConflictError(`${input.recordType} ${input.recordId} already has a pending correction request; decide that one first`, 'correction_pending');
    }
    throw err;
  }
  return { id: input.id };
}

/**
 * Decides a pending correction request. The decider must be someone other than the requester;
 * a rejection needs a comment.
 */
export async function decideCorrectionRequest(db: Queryable, input: {
  tenantId: string; requestId: string; decision: 'approved' | 'rejected'; comment?: string; actor: Actor; now: Date;
}): Promise<void> {
  if (!UUID.test(input.requestId)) throw new NotFoundError(`Correction request ${input.requestId} does not exist`);
  const comment = input.comment?.trim() || null;
  if (input.decision === 'rejected' && !comment) throw new ValidationError('请填写意见', { '/comment': ['驳回重审申请时必须填写意见'] });
  const { rows } = await db.query('SELECT status, requested_by FROM correction_requests WHERE id = $1 AND tenant_id = $2', [input.requestId, input.tenantId]);
  const request = rows[0];
  if (!request) throw new NotFoundError(`Correction request ${input.requestId} does not exist`);
  if (request.requested_by && request.requested_by === input.actor.userId) {
    throw new ForbiddenError(`Correction request ${input.requestId} was filed by ${input.actor.username}; another person must decide it`);
  }
  const { rowCount } = await db.query(
    `UPDATE correction_requests SET status = $3, decided_by = $4, decided_by_name = $5, decided_at = $6, decision_comment = $7
     WHERE id = $1 AND tenant_id = $2 AND status = 'pending'`,
    [input.requestId, input.tenantId, input.decision, input.actor.userId, input.actor.displayName ?? input.actor.username, input.now, comment]);
  if (!rowCount) throw new ConflictError(`Correction request ${input.requestId} is already ${request.status}`, 'correction_decided');
}
