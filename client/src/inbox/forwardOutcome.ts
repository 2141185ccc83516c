import type { OutcomeView, TaskView } from '../api';

/** The outcome that moves a case on: marked `forward`, else listed first (DESIGN.md). */
export function forwardOutcome(task: Pick<TaskView, 'outcomes'>): OutcomeView | undefined {
  return task.outcomes.find((outcome) => outcome.kind === 'forward') ?? task.outcomes[0];
}

/** A batch applies one outcome to all its tasks, so they must be at the same step of the same process. */
export function sameStep(tasks: TaskView[]): boolean {
  return tasks.every((task) => task.definitionKey === tasks[0].definitionKey && task.state === tasks[0].state);
}
