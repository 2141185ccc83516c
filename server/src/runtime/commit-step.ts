import { taskOrgUnit } from '../auth/org-scope';
import { computeSubject } from '../engine';
import type { StepResult } from '../engine';
import { chinaYear, ConflictError } from '../kernel';
import type { ActionContext, Actor, FoldedWrite } from '../kernel';
import { sealHistoryEvent } from '../store/history-chain';
import type { InstanceStepRow } from '../store/instances.repository';
import { dataChangeOf, FOLD_REFUSED, writeFirstStep, writeStep } from '../store/step-writer';
import type { NewTaskRow, NewTimerRow, StepWrite, WrittenStep } from '../store/step-writer';
import { markTimersEnqueued } from '../store/timers.repository';
import type { CatalogDefinition } from './definition-catalog';
import { taskOpenedText } from './deliver-notification';
import type { RuntimeDeps, StepOutcome, TxClient } from './runtime-deps';
import { TIMER_QUEUE_HORIZON_MS } from './sweep-timers';

/** A step to commit: the engine's result and what the history event says about it. */
export interface CommitStepInput {
  def: CatalogDefinition;
  instance: InstanceStepRow;
  isNew: boolean;
  result: Pick<StepResult, 'snapshot' | 'value' | 'status' | 'data' | 'effects'>;
  now: Date;
  actor: Actor;
  historyType: string;
  historyPayload: Record<string, unknown>;
  completeTask?: StepWrite['completeTask'];
  firedTimerId?: string;
  newInstance?: { title: string | null };
  /** Close every open task and scheduled timer, not only those the effects name (a migration re-enters its states). */
  closeAll?: boolean;
  /** A use case's own rows (an objection, a re-pin, an audit row), written in the step's transaction after the step. */
  alsoWrite?: (client: TxClient) => Promise<void>;
  /**
   * A use case's own rows that the step's statement can write too (e.g. binding the submission's
   * evidence): `fold` as parts of the statement (undefined when this call cannot fold), `write`
   * in the step's transaction when the step cannot be one statement or its statement was refused,
   * where it writes the same rows or says why not.
   */
  alsoFold?: ReadonlyArray<FoldableWrite>;
  /**
   * Rows that carry what the step answers (a request's idempotency key with its answer), made from
   * the step's outcome as it will be once written; folded into the statement or written in the
   * step's transaction like `alsoFold`.
   */
  alsoFoldOutcome?: (outcome: StepOutcome) => FoldableWrite;
  /** How the workers of the tasks this step opens are told: `returned` when a task outcome sent the case back. */
  openedBecause?: { kind: 'task_assigned' | 'returned'; comment?: string | null };
  /** The conflict's message when the instance changed meanwhile (default: reload and try again). */
  conflictMessage?: string;
}

/** Rows a use case adds to a step, as parts of the step's statement or in its transaction. */
export interface FoldableWrite {
  fold: FoldedWrite | undefined;
  write: (client: TxClient) => Promise<void>;
}

/** What committing needs of the runtime's dependencies (a migration passes no action handlers: it runs no domain actions). */
export type CommitStepDeps = Pick<RuntimeDeps, 'db' | 'tenantId' | 'ids' | 'calendar' | 'actionHandlers' | 'timerQueue' | 'timerHorizonMs' | 'logger' | 'metrics' | 'notifications' | 'snapshots'>;

/** A committed step, with the timers still to hand to the queue when the caller's transaction commits. */
export interface CommittedStep {
  outcome: StepOutcome;
  pendingTimers: NewTimerRow[];
}

function actorRecord(actor: Actor) {
  return { userId: actor.userId, username: actor.username, displayName: actor.displayName, roles: actor.roles, orgUnitId: actor.orgUnitId };
}

/**
 * Builds the rows of a step from the engine's effects and writes them with the step writer's one
 * statement (gated on the instance version), then runs the domain action handlers and the
 * caller's `alsoWrite` in the same transaction. Given `tx`, everything runs on the caller's
 * transaction and the new timers come back in `pendingTimers` for the caller to enqueue after its
 * commit; without, the step is its own transaction and its timers are enqueued here.
 * A lost race throws ConflictError and writes nothing.
 */
