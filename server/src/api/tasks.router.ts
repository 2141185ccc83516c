import { Router } from 'express';
import type { Request } from 'express';
import { isUuid, NotFoundError, UserError, ValidationError } from '../kernel';
import type { ApiContext } from './api-context';
import { runIdempotent } from './idempotency';
import { createErrorBodyMapper } from './batch-errors';
import { copyUnboundAttachments } from '../domain/attachments/attachments.repository';
import { findInbox } from '../domain/tasks/inbox.query';
import { findHelperInbox } from '../domain/tasks/helper-inbox.query';
import { listTaskComments } from '../domain/tasks/task-comments.repository';
import { deleteSavedFilter, listSavedFilters, saveFilter, SAVED_FILTERS_PER_USER } from '../domain/tasks/saved-filters.repository';
import { findVisibleTask } from '../domain/tasks/task.query';
import type { TaskView } from '../domain/tasks/task-view';
import { findInstanceData } from '../domain/instances/instance-data.query';
import { maskPersonalData } from '../domain/masking';
import { villageNoticePlaces } from '../domain/notices/notice-posting.writer';
import { computePrefill } from '../engine';
import { filterPathOrNull } from '../domain/org-units/org-filters';
import { requestLocale, requireAuth } from './request-context';
import { caseOrSummary } from './step-summary';
import { HttpError } from './http-error';
import { reassignBody, urgeBody } from './request-schemas';
import { batchCompleteBody, savedFilterBody, commentBody, completeTaskBody, IDEMPOTENCY_KEY_HEADER, idParams, inboxQuery, isSet, PREFER_HEADER } from './request-schemas';
import { itemsOf, schemaRef } from './response-schemas';
import { householdReadScope, narrowScope, READ_ONLY_ROLES } from '../auth/org-scope';
import type { BatchCompleteAnswer, BatchCompleteRequest, BatchResult, InboxQuery as SavedInboxQuery } from '../contract';

interface InboxQuery {
  status?: 'open' | 'claimed'; definitionKey?: string; state?: string; orgUnit?: string;
  overdue?: string; dueSoon?: string; q?: string; mine?: string; unclaimed?: string; sort: 'dueAt' | 'createdAt'; page: number; pageSize: number;
}
interface CompleteBody { outcome: string; data?: Record<string, unknown>; comment?: string }
type IdParams = { id: string };

