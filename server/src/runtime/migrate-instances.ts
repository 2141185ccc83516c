import { activeStatePaths, remapSnapshot } from '../engine';
import type { Effect, InstanceContext } from '../engine';
import type { StateValue } from 'xstate';
import { ConflictError, NotFoundError, ValidationError } from '../kernel';
import type { MigrationItem } from '../contract';
import type { Actor } from '../kernel';
import { listDefinitionVersions } from '../store/definitions.repository';
import { auditActorOf, insertAuditEvent } from '../store/audit-events.repository';
import { listRunningInstancesOf, repinInstance } from '../store/instances.repository';
import type { InstanceStepRow } from '../store/instances.repository';
import { listOpenTasksOf } from '../store/tasks.repository';
import { listScheduledTimersOf } from '../store/timers.repository';
import { commitStep } from './commit-step';
import type { RuntimeDeps } from './runtime-deps';

/** What a migration needs: the runtime's deps but the form checker and action handlers (each instance commits through `commit-step`; no domain actions run). */
export type MigrationDeps = Omit<RuntimeDeps, 'forms' | 'actionHandlers' | 'configForYear'>;

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

/** What a migration does (or would do) to one instance: the contract's shape. */
export type { MigrationItem };

export type MigrationResult =
  | { kind: 'unmapped'; unmapped: string[]; fields: Record<string, string[]> }
  | { kind: 'done'; dryRun: boolean; fromVersion: number; toVersion: number; unmapped: string[]; items: MigrationItem[] };

/** A machine config as far as its state tree goes. */
interface StateNodeConfig {
  states?: Record<string, StateNodeConfig>;
}

function statePathsOf(machine: StateNodeConfig): Set<string> {
  const out = new Set<string>();
  const walk = (node: StateNodeConfig | undefined, prefix: string) => {
    for (const [name, child] of Object.entries(node?.states ?? {})) {
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
  const versions = await listDefinitionVersions(db.pool, tenantId, input.key, [input.fromVersion, input.toVersion]);
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

  const instances: InstanceStepRow[] = await listRunningInstancesOf(db.pool, tenantId, fromRow.id, input.instanceIds);

  const unmapped = new Set<string>();
  const targetsById = new Map<string, string[]>();
  for (const instance of instances) {
    const targets: string[] = [];
    for (const leaf of activeStatePaths(instance.state as StateValue)) {
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
  const [taskRows, timerRows] = await Promise.all([listOpenTasksOf(db.pool, ids), listScheduledTimersOf(db.pool, ids)]);
  const now = deps.clock.now();
  const items: MigrationItem[] = [];
  const missing = (input.instanceIds ?? []).filter((id) => !ids.includes(id));
  for (const id of missing) {
    items.push({ instanceId: id, orgUnitId: null, fromState: null, toState: null, closeTasks: [], openTasks: [], cancelTimers: [], scheduleTimers: [], status: 'skipped',
      error: en ? `not a running instance of ${input.key} v${input.fromVersion}` : `不是 ${input.key} 第 ${input.fromVersion} 版运行中的实例` });
  }

  for (const instance of instances) {
    const tasks = taskRows.filter((t) => t.instanceId === instance.id);
    const timers = timerRows.filter((t) => t.instanceId === instance.id);
    const context = instance.snapshot.context as InstanceContext;
    const plan = remapSnapshot(to.loaded, context, targetsById.get(instance.id)!, { now, calendar: deps.calendar }, {
      dueAt: new Map(tasks.map((t) => [t.state, t.dueAt])),
      fireAt: new Map(timers.map((t) => [t.key, t.fireAt])),
    });
    const item: MigrationItem = {
      instanceId: instance.id, orgUnitId: instance.orgUnitId, fromState: instance.state, toState: plan.value,
      closeTasks: tasks.map((t) => t.state), openTasks: plan.openTasks.map((t) => t.state),
      cancelTimers: timers.map((t) => t.eventType), scheduleTimers: plan.timers.map((t) => ({ eventType: t.eventType, fireAt: t.fireAt.toISOString() })),
      status: 'ok',
    };
    items.push(item);
    if (input.dryRun) continue;

    // The plan as the engine's effects: entering the new states opens their tasks and timers;
    // `closeAll` closes every task and timer of the states left behind.
    const effects: Effect[] = [
      ...plan.openTasks.map((t): Effect => ({ kind: 'openTask', state: t.state, task: t.task, dueAt: t.dueAt })),
      ...plan.timers.map((t): Effect => ({ kind: 'scheduleTimer', key: t.key, eventType: t.eventType, fireAt: t.fireAt })),
    ];
    const payload = {
      fromVersion: input.fromVersion, toVersion: input.toVersion, from: instance.state, to: plan.value,
      closedTasks: item.closeTasks, openedTasks: item.openTasks, cancelledTimers: item.cancelTimers,
    };
    const actor = input.actor;
    try {
      await commitStep({ ...deps, actionHandlers: {} }, {
        def: to, instance, isNew: false, now, actor, historyType: 'migrated', historyPayload: payload, closeAll: true,
        result: { snapshot: plan.snapshot, value: plan.value, status: plan.status, data: context.data, effects },
        conflictMessage: en ? `Instance ${instance.id} changed while it was being migrated; run the migration again for it` : `实例 ${instance.id} 在迁移时被修改，请对它重新迁移`,
        alsoWrite: async (client) => {
          await repinInstance(client, instance.id, toRow.id, input.toVersion);
          // Only an admin user reaches a migration, so the actor always has a user id.
          await insertAuditEvent(client, {
            id: deps.ids.uuid(), tenantId, at: now, actor: auditActorOf(actor),
            action: 'instance.migrate', target: instance.id, details: { key: input.key, ...payload, mapping: input.mapping },
          });
        },
      });
      item.status = 'migrated';
    } catch (err) {
      item.status = 'failed';
      item.error = (err as Error).message;
      if (!(err instanceof ConflictError)) deps.logger.error('instance migration failed', { instanceId: instance.id, error: (err as Error).message });
    }
  }
  return { kind: 'done', dryRun: input.dryRun, fromVersion: input.fromVersion, toVersion: input.toVersion, unmapped: [], items };
}
