import { isWithinScope } from '../auth/org-scope';
import { startStep } from '../engine';
import { chinaYear, ForbiddenError, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import { GENESIS_HASH } from '../store/history-chain';
import { findOrgUnitPath } from '../store/instances.repository';
import type { InstanceStepRow } from '../store/instances.repository';
import { bindingOf } from './bind-file-refs';
import { checkOrgAddresses } from '../domain/org-units/check-org-addresses';
import { fileRefsOf } from '../forms';
import { collectOrgAddresses } from '../forms/org-address';
import { checkStartData } from './check-start-data';
import { commitStep } from './commit-step';
import type { FoldableWrite } from './commit-step';
import type { RuntimeDeps, StepOutcome } from './runtime-deps';

/** What starting an instance takes. */
export interface StartInstanceInput {
  definitionKey: string;
  data?: Record<string, unknown>;
  actor: Actor;
  /** A unit within the actor's scope to start in (default: the actor's own unit). */
  orgUnitId?: string;
  title?: string;
  locale?: 'zh-CN' | 'en';
  /**
   * Rows the caller writes with the step (the request's idempotency key, with its answer when known),
   * given the step's outcome: folded into its statement or written in its transaction.
   */
  alsoFoldOutcome?: (outcome: StepOutcome) => FoldableWrite;
}

/**
 * Starts an instance of the current published version of `definitionKey` in the actor's org
 * unit (or `orgUnitId` within the actor's scope). The instance row, its first tasks, timers and
 * history event are one statement.
 */
export async function startInstance(deps: RuntimeDeps, input: StartInstanceInput): Promise<StepOutcome> {
  const def = await deps.catalog.current(deps.tenantId, input.definitionKey);
  const starterRoles = def.loaded.document.starterRoles;
  if (starterRoles && !starterRoles.some((r) => input.actor.roles.includes(r))) {
    throw new ForbiddenError(starterRoles.length
      ? `Starting "${input.definitionKey}" needs one of the roles ${starterRoles.join(', ')}`
      // No starter role: the process is started by its own use case (registry-review by POST /api/registry-reviews).
      : `"${input.definitionKey}" is not started through POST /api/instances: it has its own start route`);
  }
  let orgUnitId = input.actor.orgUnitId;
  let orgPath = input.actor.orgPath;
  if (input.orgUnitId && input.orgUnitId !== orgUnitId) {
    const unit = await findOrgUnitPath(deps.db.pool, deps.tenantId, input.orgUnitId);
    // A unit outside the actor's scope is answered as missing: its existence is not the caller's business.
    if (!unit) throw new NotFoundError(`Org unit ${input.orgUnitId} does not exist`);
    if (!isWithinScope(input.actor, unit.path)) {
      const message = def.loaded.document.startScopeMessage;
      if (message) throw new ForbiddenError(`${message.zh}（${input.orgUnitId}）`);
      throw new NotFoundError(`Org unit ${input.orgUnitId} does not exist`);
    }
    orgUnitId = unit.id;
    orgPath = unit.path;
  }
  const startData = await checkStartData(deps, def, input.data, input.locale);
  const startForm = def.loaded.document.startForm;
  const startSchema = startForm && startData !== undefined ? (await deps.catalog.form(deps.tenantId, startForm, def.formVersions[startForm] ?? 1)).schema : undefined;
  const fileRefs = startSchema ? fileRefsOf(startSchema, startData) : [];
  const addresses = startSchema ? collectOrgAddresses(startSchema, startData) : [];
  // An address the org tree marks (`x-org-address`) must be the case's own unit's: checked before the step, which stays one statement.
  if (addresses.length) await checkOrgAddresses(deps.db.pool, deps.tenantId, { casePath: orgPath, addresses, locale: input.locale, pointerPrefix: '/data' });
  const now = deps.clock.now();
  const result = startStep(def.loaded, { data: startData === undefined ? {} : { start: startData }, year: chinaYear(now) }, { now, calendar: deps.calendar });
  const instance: InstanceStepRow = {
    id: deps.ids.uuid(), definitionId: def.id, version: 0, status: 'running', state: null, snapshot: {}, orgUnitId, orgPath,
    historySeq: 0, historyHash: GENESIS_HASH,
  };
  const { outcome } = await commitStep(deps, {
    def, instance, isNew: true, result, now, actor: input.actor, historyType: 'started',
    historyPayload: { definitionKey: def.loaded.key, definitionVersion: def.loaded.version, data: startData ?? {} },
    newInstance: { title: input.title ?? null },
    // Uploads made while the start form was filled in belong to no case yet: the step's statement binds them to this one.
    alsoFold: fileRefs.length ? [bindingOf(deps.tenantId, { refs: fileRefs, instanceId: instance.id, actor: input.actor, locale: input.locale, pointerPrefix: '/data' })] : undefined,
    alsoFoldOutcome: input.alsoFoldOutcome,
  });
  return outcome;
}
