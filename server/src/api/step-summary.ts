import type { OpenedTask, StepSummary } from '../contract';
import { labelOf, toOutcomeViews } from '../domain/tasks/task-view';
import type { StepOutcome } from '../runtime/runtime-deps';

/**
 * The answer to a start or a step sent with `Prefer: return=minimal`: what the step's own statement
 * returned, and the tasks it opened as far as the caller needs them to go on (title, outcomes).
 */
export function stepSummary(outcome: StepOutcome): StepSummary {
  return {
    id: outcome.instanceId, definitionKey: outcome.definitionKey, definitionVersion: outcome.definitionVersion,
    state: outcome.state as StepSummary['state'], status: outcome.status, openedTasks: outcome.openedTasks.map(openedTask),
  };
}

function openedTask(task: StepOutcome['openedTasks'][number]): OpenedTask {
  const title = labelOf(task.title);
  return {
    id: task.id, state: task.state, formKey: task.formKey, title: title.zh, titleEn: title.en, outcomes: toOutcomeViews(task.outcomes),
    // A step's new tasks are open: claiming is a step of its own.
    status: 'open', orgUnitId: task.orgUnitId, dueAt: task.dueAt ? task.dueAt.toISOString() : null,
  };
}
