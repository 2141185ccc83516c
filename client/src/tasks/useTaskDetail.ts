import type { FormSpec } from '@shared/contract';
import { useCallback, useEffect, useState } from 'react';
import { getForm, getInstance, getTask, type InstanceView, type TaskView } from '../api';

export interface TaskDetail {
  task: TaskView | null;
  instance: InstanceView | null;
  form: FormSpec | null;
  error: unknown;
  reload: () => void;
  setTask: (task: TaskView) => void;
}

/** A task with its instance (data, history) and the form of its step, loaded side by side. */
export function useTaskDetail(taskId: string): TaskDetail {
  const [task, setTask] = useState<TaskView | null>(null);
  const [instance, setInstance] = useState<InstanceView | null>(null);
  const [form, setForm] = useState<FormSpec | null>(null);
  // The error of one request (task id and reload count): another request shows none, derived while rendering.
  const [failure, setFailure] = useState<{ request: string; cause: unknown } | null>(null);
  const [generation, setGeneration] = useState(0);
  const request = JSON.stringify([taskId, generation]);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    getTask(taskId, signal)
      .then(async (loaded) => {
        const [loadedInstance, loadedForm] = await Promise.all([getInstance(loaded.instanceId, signal), getForm(loaded.formKey, signal)]);
        setTask(loaded);
        setInstance(loadedInstance);
        setForm(loadedForm);
      })
      .catch((cause: unknown) => {
        if (!signal.aborted) setFailure({ request, cause });
      });
    return () => controller.abort();
  }, [taskId, request]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { task, instance, form, error: failure?.request === request ? failure.cause : null, reload, setTask };
}
