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
  const [error, setError] = useState<unknown>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    setError(null);
    getTask(taskId, signal)
      .then(async (loaded) => {
        const [loadedInstance, loadedForm] = await Promise.all([getInstance(loaded.instanceId, signal), getForm(loaded.formKey, signal)]);
        setTask(loaded);
        setInstance(loadedInstance);
        setForm(loadedForm);
      })
      .catch((cause: unknown) => {
        if (!signal.aborted) setError(cause);
      });
    return () => controller.abort();
  }, [taskId, generation]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  return { task, instance, form, error, reload, setTask };
}
