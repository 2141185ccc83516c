import { activeStatePaths, remapSnapshot } from '../engine';
import type { InstanceContext, WorkCalendar } from '../engine';
import type { Database } from '../store/database';
import { hashHistoryEvent } from '../store/history-chain';
import { writeStep } from '../store/step-writer';
import type { NewTaskRow, NewTimerRow, StepWrite } from '../store/step-writer';
import type { DefinitionCatalog } from './definition-catalog';
import { ConflictError, NotFoundError, ValidationError } from '../kernel';
import { taskOrgUnit } from '../auth/org-scope';
import type { Actor, Clock, IdGenerator, Logger, TimerQueue } from '../kernel';

export interface MigrationDeps {
  db: Database;
  tenantId: string;
  clock: Clock;
  ids: IdGenerator;
  logger: Logger;
  calendar: WorkCalendar;
  catalog: DefinitionCatalog;
  timerQueue?: TimerQueue;
}

export interface MigrationInput {
  key: string;
  fromVersion: number;
  toVersion: number;
  /** Old state id → new state id; a state left out maps to the same id when the new version has it. */
  mapping: Record<string, string>;
  dryRun: boolean;
  /** Only these instances (default: every running instance of `fromVersion`). */
  instanceIds?: string[];
  actor: Actor;
  locale?: 'zh-CN' | 'en';
}

/** What a migration does (or would do) to one instance. */
export interface MigrationItem {
  instanceId: string;
  orgUnitId: string | null;
  fromState: unknown;
  toState: unknown;
  closeTasks: string[];
  openTasks: string[];
  cancelTimers: string[];
  scheduleTimers: Array<{ eventType: string; fireAt: string }>;
  status: 'ok' | 'migrated' | 'failed' | 'skipped';
  error?: string;
}

export type MigrationResult =
  | { kind: 'unmapped'; unmapped: string[]; fields: Record<string, string[]> }
  | { kind: 'done'; dryRun: boolean; fromVersion: number; toVersion: number; unmapped: string[]; items: MigrationItem[] };

interface InstanceRow {
  id: string; version: number; state: unknown; snapshot: Record<string, any>; orgUnitId: string; orgPath: string; historySeq: number; historyHash: string;
}

function statePathsOf(machine: any): Set<string> {
  const out = new Set<string>();
  const walk = (node: any, prefix: string) => {
    for (const [name, child] of Object.entries((node?.states ?? {}) as Record<string, any>)) {
      const id = prefix ? `${prefix}.${name}` : name;
      out.add(id);
      walk(child, id);
    }
  };
  walk(machine, '');
  return out;
}

/** The new state of an old active state: its own mapping, its nearest mapped ancestor's, or the same id. */
function targetOf(leaf: string, mapping: Record<string, string>, target: Set<string>): string | undefined {
  const parts = leaf.split('.');
  for (let i = parts.length; i > 0; i--) {
    const mapped = mapping[parts.slice(0, i).join('.')];
    if (mapped !== undefined) return mapped;
  }
  return target.has(leaf) ? leaf : undefined;
}

/**
 * Moves running instances of one definition version to another with a state mapping: a dry run
 * lists what each instance would go through; the run moves each instance in its own transaction
 * (optimistic version check), keeping its data, closing the tasks and timers of what it leaves,
 * opening those of its new states, appending a `migrated` event to its hash-chained history and an
 * `instance.migrate` audit row. Any state without a mapping refuses the whole call; nothing changes.
 */
