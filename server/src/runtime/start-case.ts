import { startStep } from '../engine';
import type { ActionHandler } from '../kernel';
import { GENESIS_HASH } from '../store/history-chain';
import type { InstanceStepRow } from '../store/instances.repository';
import { commitStep } from './commit-step';
import type { RuntimeDeps, TxClient } from './runtime-deps';

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}

/**
 * `startCase { definitionKey, when?, data? }`: starts a case of another process inside the step's
 * own transaction (a fund-misuse finding in a project's tracking audit opens an
 * `assessment-escalation` case), so the finding and its case commit together or not at all. The
 * case is filed at the county (the unit at the top of the reporting case's path); `when` names a
 * dotted path of the step's data that must be `true`, `data` maps start-data fields to dotted paths
 * of the step's data (kept as `data.start`), and the new case names where it came from
 * (`data.start.origin`).
 */
export function createStartCaseHandler(deps: () => RuntimeDeps): ActionHandler<TxClient> {
  return async (client, params, ctx) => {
    if (typeof params.when === 'string' && valueAt(ctx.data, params.when) !== true) return;
    const d = deps();
    const def = await d.catalog.current(d.tenantId, String(params.definitionKey));
    const mapping = (params.data && typeof params.data === 'object' ? params.data : {}) as Record<string, unknown>;
    const start: Record<string, unknown> = Object.fromEntries(Object.entries(mapping).map(([field, path]) => [field, valueAt(ctx.data, String(path))]));
    start.origin = { definitionKey: ctx.definitionKey, instanceId: ctx.instanceId, states: ctx.states };
    const countyId = ctx.orgPath.split('/')[0];
    const result = startStep(def.loaded, { data: { start }, year: ctx.year }, { now: ctx.now, calendar: d.calendar });
    const instance: InstanceStepRow = {
      id: ctx.uuid(), definitionId: def.id, version: 0, status: 'running', state: null, snapshot: {}, orgUnitId: countyId, orgPath: countyId,
      historySeq: 0, historyHash: GENESIS_HASH,
    };
    await commitStep(d, {
      def, instance, isNew: true, result, now: ctx.now, actor: ctx.actor, historyType: 'started',
      historyPayload: { definitionKey: def.loaded.key, definitionVersion: def.loaded.version, data: { start }, startedBy: { instanceId: ctx.instanceId, definitionKey: ctx.definitionKey } },
      newInstance: { title: null },
    }, client);
  };
}
