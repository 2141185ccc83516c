import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { ConflictError, ValidationError } from '../kernel';
import { findIdempotencyKey, idempotencyKeyFold, insertIdempotencyKey, saveIdempotentAnswer } from '../store/idempotency.repository';
import type { IdempotencyKeyRef, StoredIdempotencyKey } from '../store/idempotency.repository';
import type { FoldableWrite } from '../runtime/commit-step';
import type { StepOutcome } from '../runtime/runtime-deps';
import type { StepAnswer } from './step-summary';
import type { ApiContext } from './api-context';
import { requestLocale, requireAuth } from './request-context';

/** What a key may look like: a UUID or similar token the browser made, nothing that could hide text. */
const KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** How long a repeat waits for its twin's answer to be kept: 40 × 50 ms. */
const ANSWER_WAIT_STEPS = 40;
const ANSWER_WAIT_MS = 50;

/** The key's row as the step writes it, made from the step's outcome. */
type KeyWrite = (outcome: StepOutcome) => FoldableWrite;

interface IdempotentCall {
  /** Names the operation, e.g. `POST /instances` or `POST /tasks/<id>/complete`: a key is good for one. */
  scope: string;
  body: unknown;
  /** The success status of the route (201 for a start, 200 for a completion). */
  okStatus: number;
  /** Runs the use case, writing the key's row with its step when given `keyWrite`. */
  run: (keyWrite: KeyWrite | undefined) => Promise<StepOutcome>;
  /** How the route answers, from the step's outcome. */
  answer: StepAnswer;
}

/**
 * Honours `Idempotency-Key` on a submission (the web client sends one with each): the first
 * request with a key does the work and records the key with its step, in the step's own statement
 * where it can be one, with the answer when that is known before the commit (a minimal answer); a
 * repeat with the same body gets the first answer again (`Idempotent-Replayed: true`) and changes
 * nothing; a repeat with another body is a 409. Without the header the call runs as before.
 *
 * The key is not looked up first: a repeat cannot succeed (its step's write of the key fails on
 * the primary key, and nothing is written), so the key is looked up only when the call failed,
 * and then a found key answers instead of the failure.
 */
export async function runIdempotent(ctx: ApiContext, req: Request, res: Response, call: IdempotentCall): Promise<unknown> {
  const key = req.get('Idempotency-Key');
  const { userId } = requireAuth(req).actor;
  // Keys are per user; a call without a user (none reaches here today) runs as if it had no key.
  if (key === undefined || !userId) return call.answer.answer(await call.run(undefined));
  const en = requestLocale(req) === 'en';
  if (!KEY.test(key)) {
    throw new ValidationError(en ? 'Invalid Idempotency-Key header' : 'Idempotency-Key 请求头无效',
      { '/headers/idempotency-key': [en ? '8 to 100 letters, digits or _ . : -' : '应为 8 至 100 个字母、数字或 _ . : - 字符'] });
  }
  const { pool } = ctx.services.db;
  const ref: IdempotencyKeyRef = { tenantId: ctx.tenantId, userId, key };
  const requestHash = createHash('sha256').update(call.scope).update('\n').update(JSON.stringify(call.body ?? null)).digest('hex');

  const replay = async (found: StoredIdempotencyKey) => {
    if (found.scope !== call.scope || found.requestHash !== requestHash) {
      throw new ConflictError(en
        ? `Idempotency-Key ${key} was already used for a different request`
        : `Idempotency-Key ${key} 已用于另一份不同的提交，请勿重复使用`, 'idempotency_key_reused');
    }
    let stored = found;
    // A twin request still between its commit and keeping its answer: that takes milliseconds.
    for (let wait = 0; stored.status === null && wait < ANSWER_WAIT_STEPS; wait++) {
      await new Promise((done) => setTimeout(done, ANSWER_WAIT_MS));
      stored = (await findIdempotencyKey(pool, ref)) ?? stored;
    }
    // The work was done once; only a process that stopped between the step and keeping its answer leaves no answer to repeat.
    if (stored.status === null) {
      throw new ConflictError(en
        ? `The request with Idempotency-Key ${key} was already carried out (case ${stored.instanceId ?? 'unknown'}); open the case to see where it stands`
        : `该提交已受理（案件 ${stored.instanceId ?? '未知'}），请刷新查看办理情况`, 'idempotency_already_done');
    }
    res.set('Idempotent-Replayed', 'true');
    if (stored.preferenceApplied) res.set('Preference-Applied', stored.preferenceApplied);
    res.status(stored.status);
    return stored.response;
  };

  const keyWrite: KeyWrite = (outcome) => {
    const known = call.answer.known(outcome);
    const answer = known === undefined ? undefined : { status: call.okStatus, response: known, preferenceApplied: call.answer.applied };
    return {
      fold: idempotencyKeyFold(ref, call.scope, requestHash, outcome.instanceId, answer),
      write: (client) => insertIdempotencyKey(client, ref, call.scope, requestHash, outcome.instanceId, answer),
    };
  };
  let outcome: StepOutcome;
  try {
    outcome = await call.run(keyWrite);
  } catch (error) {
    // A repeat fails somewhere (the task is done, the case exists, or at the latest the key's
    // primary key), and so does the second of two requests with one key at once: either answers
    // what the first did. A lookup that fails itself leaves the call's own error to answer.
    const first = await findIdempotencyKey(pool, ref).catch(() => null);
    if (first) return replay(first);
    throw error;
  }
  const answer = await call.answer.answer(outcome);
  // An answer known before the commit was written with the key; one read after it is kept now.
  if (call.answer.known(outcome) === undefined) await saveIdempotentAnswer(pool, ref, call.okStatus, answer);
  return answer;
}
