import type { InboxPage, Instance, LocalizedText, OpenedTask, Outcome, StepSummary, Task } from '@shared/contract';

/**
 * The client's view of tasks: the API sends each label in zh with its English one beside it
 * (`title` + `titleEn`, `label` + `labelEn`); the views fold them into one `{ zh, en }` label, so
 * the UI localises every label, from the API or from a definition, one way.
 */
export type OutcomeView = Omit<Outcome, 'label' | 'labelEn'> & { label: LocalizedText };
export type TaskView = Omit<Task, 'title' | 'titleEn' | 'outcomes'> & { title: LocalizedText; outcomes: OutcomeView[] };
export type InboxPageView = Omit<InboxPage, 'items'> & { items: TaskView[] };
export type InstanceView = Omit<Instance, 'tasks'> & { tasks: TaskView[] };
/** A task a start or step opened (`StepSummary.openedTasks`), its labels folded as a task's are. */
export type OpenedTaskView = Omit<OpenedTask, 'title' | 'titleEn' | 'outcomes'> & { title: LocalizedText; outcomes: OutcomeView[] };
export type StepSummaryView = Omit<StepSummary, 'openedTasks'> & { openedTasks: OpenedTaskView[] };

const pair = (zh: string, en?: string): LocalizedText => (en ? { zh, en } : zh);

const outcomeViews = (outcomes: Outcome[]): OutcomeView[] => outcomes.map(({ labelEn, ...outcome }) => ({ ...outcome, label: pair(outcome.label, labelEn) }));

export function normalizeTask(task: Task): TaskView {
  const { titleEn, outcomes, ...rest } = task;
  return { ...rest, title: pair(task.title, titleEn), outcomes: outcomeViews(outcomes) };
}

/**
 * A step's summary. A repeat of an Idempotency-Key answers what the first request got, so a start
 * queued offline and first sent before the client asked for the summary answers the whole case:
 * its open tasks are then the ones the start opened.
 */
export function normalizeStepSummary(summary: StepSummary | Instance): StepSummaryView {
  const opened: OpenedTask[] = 'openedTasks' in summary ? summary.openedTasks
    : (summary.tasks ?? []).filter((task) => task.status === 'open' || task.status === 'claimed');
  return {
    id: summary.id, definitionKey: summary.definitionKey, definitionVersion: summary.definitionVersion, state: summary.state, status: summary.status,
    openedTasks: opened.map(({ titleEn, outcomes, ...rest }) => ({ ...rest, title: pair(rest.title, titleEn), outcomes: outcomeViews(outcomes) })),
  };
}

export function normalizeTaskPage(page: InboxPage): InboxPageView {
  return { ...page, items: page.items.map(normalizeTask) };
}

export function normalizeInstance(instance: Instance): InstanceView {
  return { ...instance, tasks: (instance.tasks ?? []).map(normalizeTask) };
}
