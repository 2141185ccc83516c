import type { PoolClient } from 'pg';
import { applyEvent, startStep } from '../engine';
import type { EngineEvent, StepResult, TaskOutcome, WorkCalendar } from '../engine';
import type { Database } from '../store/database';
import { GENESIS_HASH, hashHistoryEvent } from '../store/history-chain';
import { writeFirstStep, writeStep } from '../store/step-writer';
import type { NewTaskRow, NewTimerRow, StepWrite } from '../store/step-writer';
import type { CatalogDefinition, DefinitionCatalog } from './definition-catalog';
import { ConflictError, ForbiddenError, NotFoundError, TransitionNotAllowedError, ValidationError } from '../kernel';
import { canActOnTask, isWithinScope, taskOrgUnit } from '../auth/org-scope';
import { SYSTEM_ACTOR } from '../kernel';
import type { ActionHandler, Actor, Clock, FormChecker, IdGenerator, Logger, TimerQueue } from '../kernel';
import { chinaYear } from '../kernel';

export interface RuntimeDeps {
  db: Database;
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  calendar: WorkCalendar;
  catalog: DefinitionCatalog;
  forms: FormChecker;
  /** Domain effects by action type (`publishNotice`, `writeRecord`, …), run inside the step's transaction. */
  actionHandlers: Record<string, ActionHandler<PoolClient>>;
  /** Where timers go after commit; without one, timers fire only through `fireDueTimers`. */
  timerQueue?: TimerQueue;
}

/** The instance row as a step needs it. */
interface InstanceRow {
  id: string;
  definitionId: string;
  version: number;
  status: string;
  state: unknown;
  snapshot: Record<string, unknown>;
  orgUnitId: string;
  orgPath: string;
  historySeq: number;
  historyHash: string;
}

export interface StepOutcome {
  instanceId: string;
  version: number;
  state: unknown;
  status: 'running' | 'completed';
  /** Tasks this step opened, so a caller can go on without another read. */
  openedTasks: Array<{ id: string; state: string; formKey: string }>;
}

const TASK_WITH_INSTANCE_SQL = `
SELECT t.id AS task_id, t.status AS task_status, t.state AS task_state, t.form_key, t.outcomes, t.candidate_roles,
       t.org_path AS task_org_path, t.assignee,
       i.id, i.definition_id, i.version, i.status, i.state, i.snapshot, i.org_unit_id, i.org_path, i.history_seq, i.history_hash,
       (SELECT username FROM users WHERE id = t.assignee) AS assignee_name
FROM tasks t JOIN instances i ON i.id = t.instance_id
WHERE t.id = $1 AND t.tenant_id = $2`;
const INSTANCE_SQL = `
SELECT id, definition_id, version, status, state, snapshot, org_unit_id, org_path, history_seq, history_hash
FROM instances WHERE id = $1 AND tenant_id = $2`;

function toInstanceRow(r: Record<string, any>): InstanceRow {
  return {
    id: r.id, definitionId: r.definition_id, version: r.version, status: r.status, state: r.state, snapshot: r.snapshot,
    orgUnitId: r.org_unit_id, orgPath: r.org_path, historySeq: r.history_seq, historyHash: r.history_hash,
  };
}

function actorRecord(actor: Actor) {
  return { userId: actor.userId, username: actor.username, displayName: actor.displayName, roles: actor.roles, orgUnitId: actor.orgUnitId };
}

const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/**
 * The use cases that drive the engine. Each is one transaction: load, validate, pure step,
 * one optimistic write; timers go to the queue after commit.
 */
