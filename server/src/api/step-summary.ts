import type { Request, Response } from 'express';
import type { OpenedTask, StepSummary } from '../contract';
import { findVisibleInstance } from '../domain/instances/instance.query';
import { labelOf, toOutcomeViews } from '../domain/tasks/task-view';
import type { Actor } from '../kernel';
import type { StepOutcome } from '../runtime/runtime-deps';
import type { ApiContext } from './api-context';
import { prefersMinimalReturn } from './request-context';

const MINIMAL = 'return=minimal';

/** How a start or a completion answers, from the step's outcome. */
export interface StepAnswer {
  /** The answer when the outcome alone makes it (`Prefer: return=minimal`), known before the commit; otherwise undefined. */
  known(outcome: StepOutcome): StepSummary | undefined;
  /** The `Preference-Applied` the known answer is sent with (`return=minimal`); undefined when there is none. */
  applied: string | undefined;
  /** The answer to send: the summary, or the case as the caller may see it (masked), read after the commit. */
  answer(outcome: StepOutcome): Promise<unknown>;
}

/**
 * How a start or a completion answers (RFC 7240): with `Prefer: return=minimal`, the step's summary
 * with no read at all (`Preference-Applied: return=minimal`); otherwise the case as `actor` may see
 * it (masked), read after the commit. The answer varies by `Prefer` either way.
 */
export function caseOrSummary(ctx: ApiContext, req: Request, res: Response, actor: Actor): StepAnswer {
  const minimal = prefersMinimalReturn(req);
  res.vary('Prefer');
  return {
    known: (outcome) => (minimal ? stepSummary(outcome) : undefined),
    applied: minimal ? MINIMAL : undefined,
    answer: async (outcome) => {
      if (!minimal) return findVisibleInstance(ctx.services.db.pool, ctx.tenantId, actor, outcome.instanceId, { sensitive: await ctx.sensitiveFields.fields() });
      res.set('Preference-Applied', MINIMAL);
      return stepSummary(outcome);
    },
  };
}

/**
 * The answer to a start or a step sent with `Prefer: return=minimal`: what the step's own statement
 * returned, and the tasks it opened as far as the caller needs them to go on (title, outcomes).
 */
function stepSummary(outcome: StepOutcome): StepSummary {
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
