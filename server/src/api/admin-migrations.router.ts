import { Router } from 'express';
import { createWorkCalendar } from '../engine';
import { migrateInstances } from '../runtime/migrate-instances';
import { requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';
import { keyParams, migrationBody } from './request-schemas';
import { schemaRef } from './response-schemas';

interface MigrationBody { fromVersion: number; toVersion: number; mapping: Record<string, string>; dryRun: boolean; instanceIds?: string[] }

/** `POST /api/definitions/:key/migrations` (admin): a dry run or the migration of running instances to another version. */
export function createAdminMigrationsRouter(ctx: ApiContext): Router {
  const router = Router();
  const { services } = ctx;
  const calendar = createWorkCalendar(services.county.calendar);

  ctx.routes.add<MigrationBody, unknown, { key: string }>(router, {
    method: 'post', path: '/definitions/:key/migrations', tag: 'admin', access: 'session',
    summary: 'Admin: moves running instances from one version to the published one with a state mapping (dryRun lists what would change); 400 unmapped_states',
    params: keyParams, body: migrationBody, responses: { 200: { description: 'each instance with what changes and how it went', schema: schemaRef('Migration') } },
  }, async ({ req, params, body }) => {
    const { actor } = requireRole(req);
    const locale = requestLocale(req);
    const result = await migrateInstances(
      { db: services.db, tenantId: ctx.tenantId, clock: services.clock, ids: services.ids, logger: services.logger, calendar, catalog: services.catalog, timerQueue: services.timerQueue },
      { key: params.key, fromVersion: body.fromVersion, toVersion: body.toVersion, mapping: body.mapping, dryRun: body.dryRun, instanceIds: body.instanceIds, actor, locale });
    if (result.kind === 'unmapped') {
      throw new HttpError(400, 'unmapped_states', locale === 'en'
        ? `Running instances are in states version ${body.toVersion} lacks: ${result.unmapped.join(', ')}; map each to a new state`
        : `运行中的实例处于第 ${body.toVersion} 版没有的状态：${result.unmapped.join('、')}，请为每个状态指定目标`, result.fields);
    }
    const { kind: _kind, ...answer } = result;
    return answer;
  });
  return router;
}
