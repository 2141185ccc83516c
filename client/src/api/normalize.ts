import type { Instance, Outcome, Task, TaskPage, Text } from './types';

/** As the server sends them: the zh label, with its English one beside it. */
type WireOutcome = Omit<Outcome, 'label'> & { label: Text; labelEn?: string };
type WireTask = Omit<Task, 'title' | 'outcomes'> & { title: Text; titleEn?: string; outcomes: WireOutcome[] };

const pair = (zh: Text, en?: string): Text => (typeof zh === 'string' && en ? { zh, en } : zh);

/** Folds `titleEn` / `labelEn` into `{ zh, en }` labels, so the UI localises every label one way. */
export function normalizeTask(task: WireTask): Task {
  const { titleEn, outcomes, ...rest } = task;
  return {
    ...rest,
    title: pair(task.title, titleEn),
    outcomes: outcomes.map(({ labelEn, ...outcome }) => ({ ...outcome, label: pair(outcome.label, labelEn) })),
  };
}

export function normalizeTaskPage(page: TaskPage): TaskPage {
  return { ...page, items: page.items.map((task) => normalizeTask(task as WireTask)) };
}

export function normalizeInstance(instance: Instance): Instance {
  return { ...instance, tasks: (instance.tasks ?? []).map((task) => normalizeTask(task as WireTask)) };
}
