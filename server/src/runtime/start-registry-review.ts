import { findReviewVillages, findStartedReviews, findVillageRosters, lockReviewYear } from '../domain/households/registry-review';
import type { RosterHousehold } from '../domain/households/registry-review';
import { startStep } from '../engine';
import { chinaYear, ConflictError, ForbiddenError, NotFoundError } from '../kernel';
import type { Actor } from '../kernel';
import { GENESIS_HASH } from '../store/history-chain';
import type { InstanceStepRow } from '../store/instances.repository';
import { checkStartData } from './check-start-data';
import { commitStep, enqueueTimers } from './commit-step';
import type { RuntimeDeps } from './runtime-deps';

/** The roles that start a year's 回头看 from the registry. */
export const REVIEW_STARTER_ROLES = ['town_reviewer', 'county_reviewer'] as const;

/** What starting a year's review takes. */
export interface StartRegistryReviewInput {
  actor: Actor;
  year: number;
  /** Only these villages (each within the caller's scope); default: every village of the scope. */
  villageIds?: string[];
  locale?: 'zh-CN' | 'en';
}

/** What a start answers: the cases started, one per village, and the villages left out and why. */
export interface RegistryReviewStart {
  year: number;
  started: Array<{ villageId: string; villageName: string; instanceId: string; households: number }>;
  skipped: Array<{ villageId: string; villageName: string; reason: 'started' | 'no_households'; instanceId?: string }>;
}

type PendingTimers = Array<{ id: string; fireAt: Date }>;

/**
 * 回头看: starts one `registry-review` case per village of the caller's scope (a town reviewer's
 * town, the county reviewer's county) for `year`, each carrying its village's registered households
 * from the registry as its roster. One transaction: every case or none. Named villages must be in
 * scope (404 otherwise, as for what the caller may not see) and not yet reviewed that year (409 in
 * Chinese, nothing started); without names, villages already reviewed or with no registered
 * household are skipped, and a start that finds nothing left to start is a 409.
 */
export async function startRegistryReview(deps: RuntimeDeps, input: StartRegistryReviewInput): Promise<RegistryReviewStart> {
  const { actor, year } = input;
  const en = input.locale === 'en';
  if (!REVIEW_STARTER_ROLES.some((r) => actor.roles.includes(r))) {
    throw new ForbiddenError(en ? 'Starting the annual review needs the town or county reviewer role' : '只有乡镇或县级审核员可以发起回头看');
  }
  const def = await deps.catalog.current(deps.tenantId, 'registry-review');
  const now = deps.clock.now();
  const { answer, timers } = await deps.db.transaction(async (client) => {
    const villages = await findReviewVillages(client, deps.tenantId, actor.orgPath, input.villageIds);
    if (input.villageIds) {
      const found = new Set(villages.map((v) => v.id));
      const unknown = input.villageIds.filter((id) => !found.has(id));
      if (unknown.length) throw new NotFoundError(`Village ${unknown.join(', ')} does not exist`);
    }
    await lockReviewYear(client, deps.tenantId, year);
    const already = await findStartedReviews(client, deps.tenantId, year, villages.map((v) => v.id));
    const result: RegistryReviewStart = { year, started: [], skipped: [] };
    if (input.villageIds && already.size) {
      const names = villages.filter((v) => already.has(v.id)).map((v) => v.name).join('、');
      throw new ConflictError(en ? `The ${year} review of ${names} has already been started` : `${names}${year}年度回头看已发起，不能重复发起`, 'review_already_started');
    }
    const rosters = await findVillageRosters(client, deps.tenantId, villages.filter((v) => !already.has(v.id)));
    const pending: PendingTimers = [];
    for (const village of villages) {
      const started = already.get(village.id);
      if (started) { result.skipped.push({ villageId: village.id, villageName: village.name, reason: 'started', instanceId: started }); continue; }
      const households: RosterHousehold[] = rosters.get(village.id) ?? [];
      if (households.length === 0) { result.skipped.push({ villageId: village.id, villageName: village.name, reason: 'no_households' }); continue; }
      const start = await checkStartData(deps, def, { year, villageId: village.id, villageName: village.name, households }, input.locale);
      // The case runs on the county's configuration of the year it runs in (notice period, calendar), as a step's case does.
      const step = startStep(def.loaded, { data: { start }, year: chinaYear(now) }, { now, calendar: deps.calendar });
      const instance: InstanceStepRow = {
        id: deps.ids.uuid(), definitionId: def.id, version: 0, status: 'running', state: null, snapshot: {}, orgUnitId: village.id, orgPath: village.path,
        historySeq: 0, historyHash: GENESIS_HASH,
      };
      const { outcome, pendingTimers } = await commitStep(deps, {
        def, instance, isNew: true, result: step, now, actor, historyType: 'started',
        historyPayload: { definitionKey: def.loaded.key, definitionVersion: def.loaded.version, data: { start } },
        newInstance: { title: null },
      }, client);
      pending.push(...pendingTimers);
      result.started.push({ villageId: village.id, villageName: village.name, instanceId: outcome.instanceId, households: households.length });
    }
    if (result.started.length === 0) {
      const message = result.skipped.some((s) => s.reason === 'started')
        ? (en ? `Every village in scope with registered households already has its ${year} review` : `本辖区有建档立卡户的村${year}年度回头看均已发起，不能重复发起`)
        : (en ? 'No village in scope has registered households to review' : '本辖区没有需要回头看的建档立卡户');
      throw new ConflictError(message, 'review_already_started');
    }
    return { answer: result, timers: pending };
  });
  // The roster steps' timers (none today) go to the queue after the commit, as a step's own do.
  await enqueueTimers(deps, timers, now);
  return answer;
}
