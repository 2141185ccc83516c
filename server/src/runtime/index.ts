import type { Actor } from '../kernel';
import { addHelpRecord } from './add-help-record';
import { assignHelper } from './assign-helper';
import type { AssignHelperInput } from './assign-helper';
import { changeOrgUnit } from './change-org-unit';
import type { ChangeOrgUnitInput } from './change-org-unit';
import { changeUser } from './change-user';
import type { ChangeUserInput } from './change-user';
import { claimTask, unclaimTask } from './claim-task';
import { completeTask } from './complete-task';
import type { CompleteTaskInput } from './complete-task';
import { createDefinition } from './create-definition';
import type { CreateDefinitionInput } from './create-definition';
import { createDraft } from './create-draft';
import type { CreateDraftInput } from './create-draft';
import { createOrgUnit } from './create-org-unit';
import type { CreateOrgUnitInput } from './create-org-unit';
import { createUser } from './create-user';
import type { CreateUserInput } from './create-user';
import { fireDueTimers, fireTimer } from './fire-timer';
import { publishDefinition } from './publish-definition';
import type { PublishDefinitionInput } from './publish-definition';
import type { RuntimeDeps, StepOutcome, TxClient } from './runtime-deps';
import { saveDraft } from './save-draft';
import type { SaveDraftInput } from './save-draft';
import { saveFormDraft } from './save-form-draft';
import type { SaveFormDraftInput } from './save-form-draft';
import { sendEvent } from './send-event';
import type { SendEventInput } from './send-event';
import { createStartCaseHandler } from './start-case';
import { startInstance } from './start-instance';
import { startRegistryReview } from './start-registry-review';
import type { StartRegistryReviewInput } from './start-registry-review';
import type { StartInstanceInput } from './start-instance';
import { sweepTimers } from './sweep-timers';
import { listReassignTargets, reassignTask } from './reassign-task';
import type { ReassignTaskInput } from './reassign-task';
import { urgeTask } from './urge-task';
import { postLoanInterestSubsidy } from './post-interest-subsidy';
import { bookFundReceipt } from './record-fund-receipt';
import { recordHelpMeasure } from './record-help-measure';
import { enterVillageIndicators } from './record-village-indicators';
import { saveHouseholdPlan } from './save-household-plan';
import { checkHouseholds, importHouseholds } from './import-households';
import type { HouseholdImportInput } from './import-households';
import { checkOrgUnits, importOrgUnits } from './import-org-units';
import { commentTask } from './comment-task';

export type { RuntimeDeps, StepOutcome, TxClient } from './runtime-deps';
export type { PublishedVersion } from './publish-definition';
export type { RegistryReviewStart, StartRegistryReviewInput } from './start-registry-review';

/**
 * The runtime's use cases bound to their dependencies, one method per use case (each in its own
 * file under runtime/), so callers write `runtime.completeTask(...)` without passing deps around.
 */