/** The inbox and the work on a task: claim, unclaim, complete (one or many), comments. */
export function createTasksRouter(ctx: ApiContext): Router {
  const router = Router();
  const { pool } = ctx.services.db;
  const { runtime } = ctx.services;
  const visibleTask = (req: Request, id: string) => findVisibleTask(pool, ctx.tenantId, requireAuth(req).actor, id, ctx.services.clock.now());
  const errorBody = createErrorBodyMapper();
  /** A task still to be done opens with what its definition carries forward from earlier steps (`meta.task.prefill`), personal numbers masked, and what the org tree says of its village (`org.noticePlaces`). */
  const withPrefill = async (view: TaskView): Promise<TaskView & { prefill?: Record<string, unknown> }> => {
    if (view.status !== 'open' && view.status !== 'claimed') return view;
    const instance = await findInstanceData(pool, ctx.tenantId, view.instanceId);
    if (!instance) return view;
    const spec = (await ctx.services.catalog.byId(instance.definitionId)).loaded.tasks.get(view.state)?.prefill;
    if (!spec) return view;
    // What the org tree says of the case's village, read only when a rule asks for it: where its notices are posted.
    const org = JSON.stringify(spec).includes('"org.noticePlaces"')
      ? { noticePlaces: await villageNoticePlaces(pool, ctx.tenantId, instance.orgUnitId) } : {};
    const prefill = computePrefill(spec, maskPersonalData(instance.data, await ctx.sensitiveFields.fields()), org);
    return Object.keys(prefill).length ? { ...view, prefill } : view;
  };

  ctx.routes.add<unknown, InboxQuery>(router, {
    method: 'get', path: '/tasks', tag: 'tasks', access: 'session',
    summary: 'The inbox: open tasks the caller may act on (a candidate role they hold, within their org scope) and those they claimed; for a 帮扶责任人 (role helper only), the open tasks of the cases of their paired households, to read',
    query: inboxQuery, responses: { 200: { description: 'a page of tasks with counts per state', schema: schemaRef('TaskPage') } },
  }, async ({ req, query }) => {
    const { actor } = requireAuth(req);
    // A 帮扶责任人 reads the open tasks of their paired households' cases (and acts on none of them).
    const { helperUserId } = householdReadScope(actor);
    if (helperUserId !== undefined) {
      return findHelperInbox(pool, { tenantId: ctx.tenantId, now: ctx.services.clock.now() }, helperUserId,
        { page: query.page, pageSize: query.pageSize, definitionKey: query.definitionKey, state: query.state, q: query.q });
    }
    const scopePath = narrowScope(actor, await filterPathOrNull(pool, ctx.tenantId, query.orgUnit));
    if (scopePath === null) return { items: [], total: 0, page: query.page, pageSize: query.pageSize, counts: {}, totalCapped: false };
    return findInbox(pool, { tenantId: ctx.tenantId, roleStates: ctx.roleStates, now: ctx.services.clock.now() }, actor, {
      status: query.status, definitionKey: query.definitionKey, state: query.state, scopePath, sort: query.sort,
      overdue: isSet(query.overdue), dueSoon: isSet(query.dueSoon), q: query.q, mine: isSet(query.mine), unclaimed: isSet(query.unclaimed), page: query.page, pageSize: query.pageSize,
    });
  });

  ctx.routes.add(router, {
    method: 'get', path: '/inbox/filters', tag: 'tasks', access: 'session', summary: 'The inbox filters the caller saved, oldest first',
    responses: { 200: { description: 'saved filters', schema: { type: 'object', properties: { items: { type: 'array', items: schemaRef('SavedFilter') } } } } },
  }, async ({ req }) => ({ items: await listSavedFilters(pool, ctx.tenantId, requireAuth(req).user.id) }));

  ctx.routes.add<{ name: string; query: SavedInboxQuery }>(router, {
    method: 'post', path: '/inbox/filters', tag: 'tasks', access: 'session', summary: 'Saves the inbox filter under a name (replacing one of that name)',
    body: savedFilterBody, responses: { 201: { description: 'the saved filter', schema: schemaRef('SavedFilter') } },
  }, async ({ req, body }) => {
    const saved = await saveFilter(pool, { tenantId: ctx.tenantId, uuid: () => ctx.services.ids.uuid(), now: ctx.services.clock.now() },
      requireAuth(req).user.id, body.name.trim(), body.query);
    if (!saved) {
      const en = requestLocale(req) === 'en';
      throw new ValidationError(en ? 'Too many saved filters' : '常用筛选已达上限',
        { '/name': [en ? `Delete one first: at most ${SAVED_FILTERS_PER_USER}` : `最多保存 ${SAVED_FILTERS_PER_USER} 个，请先删除一个`] });
    }
    return saved;
  });

  ctx.routes.add<unknown, unknown, IdParams>(router, {
    method: 'delete', path: '/inbox/filters/:id', tag: 'tasks', access: 'session', summary: 'Deletes one of the caller\'s saved filters',
    params: idParams, responses: { 200: { description: 'deleted', schema: { type: 'object', properties: { deleted: { type: 'boolean' } } } } },
  }, async ({ req, params }) => {
    if (!isUuid(params.id) || !await deleteSavedFilter(pool, ctx.tenantId, requireAuth(req).user.id, params.id)) {
      throw new NotFoundError(`Saved filter ${params.id} does not exist`);
    }
    return { deleted: true };
  });

  ctx.routes.add<unknown, unknown, IdParams>(router, {
    method: 'get', path: '/tasks/:id', tag: 'tasks', access: 'session', summary: 'One task',
    params: idParams, responses: { 200: { description: 'the task', schema: schemaRef('Task') } },
  }, async ({ req, params }) => withPrefill((await visibleTask(req, params.id)).view));

  ctx.routes.add<unknown, unknown, IdParams>(router, {
    method: 'post', path: '/tasks/:id/claim', tag: 'tasks', access: 'session', summary: 'Claims an open task for the caller',
    params: idParams, responses: { 200: { description: 'the claimed task', schema: schemaRef('Task') } },
  }, async ({ req, params }) => {
    // The use case decides 404 (not visible) or 403 (visible, not the caller's to act on) in its one read.
    await runtime.claimTask({ taskId: params.id, actor: requireAuth(req).actor });
    return (await visibleTask(req, params.id)).view;
  });

  ctx.routes.add<unknown, unknown, IdParams>(router, {
    method: 'post', path: '/tasks/:id/unclaim', tag: 'tasks', access: 'session', summary: 'Gives a claimed task back to the pool',
    params: idParams, responses: { 200: { description: 'the task, open again', schema: schemaRef('Task') } },
  }, async ({ req, params }) => {
    await runtime.unclaimTask({ taskId: params.id, actor: requireAuth(req).actor });
    return (await visibleTask(req, params.id)).view;
  });

  ctx.routes.add<CompleteBody, unknown, IdParams>(router, {
    method: 'post', path: '/tasks/:id/complete', tag: 'tasks', access: 'session',
    summary: 'Completes a task with an outcome; the data is checked against the task\'s form (400 with field messages)',
    params: idParams, body: completeTaskBody, headers: [IDEMPOTENCY_KEY_HEADER, PREFER_HEADER],
    responses: { 200: {
      description: 'the instance after the step (DESIGN: "200 with the instance"); with `Prefer: return=minimal`, the step\'s summary (`Preference-Applied: return=minimal`)',
      schema: { anyOf: [schemaRef('Instance'), schemaRef('StepSummary')] },
    } },
  }, async ({ req, res, params, body }) => {
    const { actor } = requireAuth(req);
    // One read (task, instance, access) and the step: the use case's SQL decides 404 or 403.
    return runIdempotent(ctx, req, res, {
      scope: `POST /tasks/${params.id}/complete`, body, okStatus: 200,
      run: (alsoFoldOutcome) => runtime.completeTask({ taskId: params.id, outcome: body.outcome, data: body.data, comment: body.comment, actor, locale: requestLocale(req), alsoFoldOutcome }),
      answer: caseOrSummary(ctx, req, res, actor),
    });
  });

  /**
   * The shared form of a batch for its i-th case: the first case binds the files the user uploaded
   * for no case yet (the photos of the one posted notice), each further case its own copies of
   * them, made here before the steps; an id the user cannot use stays, for the step to refuse.
   */
  const sharedEvidence = async (data: unknown, count: number, userId: string | undefined): Promise<(i: number) => unknown> => {
    const text = data === undefined ? '' : JSON.stringify(data);
    const ids = [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])].filter(isUuid);
    if (!userId || count < 2 || ids.length === 0) return () => data;
    const copies = Array.from({ length: count - 1 }, () => new Map(ids.map((id) => [id, ctx.services.ids.uuid()])));
    const copied = await copyUnboundAttachments(pool, ctx.tenantId, { userId, pairs: copies.flatMap((m) => [...m.entries()]) });
    if (copied.size === 0) return () => data;
    return (i) => {
      if (i === 0) return data;
      let out = text;
      for (const id of copied) out = out.split(id).join(copies[i - 1].get(id) ?? id);
      return JSON.parse(out) as unknown;
    };
  };

  ctx.routes.add<BatchCompleteRequest>(router, {
    method: 'post', path: '/tasks/batch-complete', tag: 'tasks', access: 'session',
    summary: 'Completes many tasks with one outcome (a town approving a roster); each task is its own transaction',
    body: batchCompleteBody, responses: { 200: { description: 'one result per task, in order', schema: schemaRef('BatchResults') } },
  }, async ({ req, body }) => {
    const { actor } = requireAuth(req);
    const locale = requestLocale(req);
    const results: BatchResult[] = [];
    const dataFor = await sharedEvidence(body.data, body.taskIds.length, actor.userId ?? undefined);
    // One after another: each is its own transaction, and a failure of one leaves the others as they are.
    for (const [i, taskId] of body.taskIds.entries()) {
      try {
        await runtime.completeTask({ taskId, outcome: body.outcome, data: dataFor(i), comment: body.comment, actor, locale });
        results.push({ taskId, ok: true, status: 200 });
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        const { status, body: error } = errorBody(err);
        results.push({ taskId, ok: false, status, error: error.error });
      }
    }
    const answer: BatchCompleteAnswer = { results };
    return answer;
  });

  ctx.routes.add<{ text: string }, unknown, IdParams>(router, {
    method: 'post', path: '/tasks/:id/comments', tag: 'tasks', access: 'session', summary: 'Adds a comment to a task',
    params: idParams, body: commentBody, responses: { 201: { description: 'the comment', schema: schemaRef('TaskComment') } },
  }, async ({ req, params, body }) => runtime.commentTask({ taskId: params.id, text: body.text, actor: requireAuth(req).actor, locale: requestLocale(req) }));

  ctx.routes.add<unknown, unknown, IdParams>(router, {
    method: 'get', path: '/tasks/:id/comments', tag: 'tasks', access: 'session', summary: 'The comments on a task, oldest first',
    params: idParams, responses: { 200: { description: 'comments', schema: itemsOf('TaskComment') } },
  }, async ({ req, params }) => {
    const task = await visibleTask(req, params.id);
    return { items: await listTaskComments(pool, task.view.id) };
  });

  ctx.routes.add<unknown, unknown, IdParams>(router, {
    method: 'get', path: '/tasks/:id/colleagues', tag: 'tasks', access: 'session',
    summary: '转办: the colleagues the caller may hand the task to (the task\'s unit, a role it names)',
    params: idParams, responses: { 200: { description: 'colleagues', schema: itemsOf('Colleague') } },
  }, async ({ req, params }) => ({ items: await runtime.listReassignTargets(params.id, requireAuth(req).actor) }));

  ctx.routes.add<{ userId: string; comment?: string }, unknown, IdParams>(router, {
    method: 'post', path: '/tasks/:id/reassign', tag: 'tasks', access: 'session',
    summary: '转办: hands the task to a colleague of its unit who may work it (audited; the colleague gets a message)',
    params: idParams, body: reassignBody, responses: { 200: { description: 'the task with its new assignee', schema: schemaRef('Task') } },
  }, async ({ req, params, body }) => {
    await runtime.reassignTask({ taskId: params.id, toUserId: body.userId, comment: body.comment, actor: requireAuth(req).actor, locale: requestLocale(req) });
    return (await visibleTask(req, params.id)).view;
  });

  ctx.routes.add<{ text?: string }, unknown, IdParams>(router, {
    method: 'post', path: '/tasks/:id/urge', tag: 'tasks', access: 'session',
    summary: '催办: a message to whoever works the task now; once per task per hour (429 after)',
    params: idParams, body: urgeBody, responses: { 201: { description: 'urged', schema: { type: 'object', properties: { urged: { type: 'boolean' } } } } },
  }, async ({ req, params, body }) => {
    const locale = requestLocale(req);
    const outcome = await runtime.urgeTask({ taskId: params.id, text: body.text, actor: requireAuth(req).actor, locale, readOnlyRoles: READ_ONLY_ROLES });
    if (!outcome.urged) {
      throw new HttpError(429, 'urged_recently', locale === 'en' ? 'This task was urged within the last hour; try again later' : '该任务一小时内已催办过，请稍后再催',
        undefined, { 'Retry-After': String(outcome.retryAfterSeconds) });
    }
    return { urged: true };
  });

  return router;
}