export async function commitStep(deps: CommitStepDeps, input: CommitStepInput, tx?: TxClient): Promise<CommittedStep> {
  const { def, instance, result, now, actor } = input;
  const openTasks: NewTaskRow[] = [];
  const newTimers: NewTimerRow[] = [];
  const closeStates: string[] = [];
  const cancelTimerKeys: string[] = [];
  const actions: Array<{ type: string; params: Record<string, unknown> }> = [];
  // Outside a caller's transaction the new tasks' notifications are handed over right after the
  // commit, so their rows are written marked (no statement to mark them); inside one, the sweep takes them.
  const handedOver = !tx && deps.notifications?.handsOver === true;
  // When the committing process would deliver them at once anyway, the step's own statement does:
  // the notifications are written delivered, with their in-app messages.
  const deliversInStep = tx ? undefined : deps.notifications?.deliversInStep;
  for (const effect of result.effects) {
    switch (effect.kind) {
      case 'openTask': {
        const org = taskOrgUnit(instance.orgPath, effect.task.scope);
        const kind = input.openedBecause?.kind ?? 'task_assigned';
        const payload = { byUserId: actor.userId, by: actor.displayName ?? actor.username, comment: input.openedBecause?.comment ?? null };
        const deliver = deliversInStep && { ...taskOpenedText(kind, payload, effect.dueAt), excludeUserId: actor.userId, channels: deliversInStep.channels };
        openTasks.push({
          id: deps.ids.uuid(), definitionKey: def.loaded.key, definitionVersion: def.loaded.version, state: effect.state,
          title: effect.task.title, formKey: effect.task.form, outcomes: effect.task.outcomes, candidateRoles: effect.task.roles,
          orgUnitId: org.orgUnitId, orgPath: org.orgPath, dueAt: effect.dueAt,
          notification: deps.notifications && {
            id: deps.ids.uuid(), kind, payload, enqueuedAt: handedOver ? now : null,
            ...(deliver ? { deliver } : {}),
          },
        });
        break;
      }
      case 'closeTask': closeStates.push(effect.state); break;
      case 'scheduleTimer': newTimers.push({ id: deps.ids.uuid(), key: effect.key, eventType: effect.eventType, fireAt: effect.fireAt }); break;
      case 'cancelTimer': cancelTimerKeys.push(effect.key); break;
      case 'action': actions.push({ type: effect.type, params: effect.params }); break;
    }
  }
  const seq = instance.historySeq + 1;
  const historyContent = { instanceId: instance.id, seq, at: now, type: input.historyType, actor: actorRecord(actor), payload: { ...input.historyPayload, to: result.value } };
  const { hash, actorJson, payloadJson } = sealHistoryEvent(instance.historyHash, historyContent);
  // Only the top-level keys of the form data this step changed travel; the row keeps the rest.
  const before = input.isNew ? undefined : (instance.snapshot.context as { data?: Record<string, unknown> } | undefined)?.data;
  const write: StepWrite = {
    tenantId: deps.tenantId, instanceId: instance.id, now, status: result.status, state: result.value, snapshot: result.snapshot,
    data: dataChangeOf(before, result.data ?? {}),
    history: { seq, type: input.historyType, actorJson, payloadJson, prevHash: instance.historyHash, hash },
    completeTask: input.completeTask, firedTimerId: input.firedTimerId, closeStates, closeAll: input.closeAll === true || result.status === 'completed',
    openTasks, cancelTimerKeys, newTimers, subject: computeSubject(def.loaded.document.meta?.subject, result.data),
  };
  // What the step answers is known before it is written: the statement either writes the next version or nothing.
  const outcome: StepOutcome = {
    instanceId: instance.id, definitionKey: def.loaded.key, definitionVersion: def.loaded.version, version: input.isNew ? 1 : instance.version + 1,
    state: result.value, status: result.status,
    openedTasks: openTasks.map((t) => ({ id: t.id, state: t.state, formKey: t.formKey, title: t.title, outcomes: t.outcomes, orgUnitId: t.orgUnitId, dueAt: t.dueAt })),
  };
  const alsoFold = [...(input.alsoFold ?? []), ...(input.alsoFoldOutcome ? [input.alsoFoldOutcome(outcome)] : [])];
  const runWrite = (client: TxClient | RuntimeDeps['db']['pool'], folds?: FoldedWrite[]) => (input.isNew
    ? writeFirstStep(client, write, {
      definitionId: def.id, definitionKey: def.loaded.key, definitionVersion: def.loaded.version, orgUnitId: instance.orgUnitId,
      orgPath: instance.orgPath, title: input.newInstance?.title ?? null, createdBy: actor.userId, receiptYear: chinaYear(now),
    }, folds)
    : writeStep(client, write, instance.version, folds));
  const conflict = () => new ConflictError(input.conflictMessage ?? `Instance ${instance.id} was changed by another step; reload it and try again`);
  const context: ActionContext = {
    tenantId: deps.tenantId, instanceId: instance.id, definitionKey: def.loaded.key, orgUnitId: instance.orgUnitId, orgPath: instance.orgPath,
    states: Object.keys(result.value as object ?? {}), data: result.data, now, actor, uuid: () => deps.ids.uuid(),
    configForYear: def.loaded.configForYear, year: (result.snapshot.context as { year?: number } | undefined)?.year ?? chinaYear(now),
    calendar: deps.calendar, scheduled: newTimers,
  };

  const inTransaction = async (client: TxClient): Promise<WrittenStep> => {
    const written = await runWrite(client);
    // Throwing (not returning) rolls back what a composing caller wrote before the step.
    if (written === null) throw conflict();
    for (const action of actions) {
      const handler = deps.actionHandlers[action.type];
      if (!handler) throw new Error(`No handler for action "${action.type}" (definition ${def.loaded.key} v${def.loaded.version})`);
      await handler(client, action.params, context);
    }
    for (const also of alsoFold) await also.write(client);
    if (input.alsoWrite) await input.alsoWrite(client);
    return written;
  };

  let written: WrittenStep;
  const started = performance.now();
  const report = (ended: 'committed' | 'conflict' | 'failed') => deps.metrics?.stepCommitted({
    definitionKey: def.loaded.key, kind: input.historyType, outcome: ended, seconds: (performance.now() - started) / 1000,
  });
  try {
    if (tx) {
      written = await inTransaction(tx);
    } else {
      // One statement is its own transaction: no BEGIN/COMMIT round trips for the common step, nor
      // for a step whose domain effects all fold into its statement.
      const folds = input.alsoWrite ? undefined : foldActions(deps, actions, context, alsoFold);
      const once = folds ? await runWrite(deps.db.pool, folds).catch((err: unknown) => (isFoldRefused(err) ? 'refused' as const : Promise.reject(err))) : 'unfolded';
      if (once === null) throw conflict();
      // A refused fold wrote nothing: the handlers run in a transaction and say why (or succeed if the obstacle went).
      written = typeof once === 'object' ? once : await deps.db.transaction(inTransaction);
    }
  } catch (err) {
    report(err instanceof ConflictError ? 'conflict' : 'failed');
    throw err;
  }
  // Inside a caller's transaction the step is counted when written; the caller's commit decides the rest.
  report('committed');
  // Kept by the hash it was written at: should the caller's transaction roll back, no row has that hash and a read fetches the stored one.
  if (result.status === 'completed') deps.snapshots?.forget(instance.id);
  else deps.snapshots?.keep(instance.id, hash, result.snapshot, [...openTasks.map((t) => t.id), ...newTimers.map((t) => t.id)]);
  if (newTimers.length) deps.metrics?.timersScheduled(newTimers.length);
  deps.logger.info('step', {
    instanceId: instance.id, definition: def.loaded.key, definitionVersion: def.loaded.version, kind: input.historyType, version: written.version,
    status: result.status, opened: openTasks.length, timers: newTimers.length,
  });
  if (tx) return { outcome, pendingTimers: newTimers };
  // Notifications of a step inside a caller's transaction are left to the sweep, like its timers.
  const notificationIds = openTasks.flatMap((t) => (t.notification && !t.notification.deliver ? [t.notification.id] : []));
  if (notificationIds.length) deps.notifications?.dispatch(notificationIds, { marked: handedOver });
  deps.notifications?.deliveredInStep(written.messages);
  await enqueueTimers(deps, newTimers, now);
  return { outcome, pendingTimers: [] };
}