export function createRuntime(given: RuntimeDeps) {
  // A step may start a case of another process in its own transaction (`startCase`), through these same deps.
  const deps: RuntimeDeps = { ...given, actionHandlers: { startCase: createStartCaseHandler(() => deps), ...given.actionHandlers } };
  // Each use case's wall time and outcome go to the metrics; a refusal (400, 409…) counts as an error.
  const timed = <T>(useCase: string, work: () => Promise<T>): Promise<T> => {
    if (!deps.metrics) return work();
    const metrics = deps.metrics;
    const started = performance.now();
    return work().then(
      (value) => { metrics.useCaseEnded(useCase, 'ok', (performance.now() - started) / 1000); return value; },
      (err: unknown) => { metrics.useCaseEnded(useCase, 'error', (performance.now() - started) / 1000); throw err; });
  };
  return {
    startInstance: (input: StartInstanceInput): Promise<StepOutcome> => timed('startInstance', () => startInstance(deps, input)),
    startRegistryReview: (input: StartRegistryReviewInput) => timed('startRegistryReview', () => startRegistryReview(deps, input)),
    sendEvent: (input: SendEventInput, tx?: TxClient): Promise<StepOutcome> => timed('sendEvent', () => sendEvent(deps, input, tx)),
    claimTask: (input: { taskId: string; actor: Actor }): Promise<void> => timed('claimTask', () => claimTask(deps, input)),
    unclaimTask: (input: { taskId: string; actor: Actor }): Promise<void> => timed('unclaimTask', () => unclaimTask(deps, input)),
    completeTask: (input: CompleteTaskInput): Promise<StepOutcome> => timed('completeTask', () => completeTask(deps, input)),
    fireTimer: (timerId: string) => timed('fireTimer', () => fireTimer(deps, timerId)),
    fireDueTimers: (limit?: number): Promise<number> => fireDueTimers(deps, limit),
    sweepTimers: (horizonMs?: number): Promise<number> => sweepTimers(deps, horizonMs),
    saveDraft: (input: SaveDraftInput) => saveDraft(deps, input),
    reassignTask: (input: ReassignTaskInput) => timed('reassignTask', () => reassignTask(deps, input)),
    listReassignTargets: (taskId: string, actor: Actor) => listReassignTargets(deps, taskId, actor),
    urgeTask: (input: Parameters<typeof urgeTask>[1]) => timed('urgeTask', () => urgeTask(deps, input)),
    commentTask: (input: Parameters<typeof commentTask>[1]) => timed('commentTask', () => commentTask(deps, input)),
    publishDefinition: <L extends { ok: boolean }>(input: PublishDefinitionInput<L>) => publishDefinition(deps, input),
    createDefinition: (input: CreateDefinitionInput) => timed('createDefinition', () => createDefinition(deps, input)),
    createDraft: (input: CreateDraftInput) => timed('createDraft', () => createDraft(deps, input)),
    saveFormDraft: (input: SaveFormDraftInput) => timed('saveFormDraft', () => saveFormDraft(deps, input)),
    createOrgUnit: (input: CreateOrgUnitInput) => timed('createOrgUnit', () => createOrgUnit(deps, input)),
    changeOrgUnit: (input: ChangeOrgUnitInput) => timed('changeOrgUnit', () => changeOrgUnit(deps, input)),
    createUser: (input: CreateUserInput) => timed('createUser', () => createUser(deps, input)),
    changeUser: (input: ChangeUserInput) => timed('changeUser', () => changeUser(deps, input)),
    assignHelper: (input: AssignHelperInput) => timed('assignHelper', () => assignHelper(deps, input)),
    addHelpRecord: (input: Parameters<typeof addHelpRecord>[1]) => timed('addHelpRecord', () => addHelpRecord(deps, input)),
    saveHouseholdPlan: (input: Parameters<typeof saveHouseholdPlan>[1]) => timed('saveHouseholdPlan', () => saveHouseholdPlan(deps, input)),
    recordHelpMeasure: (input: Parameters<typeof recordHelpMeasure>[1]) => timed('recordHelpMeasure', () => recordHelpMeasure(deps, input)),
    bookFundReceipt: (input: Parameters<typeof bookFundReceipt>[1]) => timed('bookFundReceipt', () => bookFundReceipt(deps, input)),
    postLoanInterestSubsidy: (input: Parameters<typeof postLoanInterestSubsidy>[1]) => timed('postLoanInterestSubsidy', () => postLoanInterestSubsidy(deps, input)),
    enterVillageIndicators: (input: Parameters<typeof enterVillageIndicators>[1]) => timed('enterVillageIndicators', () => enterVillageIndicators(deps, input)),
    importHouseholds: (input: HouseholdImportInput) => timed('importHouseholds', () => importHouseholds(deps, input)),
    checkHouseholds: (input: HouseholdImportInput) => checkHouseholds(deps, input),
    importOrgUnits: (input: Parameters<typeof importOrgUnits>[1]) => timed('importOrgUnits', () => importOrgUnits(deps, input)),
    checkOrgUnits: (input: Parameters<typeof checkOrgUnits>[1]) => checkOrgUnits(deps, input),
  };
}

/** The composed runtime (see {@link createRuntime}). */
export type Runtime = ReturnType<typeof createRuntime>;