export async function migrateInstances(deps: MigrationDeps, input: MigrationInput): Promise<MigrationResult> {
  const { db, tenantId, catalog } = deps;
  const en = input.locale === 'en';
  const { rows: versions } = await db.pool.query(
    'SELECT id, version, status FROM definitions WHERE tenant_id = $1 AND key = $2 AND version = ANY($3::int[])',
    [tenantId, input.key, [input.fromVersion, input.toVersion]]);
  const fromRow = versions.find((r) => r.version === input.fromVersion);
  const toRow = versions.find((r) => r.version === input.toVersion);
  if (!fromRow) throw new NotFoundError(`Definition ${input.key} has no version ${input.fromVersion}`);
  if (!toRow) throw new NotFoundError(`Definition ${input.key} has no version ${input.toVersion}`);
  if (input.fromVersion === input.toVersion) {
    throw new ValidationError(en ? 'Nothing to migrate' : '无需迁移', { '/toVersion': [en ? 'must differ from fromVersion' : '应与 fromVersion 不同'] });
  }
  if (toRow.status !== 'published') {
    throw new ValidationError(en ? 'Instances move only to the published version' : '只能迁移到已发布的版本',
      { '/toVersion': [en ? `version ${input.toVersion} is ${toRow.status}, not published` : `第 ${input.toVersion} 版状态为 ${toRow.status}，未发布`] });
  }
  const to = await catalog.byId(toRow.id);
  const targetStates = statePathsOf(to.loaded.document.machine);
  const badTargets = Object.entries(input.mapping).filter(([, target]) => !targetStates.has(target));
  if (badTargets.length) {
    throw new ValidationError(en ? 'The mapping names states the new version lacks' : '映射中的目标状态在新版本中不存在',
      Object.fromEntries(badTargets.map(([from, target]) => [`/mapping/${from}`, [en ? `version ${input.toVersion} has no state "${target}"` : `第 ${input.toVersion} 版没有状态“${target}”`]])));
  }

  const values: unknown[] = [tenantId, fromRow.id];
  const only = input.instanceIds ? ` AND id = ANY($${values.push(input.instanceIds)}::uuid[])` : '';
  const { rows } = await db.pool.query(
    `SELECT id, version, state, snapshot, org_unit_id, org_path, history_seq, history_hash FROM instances
     WHERE tenant_id = $1 AND definition_id = $2 AND status = 'running'${only} ORDER BY created_at, id`, values);
  const instances: InstanceRow[] = rows.map((r) => ({
    id: r.id, version: r.version, state: r.state, snapshot: r.snapshot, orgUnitId: r.org_unit_id, orgPath: r.org_path, historySeq: r.history_seq, historyHash: r.history_hash,
  }));

  const unmapped = new Set<string>();
  const targetsById = new Map<string, string[]>();
  for (const instance of instances) {
    const targets: string[] = [];
    for (const leaf of activeStatePaths(instance.state as any)) {
      const target = targetOf(leaf, input.mapping, targetStates);
      if (target === undefined) unmapped.add(leaf);
      else if (!targets.includes(target)) targets.push(target);
    }
    targetsById.set(instance.id, targets);
  }
  if (unmapped.size) {
    const list = [...unmapped].sort();
    return {
      kind: 'unmapped', unmapped: list,
      fields: Object.fromEntries(list.map((s) => [`/mapping/${s}`, [en ? `running instances are in "${s}", which version ${input.toVersion} lacks: map it to a state` : `有运行中的实例处于“${s}”，第 ${input.toVersion} 版没有此状态，请为它指定目标状态`]])),
    };
  }

  const ids = instances.map((i) => i.id);
  const [{ rows: taskRows }, { rows: timerRows }] = await Promise.all([
    db.pool.query(`SELECT instance_id, state, due_at FROM tasks WHERE instance_id = ANY($1::uuid[]) AND status IN ('open', 'claimed') ORDER BY created_at`, [ids]),
    db.pool.query(`SELECT instance_id, key, event_type, fire_at FROM timers WHERE instance_id = ANY($1::uuid[]) AND status = 'scheduled' ORDER BY fire_at`, [ids]),
  ]);
  const now = deps.clock.now();
  const items: MigrationItem[] = [];
  const missing = (input.instanceIds ?? []).filter((id) => !ids.includes(id));
  for (const id of missing) {
    items.push({ instanceId: id, orgUnitId: null, fromState: null, toState: null, closeTasks: [], openTasks: [], cancelTimers: [], scheduleTimers: [], status: 'skipped',
      error: en ? `not a running instance of ${input.key} v${input.fromVersion}` : `不是 ${input.key} 第 ${input.fromVersion} 版运行中的实例` });
  }

  for (const instance of instances) {
    const tasks = taskRows.filter((t) => t.instance_id === instance.id);
    const timers = timerRows.filter((t) => t.instance_id === instance.id);
    const context = instance.snapshot.context as InstanceContext;
    const plan = remapSnapshot(to.loaded, context, targetsById.get(instance.id)!, { now, calendar: deps.calendar }, {
      dueAt: new Map(tasks.map((t) => [t.state, t.due_at])),
      fireAt: new Map(timers.map((t) => [t.key, t.fire_at])),
    });
    const item: MigrationItem = {
      instanceId: instance.id, orgUnitId: instance.orgUnitId, fromState: instance.state, toState: plan.value,
      closeTasks: tasks.map((t) => t.state), openTasks: plan.openTasks.map((t) => t.state),
      cancelTimers: timers.map((t) => t.event_type), scheduleTimers: plan.timers.map((t) => ({ eventType: t.eventType, fireAt: t.fireAt.toISOString() })),
      status: 'ok',
    };
    items.push(item);
    if (input.dryRun) continue;

    const openTasks: NewTaskRow[] = plan.openTasks.map((t) => ({
      id: deps.ids.uuid(), definitionKey: input.key, definitionVersion: input.toVersion, state: t.state, title: t.task.title, formKey: t.task.form,
      outcomes: t.task.outcomes, candidateRoles: t.task.roles, ...taskOrgUnit(instance.orgPath, t.task.scope), dueAt: t.dueAt,
    }));
    const newTimers: NewTimerRow[] = plan.timers.map((t) => ({ id: deps.ids.uuid(), key: t.key, eventType: t.eventType, fireAt: t.fireAt }));
    const actor = { userId: input.actor.userId, username: input.actor.username, displayName: input.actor.displayName, roles: input.actor.roles, orgUnitId: input.actor.orgUnitId };
    const seq = instance.historySeq + 1;
    const payload = {
      fromVersion: input.fromVersion, toVersion: input.toVersion, from: instance.state, to: plan.value,
      closedTasks: item.closeTasks, openedTasks: item.openTasks, cancelledTimers: item.cancelTimers,
    };
    const hash = hashHistoryEvent(instance.historyHash, { instanceId: instance.id, seq, at: now, type: 'migrated', actor, payload });
    const write: StepWrite = {
      tenantId, instanceId: instance.id, now, status: plan.status, state: plan.value, snapshot: plan.snapshot, data: context.data,
      history: { seq, type: 'migrated', actor, payload, prevHash: instance.historyHash, hash },
      closeStates: [], closeAll: true, openTasks, cancelTimerKeys: [], newTimers,
    };
    try {
      await db.transaction(async (client) => {
        const version = await writeStep(client, write, instance.version);
        if (version === null) throw new ConflictError(en ? `Instance ${instance.id} changed while it was being migrated; run the migration again for it` : `实例 ${instance.id} 在迁移时被修改，请对它重新迁移`);
        await client.query('UPDATE instances SET definition_id = $2, definition_version = $3 WHERE id = $1', [instance.id, toRow.id, input.toVersion]);
        await client.query('INSERT INTO audit_events (id, tenant_id, at, actor, action, target, details) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
          deps.ids.uuid(), tenantId, now, JSON.stringify({ userId: actor.userId, username: actor.username, roles: actor.roles, orgUnitId: actor.orgUnitId }),
          'instance.migrate', instance.id, JSON.stringify({ key: input.key, ...payload, mapping: input.mapping })]);
      });
      item.status = 'migrated';
    } catch (err) {
      item.status = 'failed';
      item.error = (err as Error).message;
      if (!(err instanceof ConflictError)) deps.logger.error('instance migration failed', { instanceId: instance.id, error: (err as Error).message });
      continue;
    }
    if (deps.timerQueue && newTimers.length) {
      try {
        await deps.timerQueue.enqueue(newTimers, now);
        await db.pool.query('UPDATE timers SET enqueued_at = $2 WHERE id = ANY($1::uuid[])', [newTimers.map((t) => t.id), now]);
      } catch (err) {
        deps.logger.warn('timers not enqueued; the sweep will retry', { timers: newTimers.map((t) => t.id), error: (err as Error).message });
      }
    }
  }
  return { kind: 'done', dryRun: input.dryRun, fromVersion: input.fromVersion, toVersion: input.toVersion, unmapped: [], items };
}
