import { applyEvent } from '../engine';
import type { EngineEvent } from '../engine';
import { TransitionNotAllowedError } from '../kernel';
import type { Actor } from '../kernel';
import { commitStep } from './commit-step';
import { loadInstanceForStep } from './load-instance';
import type { RuntimeDeps, StepOutcome, TxClient } from './runtime-deps';

/** A signal to an instance, with the caller's own rows to write in the step's transaction. */
export interface SendEventInput {
  instanceId: string;
  event: EngineEvent;
  actor: Actor;
  alsoWrite?: (client: TxClient) => Promise<void>;
}

/**
 * Sends a signal (not a task outcome) to an instance, e.g. an objection during a notice. Without
 * `tx` the step is its own transaction and its timers go to the queue after commit. Given `tx`, the
 * step joins the caller's transaction; its timer rows are left for the sweep, which enqueues rows
 * without a job before they are due (enqueueing now could hand out a timer whose row the caller
 * later rolls back).
 */
export async function sendEvent(deps: RuntimeDeps, input: SendEventInput, tx?: TxClient): Promise<StepOutcome> {
  const instance = await loadInstanceForStep(deps, input.instanceId, tx);
  const def = await deps.catalog.byId(instance.definitionId);
  const now = deps.clock.now();
  const result = applyEvent(def.loaded, instance.snapshot, input.event, { now, calendar: deps.calendar });
  if (!result.accepted) throw new TransitionNotAllowedError(`Instance ${instance.id} in state ${JSON.stringify(instance.state)} does not accept ${input.event.type}`);
  const { outcome } = await commitStep(deps, {
    def, instance, isNew: false, result, now, actor: input.actor, historyType: 'event',
    historyPayload: { event: input.event.type, from: instance.state, data: input.event.data, comment: input.event.comment },
    alsoWrite: input.alsoWrite,
  }, tx);
  return outcome;
}
