import { useState } from 'react';
import type { ErrorSchema } from '@rjsf/utils';
import { ApiError, claimTask, completeTask, getTask, startInstance, type OpenedTaskView, type TaskView } from '../api';
import { toErrorSchema, type FormData } from '../forms';
import { forwardOutcome } from '../inbox/forwardOutcome';
import type { PendingSubmission } from './applicationData';

export const DEFINITION_KEY = 'household-identification';
export const FIRST_STATE = 'application';

/** What the submission reads of the application task: from the start's answer, or read again on a retry. */
type ApplicationTask = Pick<TaskView | OpenedTaskView, 'id' | 'state' | 'status' | 'outcomes'>;

/** The application task the new instance opened for its starter. */
function applicationTask(tasks: ApplicationTask[]): ApplicationTask | undefined {
  return tasks.find((task) => task.state === FIRST_STATE && (task.status === 'open' || task.status === 'claimed'));
}

interface SubmitOptions {
  data: FormData;
  pending: PendingSubmission | undefined;
  /** Called as soon as the instance exists, so the draft remembers it before the second call. */
  onStarted: (pending: PendingSubmission) => void;
  /** `Idempotency-Key`s of this attempt; the offline queue sends them again if the network fails. */
  keys: { start: string; complete: string };
}

/**
 * Files an application in two calls, as the contract has it: start the process, then complete the
 * application task it opens with the form data. If the second call fails, the first is not
 * repeated on retry, so a bad connection never registers a household twice.
 */
export function useSubmitApplication() {
  const [busy, setBusy] = useState(false);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();

  /** Resolves with the case's id once the application is submitted. */
  const submit = async ({ data, pending, onStarted, keys }: SubmitOptions): Promise<string | undefined> => {
    setBusy(true);
    setExtraErrors(undefined);
    try {
      let current = pending;
      let task: ApplicationTask | undefined = current ? await getTask(current.taskId).catch(() => undefined) : undefined;
      if (task?.status === 'completed') return current?.instanceId;
      if (!current || !task || task.status === 'cancelled') {
        const started = await startInstance(DEFINITION_KEY, undefined, keys.start);
        task = applicationTask(started.openedTasks);
        if (!task) throw new ApiError(422, 'no_application_task', `Instance ${started.id} opened no ${FIRST_STATE} task`);
        current = { instanceId: started.id, taskId: task.id, outcome: forwardOutcome(task)?.event ?? 'SUBMIT' };
        onStarted(current);
      }
      if (task.status === 'open') await claimTask(task.id);
      await completeTask(current.taskId, { outcome: current.outcome, data, comment: '' }, keys.complete);
      return current.instanceId;
    } catch (error) {
      if (error instanceof ApiError && error.fields) setExtraErrors(toErrorSchema(error.fields));
      throw error;
    } finally {
      setBusy(false);
    }
  };

  return { busy, extraErrors, submit };
}
