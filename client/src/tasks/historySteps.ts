import type { HistoryEvent, LocalizedText } from '@shared/contract';
import type { InstanceView, TaskView } from '../api';

export interface CompletedStep {
  event: HistoryEvent;
  task: TaskView | undefined;
  formKey: string;
  outcomeLabel: LocalizedText | undefined;
}

/** The task a history event completed, found by its id, else by its state. */
function taskOf(instance: InstanceView, event: HistoryEvent): TaskView | undefined {
  const taskId = (event.payload as { taskId?: string }).taskId;
  return instance.tasks.find((task) => task.id === taskId) ?? instance.tasks.find((task) => task.state === event.payload.state);
}

/**
 * The steps already done, with the data each one submitted, oldest first. A nested state
 * (`publicNotice.posting`) uses the form of its top-level step, as the definitions name them.
 */
export function completedSteps(instance: InstanceView, exceptTaskId?: string): CompletedStep[] {
  return instance.history
    .filter((event) => event.type === 'task_completed' && event.payload.data && Object.keys(event.payload.data).length > 0)
    .map((event) => {
      const task = taskOf(instance, event);
      const state = event.payload.state ?? '';
      return {
        event,
        task,
        formKey: task?.formKey ?? `${instance.definitionKey}.${state.split('.')[0]}`,
        outcomeLabel: task?.outcomes.find((outcome) => outcome.event === event.payload.outcome)?.label ?? event.payload.outcome,
      };
    })
    .filter((step) => step.task?.id !== exceptTaskId);
}

/** A label for any history event: the task's title, else the step's id. */
export function stepTitle(instance: InstanceView, event: HistoryEvent): LocalizedText | undefined {
  return taskOf(instance, event)?.title ?? event.payload.state;
}