/**
 * The step's domain effects and the use case's foldable rows as parts of its statement, or
 * undefined when one of them cannot be folded (its handler has no `fold`, or declines this call) or two of them write the same table
 * (one statement sees one snapshot, so the second would not see the first's rows). No effects: [].
 */
function foldActions(deps: CommitStepDeps, actions: ReadonlyArray<{ type: string; params: Record<string, unknown> }>, context: ActionContext,
  also: ReadonlyArray<FoldableWrite> = []): FoldedWrite[] | undefined {
  const folds: FoldedWrite[] = [];
  const tables = new Set<string>();
  const all = [...actions.map((action) => deps.actionHandlers[action.type]?.fold?.(action.params, context)), ...also.map((a) => a.fold)];
  for (const fold of all) {
    if (!fold || fold.tables.some((t) => tables.has(t))) return undefined;
    for (const t of fold.tables) tables.add(t);
    folds.push(fold);
  }
  return folds;
}

function isFoldRefused(err: unknown): boolean {
  return (err as { code?: unknown } | null)?.code === FOLD_REFUSED;
}

/**
 * After commit: hand the timers due within the queue's horizon to the queue and mark them
 * enqueued; the sweep hands over the later ones as they come near. A failure here only delays
 * them (the sweep retries).
 */
export async function enqueueTimers(deps: Pick<RuntimeDeps, 'db' | 'timerQueue' | 'logger' | 'timerHorizonMs'>, all: ReadonlyArray<{ id: string; fireAt: Date }>,
  now: Date): Promise<void> {
  const horizon = now.getTime() + (deps.timerHorizonMs ?? TIMER_QUEUE_HORIZON_MS);
  const timers = all.filter((t) => t.fireAt.getTime() <= horizon);
  if (!deps.timerQueue || timers.length === 0) return;
  try {
    await deps.timerQueue.enqueue(timers, now);
    await markTimersEnqueued(deps.db.pool, timers.map((t) => t.id), now);
  } catch (err) {
    deps.logger.warn('timers not enqueued; the sweep will retry', { timers: timers.map((t) => t.id), error: (err as Error).message });
  }
}
