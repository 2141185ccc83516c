import type { StepSummary } from '../contract';
import type { StepOutcome } from '../runtime/runtime-deps';

/** The answer to a step sent with `Prefer: return=minimal`: what the step's own statement returned. */
export function stepSummary(outcome: StepOutcome): StepSummary {
  return {
    id: outcome.instanceId, definitionKey: outcome.definitionKey, definitionVersion: outcome.definitionVersion,
    state: outcome.state as StepSummary['state'], status: outcome.status, openedTasks: outcome.openedTasks,
  };
}
