import type { InboxPage, Instance, LocalizedText, Outcome, Task } from '@shared/contract';

/**
 * The client's view of tasks: the API sends each label in zh with its English one beside it
 * (`title` + `titleEn`, `label` + `labelEn`); the views fold them into one `{ zh, en }` label, so
 * the UI localises every label, from the API or from a definition, one way.
 */
export type OutcomeView = Omit<Outcome, 'label' | 'labelEn'> & { label: LocalizedText };
export type TaskView = Omit<Task, 'title' | 'titleEn' | 'outcomes'> & { title: LocalizedText; outcomes: OutcomeView[] };
export type InboxPageView = Omit<InboxPage, 'items'> & { items: TaskView[] };
export type InstanceView = Omit<Instance, 'tasks'> & { tasks: TaskView[] };

const pair = (zh: string, en?: string): LocalizedText => (en ? { zh, en } : zh);

export function normalizeTask(task: Task): TaskView {
  const { titleEn, outcomes, ...rest } = task;
  return {
    ...rest,
    title: pair(task.title, titleEn),
    outcomes: outcomes.map(({ labelEn, ...outcome }) => ({ ...outcome, label: pair(outcome.label, labelEn) })),
  };
}

export function normalizeTaskPage(page: InboxPage): InboxPageView {
  return { ...page, items: page.items.map(normalizeTask) };
}

export function normalizeInstance(instance: Instance): InstanceView {
  return { ...instance, tasks: (instance.tasks ?? []).map(normalizeTask) };
}
