import { applyEvent, outcomeCheckFailures, outcomeDisagreements } from '../engine';
import type { EngineEvent } from '../engine';
import { ConflictError, TransitionNotAllowedError, ValidationError } from '../kernel';
import type { Actor } from '../kernel';
import { bindingOf } from './bind-file-refs';
import { fileRefsOf } from '../forms';
import type { FileRefValue } from '../forms';
import { checkOrgAddresses } from '../domain/org-units/check-org-addresses';
import { collectOrgAddresses } from '../forms/org-address';
import type { OrgAddressValue } from '../forms/org-address';
import { commitStep } from './commit-step';
import type { FoldableWrite } from './commit-step';
import type { RuntimeDeps, StepOutcome } from './runtime-deps';
import { stepHelpCardWrite } from './step-help-card';
import { loadTaskToActOn } from './task-access';

/** What completing a task takes. */
export interface CompleteTaskInput {
  taskId: string;
  outcome: string;
  data?: unknown;
  comment?: string;
  actor: Actor;
  locale?: 'zh-CN' | 'en';
  /**
   * Rows the caller writes with the step (the request's idempotency key, with its answer when known),
   * given the step's outcome: folded into its statement or written in its transaction.
   */
  alsoFoldOutcome?: (outcome: StepOutcome) => FoldableWrite;
}

/**
 * What the step's own actions decided beside the submitted form (e.g. the rule that excluded a
 * household, the income line applied): the top-level data the transition changed other than the
 * step's own record, so the history names it.
 */
function derivedIn(snapshot: Record<string, unknown>, after: Record<string, unknown>, taskState: string): { derived?: Record<string, unknown> } {
  const before = ((snapshot.context as { data?: Record<string, unknown> } | undefined)?.data) ?? {};
  const own = taskState.split('.').pop();
  // The engine's assign keeps what it did not change as the same object: only the rest is compared by value.
  const derived = Object.fromEntries(Object.entries(after).filter(([key, value]) => key !== own && value !== before[key] && JSON.stringify(value) !== JSON.stringify(before[key])));
  return Object.keys(derived).length ? { derived } : {};
}

/**
 * Completes a task with an outcome: validates the data against the task's pinned form, steps the
 * engine, and commits. Two round trips: one read of task, instance and definition id with the
 * access decided in SQL, and the step's one statement (the definition and form come from the
 * per-version cache). Bad data writes nothing and names the fields.
 */
export async function completeTask(deps: RuntimeDeps, input: CompleteTaskInput): Promise<StepOutcome> {
  const { task, instance } = await loadTaskToActOn(deps, input.taskId, input.actor, 'complete');
  if (task.status === 'claimed' && task.assignee !== input.actor.userId) {
    throw new ConflictError(`Task ${task.id} is claimed by ${task.assigneeName ?? 'another user'}`, 'task_claimed');
  }
  const en = input.locale === 'en';
  const outcome = task.outcomes.find((o) => o.event === input.outcome);
  if (!outcome) {
    throw new ValidationError(en ? 'Unknown outcome' : '未知的处理结果', { '/outcome': [`${en ? 'must be one of' : '应为以下之一'}: ${task.outcomes.map((o) => o.event).join(', ')}`] });
  }
  const comment = input.comment?.trim() || null;
  if ((outcome.requiresComment || outcome.kind === 'return' || outcome.kind === 'reject') && !comment) {
    throw new ValidationError(en ? 'A comment is required' : '请填写意见', { '/comment': [en ? 'A return or rejection needs a comment' : '退回或不予通过时必须填写意见'] });
  }
  const def = await deps.catalog.byId(instance.definitionId);
  // A return or rejection records the comment only: its data is neither checked nor kept.
  let data: unknown = outcome.kind === 'return' || outcome.kind === 'reject' ? undefined : input.data ?? {};
  let fileRefs: FileRefValue[] = [];
  let addresses: OrgAddressValue[] = [];
  if (data !== undefined) {
    const form = await deps.catalog.form(deps.tenantId, task.formKey, def.formVersions[task.formKey] ?? 1);
    const check = deps.forms.validate(form, data, input.locale ?? 'zh-CN');
    if (!check.valid) throw new ValidationError(en ? 'The form has errors' : '表单填写有误', check.fields);
    data = check.data;
    fileRefs = fileRefsOf(form.schema, data);
    addresses = collectOrgAddresses(form.schema, data);
    const disagreements = outcomeDisagreements(outcome, data, form.schema, input.locale ?? 'zh-CN');
    if (Object.keys(disagreements).length) {
      throw new ValidationError(en ? 'The outcome disagrees with the form' : '处理结果与表单填写的结论不一致', disagreements);
    }
    const failures = outcomeCheckFailures(def.loaded, outcome, instance.snapshot, data, input.locale ?? 'zh-CN');
    if (Object.keys(failures).length) throw new ValidationError(en ? 'The form breaks a rule of this step' : '表单填写不符合本环节的规定', failures);
  }
  // Addresses are held to the org tree before the step (a case's units do not change under it), so the step stays one statement.
  if (addresses.length) await checkOrgAddresses(deps.db.pool, deps.tenantId, { casePath: instance.orgPath, addresses, locale: input.locale });
  const now = deps.clock.now();
  const event: EngineEvent = { type: outcome.event, data, comment: comment ?? undefined };
  const result = applyEvent(def.loaded, instance.snapshot, event, { now, calendar: deps.calendar, taskOpenedAt: task.createdAt });
  if (!result.accepted) {
    throw new TransitionNotAllowedError(`${outcome.label.zh} (${outcome.event}) is not allowed now for instance ${instance.id} in state ${JSON.stringify(instance.state)}`);
  }
  const alsoFold = [
    // The evidence is bound by the step's own statement; one that is not the submitter's for this case refuses it.
    ...(fileRefs.length ? [bindingOf(deps.tenantId, { refs: fileRefs, instanceId: instance.id, actor: input.actor, locale: input.locale })] : []),
    ...[stepHelpCardWrite({
      def, state: task.state, outcome, own: data, caseData: result.data, tenantId: deps.tenantId, instanceId: instance.id, actor: input.actor, now, uuid: () => deps.ids.uuid(),
    })].filter((w) => w !== undefined),
  ];
  const { outcome: stepOutcome } = await commitStep(deps, {
    def, instance, isNew: false, result, now, actor: input.actor, historyType: 'task_completed',
    historyPayload: { taskId: task.id, state: task.state, from: instance.state, outcome: outcome.event, comment, data, ...derivedIn(instance.snapshot, result.data, task.state) },
    completeTask: { id: task.id, by: input.actor.userId, outcome: outcome.event, comment },
    openedBecause: outcome.kind === 'return' ? { kind: 'returned', comment } : undefined,
    alsoFold: alsoFold.length ? alsoFold : undefined,
    alsoFoldOutcome: input.alsoFoldOutcome,
  });
  return stepOutcome;
}
