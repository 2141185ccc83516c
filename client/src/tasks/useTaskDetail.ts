import { useCallback, useEffect, useState } from 'react';
import { getForm, getInstance, getTask, type FormSpec, type Instance, type Task } from '../api';

export interface TaskDetail {
  task: Task | null;
  instance: Instance | null;
  form: FormSpec | null;
  error: unknown;
  reload: () => void;
  setTask: (task: Task) => void;
}

/** A task with its instance (data, history) and the form of its step, loaded side by side. */
export function useTaskDetail(taskId: string): TaskDetail {
  const [task, setTask] = useState<Task | null>(null);
  const [instance, setInstance] = useState<Instance | null>(null);
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
