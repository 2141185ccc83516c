import { Router } from 'express';
import { isUuid, NotFoundError } from '../kernel';
import { verifyInstanceHistory } from '../store/history-chain';
import { requireRole } from './admin-access';
import type { ApiContext } from './api-context';
import { findVisibleInstance, listInstances } from '../domain/instances/instance.query';
import { filterPathOrNull } from '../domain/org-units/org-filters';
import { requestLocale, requireAuth } from './request-context';
import { IDEMPOTENCY_KEY_HEADER, idParams, instancesQuery, isSet, PREFER_HEADER, startInstanceBody, unmaskQuery } from './request-schemas';
import { caseOrSummary } from './step-summary';
import { decideUnmask } from './unmask';
import { runIdempotent } from './idempotency';
import type { UnmaskQuery } from './unmask';
import { listOf, schemaRef } from './response-schemas';
import { canSee, narrowScope } from '../auth/org-scope';

interface StartBody { definitionKey: string; data?: Record<string, unknown>; orgUnitId?: string; title?: string }
interface ListQuery { definitionKey?: string; status?: string; state?: string; orgUnit?: string; mine?: string; handled?: string; q?: string; page: number; pageSize: number }

/** `POST /api/instances`, `GET /api/instances`, `GET /api/instances/:id`, `GET /api/instances/:id/verify`. */
export function createInstancesRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;

  ctx.routes.add<StartBody>(router, {
    method: 'post', path: '/instances', tag: 'instances', access: 'session',
    summary: 'Starts a case (e.g. a household application) in the caller\'s org unit; the first task opens for the starter',
    body: startInstanceBody, headers: [IDEMPOTENCY_KEY_HEADER, PREFER_HEADER], responses: { 201: {
      description: 'the new instance; with `Prefer: return=minimal`, the start\'s summary with the tasks it opened (`Preference-Applied: return=minimal`)',
      schema: { anyOf: [schemaRef('Instance'), schemaRef('StepSummary')] },
    } },
  }, async ({ req, res, body }) => {
    const { actor } = requireAuth(req);
    return runIdempotent(ctx, req, res, {
      scope: 'POST /instances', body, okStatus: 201,
      run: (alsoFoldOutcome) => ctx.services.runtime.startInstance({
        definitionKey: body.definitionKey, data: body.data, orgUnitId: body.orgUnitId, title: body.title, actor, locale: requestLocale(req), alsoFoldOutcome,
      }),
      answer: caseOrSummary(ctx, req, res, actor),
    });
  });

  ctx.routes.add<unknown, ListQuery>(router, {
    method: 'get', path: '/instances', tag: 'instances', access: 'session', summary: 'Cases within the caller\'s org scope, newest first',
    query: instancesQuery, responses: { 200: { description: 'a page of instances', schema: listOf('InstanceSummary', true) } },
  }, async ({ req, query }) => {
    const { actor } = requireAuth(req);
    const scopePath = narrowScope(actor, await filterPathOrNull(pool, ctx.tenantId, query.orgUnit));
    if (scopePath === null) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
    return listInstances(pool, ctx.tenantId, actor, { ...query, mine: isSet(query.mine), handled: isSet(query.handled), scopePath });
  });

  ctx.routes.add<unknown, UnmaskQuery, { id: string }>(router, {
    method: 'get', path: '/instances/:id', tag: 'instances', access: 'session',
    summary: 'One case: state, data, tasks, timers and history; ID, bank and certificate numbers masked unless unmask=1 with a reason (county_reviewer, admin; audited)',
    params: idParams, query: unmaskQuery, responses: { 200: { description: 'the instance', schema: schemaRef('Instance') } },
  }, async ({ req, params, query }) => {
    const auth = requireAuth(req);
    const sensitive = await ctx.sensitiveFields.fields();
    // Visible first: an unmask request for a case outside the caller's scope is a 404, not an audited read.
    const masked = await findVisibleInstance(pool, ctx.tenantId, auth.actor, params.id, { sensitive });
    if (!(await decideUnmask(ctx, req, auth, query, 'instance.unmask', `instances/${params.id}`))) return masked;
    return findVisibleInstance(pool, ctx.tenantId, auth.actor, params.id, { sensitive, unmasked: true });
  });

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'get', path: '/instances/:id/verify', tag: 'instances', access: 'session',
    summary: 'Inspector and admin: re-computes the case\'s history hash chain and compares its end with the case row → { ok, events, brokenAt? }',
    params: idParams, responses: { 200: { description: '{ ok, events, brokenAt?, kind?, reason?: { zh, en } }', schema: schemaRef('HistoryVerification') } },
  }, async ({ req, params }) => {
    const { actor } = requireRole(req, ['inspector', 'admin']);
    const missing = () => new NotFoundError(`Instance ${params.id} does not exist`);
    if (!isUuid(params.id)) throw missing();
    const found = await verifyInstanceHistory(pool, ctx.tenantId, params.id);
    if (!found || !canSee(actor, found.orgPath)) throw missing();
    return found.verification;
  });

  return router;
}
