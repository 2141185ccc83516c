import { useState } from 'react';
import type { ErrorSchema } from '@rjsf/utils';
import type { StepSummary } from '@shared/contract';
import { ApiError, claimTask, completeTask, type OutcomeView, type TaskView } from '../api';
import { toErrorSchema, type FormData } from '../forms';

export interface CompleteTask {
  busy: string | null;
  /** Server messages by field from the last failed attempt. */
  extraErrors: ErrorSchema | undefined;
  /** Claims the task first when it is still in the pool, then completes it. */
  complete: (outcome: OutcomeView, data: FormData, comment: string, idempotencyKey?: string) => Promise<StepSummary>;
}

/** Completion of one task; a 400 with `fields` becomes errors shown beside the inputs. */
export function useCompleteTask(task: TaskView): CompleteTask {
  const [busy, setBusy] = useState<string | null>(null);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();

  const complete = async (outcome: OutcomeView, data: FormData, comment: string, idempotencyKey?: string) => {
    setBusy(outcome.event);
    setExtraErrors(undefined);
    try {
      if (task.status === 'open') await claimTask(task.id);
      return await completeTask(task.id, { outcome: outcome.event, data, comment }, idempotencyKey);
    } catch (error) {
      if (error instanceof ApiError && error.fields) setExtraErrors(toErrorSchema(error.fields));
      throw error;
    } finally {
      setBusy(null);
    }
  };

  return { busy, extraErrors, complete };
}
