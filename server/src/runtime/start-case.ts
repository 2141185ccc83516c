import { hasRunningCaseWithStart } from '../domain/households/registry-review';
import { startStep } from '../engine';
import type { ActionContext, ActionHandler } from '../kernel';
import { GENESIS_HASH } from '../store/history-chain';
import type { InstanceStepRow } from '../store/instances.repository';
import { checkStartData } from './check-start-data';
import { commitStep } from './commit-step';
import type { RuntimeDeps, TxClient } from './runtime-deps';

function valueAt(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), data);
}

/**
 * One start-data field from its mapping: a dotted path of the step's data, `item.<path>` of the
 * `forEach` element, `$instanceId` (the starting case) or `{ const: value }`.
 */
function resolve(spec: unknown, ctx: ActionContext, item: unknown): unknown {
  if (spec && typeof spec === 'object' && 'const' in spec) return (spec as { const: unknown }).const;
  const path = String(spec);
  if (path === '$instanceId') return ctx.instanceId;
  if (path.startsWith('item.')) return valueAt(item, path.slice('item.'.length));
  return valueAt(ctx.data, path);
}

/** The elements of `forEach` whose fields equal every field of `where` (one undefined element without `forEach`). */
function itemsOf(params: Record<string, unknown>, ctx: ActionContext): unknown[] {
  if (typeof params.forEach !== 'string') return [undefined];
  const list = valueAt(ctx.data, params.forEach);
  const where = (params.where && typeof params.where === 'object' ? params.where : {}) as Record<string, unknown>;
  return (Array.isArray(list) ? list : []).filter((item) => Object.entries(where).every(([field, value]) => valueAt(item, field) === value));
}

/** What makes a running case "the same": the start fields named by `uniqueBy`, or the whole start data. */
function runningKey(params: Record<string, unknown>, start: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(params.uniqueBy)) return start;
  return Object.fromEntries(params.uniqueBy.map(String).filter((field) => field in start).map((field) => [field, start[field]]));
}

/**
 * `startCase { definitionKey, when?, data?, forEach?, where?, uniqueBy?, at? }`: starts a case of another
 * process inside the step's own transaction (a fund-misuse finding in a project's tracking audit
 * opens an `assessment-escalation` case; a 回头看 opens a `household-change` per household to
 * correct), so the step and its cases commit together or not at all. `when` names a dotted path of
 * the step's data that must be `true`; `forEach` names a list of the step's data and starts one case
 * per element matching `where`, skipping one whose case with the same start data is still running
 * (a step done again after a return starts nothing twice; with `uniqueBy`, a running case with the
 * same values of those start fields counts, e.g. a household's change the village opened itself). `data` maps start-data fields (see
 * {@link resolve}); without an `origin` of its own, the new case names where it came from
 * (`data.start.origin`). The case is filed at the county, or at the starting case's unit with
 * `at: "case"`; start data is checked against the process's start form when it has one.
 */
export function createStartCaseHandler(deps: () => RuntimeDeps): ActionHandler<TxClient> {
  return async (client, params, ctx) => {
    if (typeof params.when === 'string' && valueAt(ctx.data, params.when) !== true) return;
    const d = deps();
    const def = await d.catalog.current(d.tenantId, String(params.definitionKey), client);
    const mapping = (params.data && typeof params.data === 'object' ? params.data : {}) as Record<string, unknown>;
    const atCase = params.at === 'case';
    const unit = atCase ? { id: ctx.orgUnitId, path: ctx.orgPath } : { id: ctx.orgPath.split('/')[0], path: ctx.orgPath.split('/')[0] };
    for (const item of itemsOf(params, ctx)) {
      const start: Record<string, unknown> = Object.fromEntries(Object.entries(mapping).map(([field, spec]) => [field, resolve(spec, ctx, item)]));
      if (!('origin' in mapping)) start.origin = { definitionKey: ctx.definitionKey, instanceId: ctx.instanceId, states: ctx.states };
      if (typeof params.forEach === 'string' && await hasRunningCaseWithStart(client, d.tenantId, def.loaded.key, runningKey(params, start))) continue;
      const data = def.loaded.document.startForm ? await checkStartData(d, def, start, 'zh-CN', client) : start;
      const result = startStep(def.loaded, { data: { start: data }, year: ctx.year }, { now: ctx.now, calendar: d.calendar });
      const instance: InstanceStepRow = {
        id: ctx.uuid(), definitionId: def.id, version: 0, status: 'running', state: null, snapshot: {}, orgUnitId: unit.id, orgPath: unit.path,
        historySeq: 0, historyHash: GENESIS_HASH,
      };
      await commitStep(d, {
        def, instance, isNew: true, result, now: ctx.now, actor: ctx.actor, historyType: 'started',
        historyPayload: { definitionKey: def.loaded.key, definitionVersion: def.loaded.version, data: { start: data }, startedBy: { instanceId: ctx.instanceId, definitionKey: ctx.definitionKey } },
        newInstance: { title: null },
      }, client);
    }
  };
}
