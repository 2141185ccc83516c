import { Router } from 'express';
import type { ApiContext } from './api-context';
import { progressByTown } from '../domain/reports/progress.query';
import { requireAuth } from './request-context';
import { progressQuery } from './request-schemas';
import { chinaYear } from '../kernel';
import type { ProgressReport } from '../contract';


/** `GET /api/reports/progress?year=`: exits against the 30% / 70% / 100% targets by town, within the caller's scope. */
export function createReportsRouter(ctx: ApiContext): Router {
  const router = Router();
  ctx.routes.add<unknown, { year?: number }>(router, {
    method: 'get', path: '/reports/progress', tag: 'reports', access: 'session',
    summary: 'Exit progress by town against the year\'s target share (county configuration), with open and overdue tasks',
    query: progressQuery, responses: { 200: { description: 'the report', schema: { type: 'object', description: 'progress counts by org unit and state, for the dashboard' } } },
  }, async ({ req, query }) => {
    const { actor } = requireAuth(req);
    const now = ctx.services.clock.now();
    const year = query.year ?? chinaYear(now);
    const share = (y: number) => Number(ctx.services.configForYear(y).exitTargetShare ?? 0);
    const configured = Object.keys(ctx.services.county.years).map(Number).sort((a, b) => a - b);
    const towns = await progressByTown(ctx.services.db.pool, { tenantId: ctx.tenantId, scopePath: actor.orgPath, year, targetShare: share(year), now });
    const totals = towns.reduce((acc, t) => ({
      poorPeople: acc.poorPeople + t.poorPeople, exitedPeople: acc.exitedPeople + t.exitedPeople,
      openTasks: acc.openTasks + t.openTasks, overdueTasks: acc.overdueTasks + t.overdueTasks,
    }), { poorPeople: 0, exitedPeople: 0, openTasks: 0, overdueTasks: 0 });
    const report: ProgressReport = { year, targetShare: share(year), targets: configured.map((y) => ({ year: y, share: share(y) })), towns, totals };
    return report;
  });
  return router;
}