export function createRuntime(deps: RuntimeDeps) {
  const { db, tenantId, clock, ids, catalog } = deps;
  const env = () => ({ now: clock.now(), calendar: deps.calendar });

  /** Builds the rows of a step from the engine's effects and commits them. */
  async function commit(args: {
    def: CatalogDefinition;
    instance: InstanceRow;
    isNew: boolean;
    result: StepResult;
    now: Date;
    actor: Actor;
    historyType: string;
    historyPayload: Record<string, unknown>;
    completeTask?: StepWrite['completeTask'];
    firedTimerId?: string;
    newInstance?: { title: string | null };
    /** A use case's own rows (an objection, a receipt), written in the step's transaction after the step. */
    alsoWrite?: (client: PoolClient) => Promise<void>;
  }): Promise<StepOutcome> {
    const { def, instance, result, now, actor } = args;
    const openTasks: NewTaskRow[] = [];
    const newTimers: NewTimerRow[] = [];
    const closeStates: string[] = [];
    const cancelTimerKeys: string[] = [];
    const actions: Array<{ type: string; params: Record<string, unknown> }> = [];
    for (const effect of result.effects) {
      switch (effect.kind) {
        case 'openTask': {
          const org = taskOrgUnit(instance.orgPath, effect.task.scope);
          openTasks.push({
            id: ids.uuid(), definitionKey: def.loaded.key, definitionVersion: def.loaded.version, state: effect.state,
            title: effect.task.title, formKey: effect.task.form, outcomes: effect.task.outcomes, candidateRoles: effect.task.roles,
            orgUnitId: org.orgUnitId, orgPath: org.orgPath, dueAt: effect.dueAt,
          });
          break;
        }
        case 'closeTask': closeStates.push(effect.state); break;
        case 'scheduleTimer': newTimers.push({ id: ids.uuid(), key: effect.key, eventType: effect.eventType, fireAt: effect.fireAt }); break;
        case 'cancelTimer': cancelTimerKeys.push(effect.key); break;
        case 'action': actions.push({ type: effect.type, params: effect.params }); break;
      }
    }
    const seq = instance.historySeq + 1;
    const historyContent = { instanceId: instance.id, seq, at: now, type: args.historyType, actor: actorRecord(actor), payload: { ...args.historyPayload, to: result.value } };
    const hash = hashHistoryEvent(instance.historyHash, historyContent);
    const write: StepWrite = {
      tenantId, instanceId: instance.id, now, status: result.status, state: result.value, snapshot: result.snapshot, data: result.data,
      history: { seq, type: args.historyType, actor: historyContent.actor, payload: historyContent.payload, prevHash: instance.historyHash, hash },
      completeTask: args.completeTask, firedTimerId: args.firedTimerId, closeStates, closeAll: result.status === 'completed',
      openTasks, cancelTimerKeys, newTimers,
    };
    const runWrite = (client: PoolClient | typeof db.pool) => (args.isNew
      ? writeFirstStep(client, write, {
        definitionId: def.id, definitionKey: def.loaded.key, definitionVersion: def.loaded.version, orgUnitId: instance.orgUnitId,
        orgPath: instance.orgPath, title: args.newInstance?.title ?? null, createdBy: actor.userId,
      })
      : writeStep(client, write, instance.version));

    let version: number | null;
    if (actions.length === 0 && !args.alsoWrite) {
      version = await runWrite(db.pool);
    } else {
      version = await db.transaction(async (client) => {
        const written = await runWrite(client);
        if (written === null) return null;
        const context = {
          tenantId, instanceId: instance.id, definitionKey: def.loaded.key, orgUnitId: instance.orgUnitId, orgPath: instance.orgPath,
          states: Object.keys(result.value as object ?? {}), data: result.data, now, actor, uuid: () => ids.uuid(),
          configForYear: def.loaded.configForYear, year: (result.snapshot.context as any)?.year ?? chinaYear(now),
          calendar: deps.calendar,
        };
        for (const action of actions) {
          const handler = deps.actionHandlers[action.type];
          if (!handler) throw new Error(`No handler for action "${action.type}" (definition ${def.loaded.key} v${def.loaded.version})`);
          await handler(client, action.params, context);
        }
        if (args.alsoWrite) await args.alsoWrite(client);
        return written;
      });
    }
    if (version === null) {
      throw new ConflictError(`Instance ${instance.id} was changed by another step; reload it and try again`);
    }
    await enqueueTimers(newTimers, now);
    return { instanceId: instance.id, version, state: result.value, status: result.status, openedTasks: openTasks.map((t) => ({ id: t.id, state: t.state, formKey: t.formKey })) };
  }

  /** After commit: hand timers to the queue and mark them enqueued. A failure here only delays them (the sweep retries). */
  async function enqueueTimers(timers: ReadonlyArray<{ id: string; fireAt: Date }>, now: Date): Promise<void> {
    if (!deps.timerQueue || timers.length === 0) return;
    try {
      await deps.timerQueue.enqueue(timers, now);
      await db.pool.query({ name: 'jz_mark_enqueued', text: 'UPDATE timers SET enqueued_at = $2 WHERE id = ANY($1::uuid[])', values: [timers.map((t) => t.id), now] });
    } catch (err) {
      deps.logger.warn('timers not enqueued; the sweep will retry', { timers: timers.map((t) => t.id), error: (err as Error).message });
    }
  }

  /**
   * Start data is checked against the definition's `startForm` (and kept as `data.start`); a
   * definition without one takes none, so nobody can seed the data that later guards read.
   */
  async function checkStartData(def: CatalogDefinition, data: Record<string, unknown> | undefined, locale: 'zh-CN' | 'en' = 'zh-CN'): Promise<unknown> {
    const en = locale === 'en';
    const startForm = def.loaded.document.startForm;
    if (!startForm) {
      if (data === undefined || Object.keys(data).length === 0) return undefined;
      throw new ValidationError(en ? 'This process takes no start data' : '此流程启动时不接收数据',
        { '/data': [en ? 'Leave it out: the first task\'s form collects the data' : '请不要提交数据：数据在第一个任务的表单中填写'] });
    }
    const form = await catalog.form(tenantId, startForm, def.formVersions[startForm] ?? 1);
    const check = deps.forms.validate(form, data ?? {}, locale);
    if (!check.valid) {
      throw new ValidationError(en ? 'The form has errors' : '表单填写有误',
        Object.fromEntries(Object.entries(check.fields).map(([pointer, messages]) => [`/data${pointer}`, messages])));
    }
    return check.data;
  }

  async function loadInstance(instanceId: string): Promise<InstanceRow> {
    if (!isUuid(instanceId)) throw new NotFoundError(`Instance ${instanceId} does not exist`);
    const { rows } = await db.pool.query({ name: 'jz_load_instance', text: INSTANCE_SQL, values: [instanceId, tenantId] });
    if (!rows[0]) throw new NotFoundError(`Instance ${instanceId} does not exist`);
    return toInstanceRow(rows[0]);
  }

  async function loadTask(taskId: string) {
    if (!isUuid(taskId)) throw new NotFoundError(`Task ${taskId} does not exist`);
    const { rows } = await db.pool.query({ name: 'jz_load_task', text: TASK_WITH_INSTANCE_SQL, values: [taskId, tenantId] });
    const r = rows[0];
    if (!r) throw new NotFoundError(`Task ${taskId} does not exist`);
    return {
      task: {
        id: r.task_id as string, status: r.task_status as string, state: r.task_state as string, formKey: r.form_key as string,
        outcomes: r.outcomes as TaskOutcome[], candidateRoles: r.candidate_roles as string[], orgPath: r.task_org_path as string,
        assignee: r.assignee as string | null, assigneeName: r.assignee_name as string | null,
      },
      instance: toInstanceRow(r),
    };
  }

  function assertOpen(task: { id: string; status: string }) {
    if (task.status === 'completed' || task.status === 'cancelled') {
      throw new ConflictError(`Task ${task.id} is already ${task.status}`, 'task_closed');
    }
  }

  return {
    /**
     * Starts an instance of the current published version of `definitionKey` in the actor's org
     * unit (or `orgUnitId` within the actor's scope).
     */
    async startInstance(input: { definitionKey: string; data?: Record<string, unknown>; actor: Actor; orgUnitId?: string; title?: string; locale?: 'zh-CN' | 'en' }): Promise<StepOutcome> {
      const def = await catalog.current(tenantId, input.definitionKey);
      const starterRoles = def.loaded.document.starterRoles;
      if (starterRoles && !starterRoles.some((r) => input.actor.roles.includes(r))) {
        throw new ForbiddenError(`Starting "${input.definitionKey}" needs one of the roles ${starterRoles.join(', ')}`);
      }
      let orgUnitId = input.actor.orgUnitId;
      let orgPath = input.actor.orgPath;
      if (input.orgUnitId && input.orgUnitId !== orgUnitId) {
        const { rows } = await db.pool.query('SELECT id, path FROM org_units WHERE id = $1 AND tenant_id = $2', [input.orgUnitId, tenantId]);
        if (!rows[0] || !isWithinScope(input.actor, rows[0].path)) throw new NotFoundError(`Org unit ${input.orgUnitId} does not exist`);
        orgUnitId = rows[0].id;
        orgPath = rows[0].path;
      }
      const startData = await checkStartData(def, input.data, input.locale);
      const now = clock.now();
      const year = chinaYear(now);
      const result = startStep(def.loaded, { data: startData === undefined ? {} : { start: startData }, year }, env());
      const instance: InstanceRow = {
        id: ids.uuid(), definitionId: def.id, version: 0, status: 'running', state: null, snapshot: {}, orgUnitId, orgPath,
        historySeq: 0, historyHash: GENESIS_HASH,
      };
      return commit({
        def, instance, isNew: true, result, now, actor: input.actor, historyType: 'started',
        historyPayload: { definitionKey: def.loaded.key, definitionVersion: def.loaded.version, data: startData ?? {} },
        newInstance: { title: input.title ?? null },
      });
    },

    /** Sends a signal (not a task outcome) to an instance, e.g. an objection during a notice. */
    async sendEvent(input: { instanceId: string; event: EngineEvent; actor: Actor; alsoWrite?: (client: PoolClient) => Promise<void> }): Promise<StepOutcome> {
      const instance = await loadInstance(input.instanceId);
      const def = await catalog.byId(instance.definitionId);
      const now = clock.now();
      const result = applyEvent(def.loaded, instance.snapshot, input.event, { now, calendar: deps.calendar });
      if (!result.accepted) throw new TransitionNotAllowedError(`Instance ${instance.id} in state ${JSON.stringify(instance.state)} does not accept ${input.event.type}`);
      return commit({
        def, instance, isNew: false, result, now, actor: input.actor, historyType: 'event',
        historyPayload: { event: input.event.type, from: instance.state, data: input.event.data, comment: input.event.comment },
        alsoWrite: input.alsoWrite,
      });
    },

    /** Claims an open task for the actor; a task claimed by someone else is a conflict. */
    async claimTask(input: { taskId: string; actor: Actor }) {
      const { task } = await loadTask(input.taskId);
      if (!canActOnTask(input.actor, task)) throw new ForbiddenError(`Task ${task.id} is not yours to claim`);
      assertOpen(task);
      const { rowCount } = await db.pool.query(
        `UPDATE tasks SET status = 'claimed', assignee = $3 WHERE id = $1 AND tenant_id = $2 AND (status = 'open' OR (status = 'claimed' AND assignee = $3))`,
        [task.id, tenantId, input.actor.userId]);
      if (!rowCount) {
        const again = await loadTask(input.taskId);
        assertOpen(again.task);
        throw new ConflictError(`Task ${task.id} is already claimed by ${again.task.assigneeName ?? 'another user'}`, 'task_claimed');
      }
    },

    /** Gives a claimed task back to the pool (by its assignee). */
    async unclaimTask(input: { taskId: string; actor: Actor }) {
      const { task } = await loadTask(input.taskId);
      if (!canActOnTask(input.actor, task)) throw new ForbiddenError(`Task ${task.id} is not yours to unclaim`);
      assertOpen(task);
      if (task.status === 'claimed' && task.assignee !== input.actor.userId) {
        throw new ConflictError(`Task ${task.id} is claimed by ${task.assigneeName ?? 'another user'}`, 'task_claimed');
      }
      await db.pool.query(`UPDATE tasks SET status = 'open', assignee = NULL WHERE id = $1 AND tenant_id = $2 AND status = 'claimed' AND assignee = $3`,
        [task.id, tenantId, input.actor.userId]);
    },

    /**
     * Completes a task with an outcome: validates the data against the task's pinned form, steps
     * the engine, and commits. Bad data writes nothing and names the fields.
     */
    async completeTask(input: { taskId: string; outcome: string; data?: unknown; comment?: string; actor: Actor; locale?: 'zh-CN' | 'en' }): Promise<StepOutcome> {
      const { task, instance } = await loadTask(input.taskId);
      if (!canActOnTask(input.actor, task)) throw new ForbiddenError(`Task ${task.id} is not yours to complete`);
      assertOpen(task);
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
      const def = await catalog.byId(instance.definitionId);
      // A return or rejection records the comment only: its data is neither checked nor kept.
      let data: unknown = outcome.kind === 'return' || outcome.kind === 'reject' ? undefined : input.data ?? {};
      if (data !== undefined) {
        const form = await catalog.form(tenantId, task.formKey, def.formVersions[task.formKey] ?? 1);
        const check = deps.forms.validate(form, data, input.locale ?? 'zh-CN');
        if (!check.valid) throw new ValidationError(en ? 'The form has errors' : '表单填写有误', check.fields);
        data = check.data;
      }
      const now = clock.now();
      const event: EngineEvent = { type: outcome.event, data, comment: comment ?? undefined };
      const result = applyEvent(def.loaded, instance.snapshot, event, { now, calendar: deps.calendar });
      if (!result.accepted) {
        throw new TransitionNotAllowedError(`${outcome.label.zh} (${outcome.event}) is not allowed now for instance ${instance.id} in state ${JSON.stringify(instance.state)}`);
      }
      return commit({
        def, instance, isNew: false, result, now, actor: input.actor, historyType: 'task_completed',
        historyPayload: { taskId: task.id, state: task.state, from: instance.state, outcome: outcome.event, comment, data },
        completeTask: { id: task.id, by: input.actor.userId, outcome: outcome.event, comment },
      });
    },

    /**
     * Delivers one timer through the ordinary step. A fired or cancelled timer is a no-op; a timer
     * not yet due is left for later. Safe to call from several processes at once.
     */
    async fireTimer(timerId: string): Promise<'fired' | 'skipped' | 'not_due'> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const { rows } = await db.pool.query({ name: 'jz_load_timer', text: 'SELECT id, instance_id, event_type, fire_at, status FROM timers WHERE id = $1', values: [timerId] });
        const timer = rows[0];
        if (!timer || timer.status !== 'scheduled') return 'skipped';
        const now = clock.now();
        if (timer.fire_at.getTime() > now.getTime()) return 'not_due';
        const instance = await loadInstance(timer.instance_id);
        const def = await catalog.byId(instance.definitionId);
        const result = applyEvent(def.loaded, instance.snapshot, { type: timer.event_type }, { now, calendar: deps.calendar });
        try {
          if (!result.accepted) {
            // A stale timer (its state already left): record that it was delivered, change nothing else.
            await db.pool.query(`UPDATE timers SET status = 'fired', fired_at = $2 WHERE id = $1 AND status = 'scheduled'`, [timerId, now]);
            return 'skipped';
          }
          await commit({
            def, instance, isNew: false, result, now, actor: SYSTEM_ACTOR, historyType: 'timer_fired',
            historyPayload: { timerId, event: timer.event_type, from: instance.state }, firedTimerId: timerId,
          });
          return 'fired';
        } catch (err) {
          if (!(err instanceof ConflictError)) throw err;
          // Another step changed the instance (or fired this timer): reload and look again.
        }
      }
      throw new ConflictError(`Timer ${timerId} could not be delivered after 5 attempts`);
    },

    /** Fires every timer due by the clock's now (the sweep's direct path and the test clock's). */
    async fireDueTimers(limit = 500): Promise<number> {
      const { rows } = await db.pool.query(
        `SELECT id FROM timers WHERE status = 'scheduled' AND fire_at <= $1 AND tenant_id = $2 ORDER BY fire_at LIMIT $3`, [clock.now(), tenantId, limit]);
      let fired = 0;
      for (const row of rows) {
        try {
          if ((await this.fireTimer(row.id)) === 'fired') fired++;
        } catch (err) {
          // One timer that cannot be delivered (a definition that loops, a conflict) must not hold back the others.
          deps.logger.error('timer not delivered', { timerId: row.id, error: (err as Error).message });
        }
      }
      return fired;
    },

    /**
     * Re-enqueues timers due within `horizonMs` that have no job: never enqueued (the process died
     * between commit and enqueue) or overdue after an enqueue (the job was lost). Rows are claimed
     * with SKIP LOCKED so concurrent sweepers take disjoint sets.
     */
    async sweepTimers(horizonMs = 120_000): Promise<number> {
      if (!deps.timerQueue) return 0;
      const now = clock.now();
      const claimed = await db.transaction(async (client) => {
        const { rows } = await client.query(
          `SELECT id, fire_at FROM timers
           WHERE status = 'scheduled' AND fire_at <= $1::timestamptz + make_interval(secs => $2 / 1000.0)
             AND (enqueued_at IS NULL OR (fire_at < $1::timestamptz - interval '1 minute' AND enqueued_at < $1::timestamptz - interval '1 minute'))
           ORDER BY fire_at LIMIT 500 FOR UPDATE SKIP LOCKED`, [now, horizonMs]);
        if (rows.length) await client.query('UPDATE timers SET enqueued_at = $2 WHERE id = ANY($1::uuid[])', [rows.map((r) => r.id), now]);
        return rows as Array<{ id: string; fire_at: Date }>;
      });
      if (claimed.length) {
        try {
          await deps.timerQueue.enqueue(claimed.map((r) => ({ id: r.id, fireAt: r.fire_at })), now);
        } catch (err) {
          await db.pool.query('UPDATE timers SET enqueued_at = NULL WHERE id = ANY($1::uuid[])', [claimed.map((r) => r.id)]);
          throw err;
        }
      }
      return claimed.length;
    },
  };
}

export type Runtime = ReturnType<typeof createRuntime>;
