import { Router } from 'express';
import { isUuid, NotFoundError } from '../kernel';
import { listMessages, markAllMessagesRead, markMessageRead } from '../store/messages.repository';
import type { ApiContext } from './api-context';
import { createMessageStream } from './message-stream';
import type { MessageStreamOptions } from './message-stream';
import { requireAuth } from './request-context';
import { idParams, isSet, messagesQuery } from './request-schemas';
import { schemaRef } from './response-schemas';

/**
 * The 消息 of the logged-in user: the list (read and unread), marking read, and the live unread
 * count as server-sent events (`GET /api/events`).
 */
export function createMessagesRouter(ctx: ApiContext, streamOptions: MessageStreamOptions = {}): Router {
  const router = Router();
  const { pool } = ctx.services.db;
  const stream = createMessageStream(ctx.services, ctx.lifecycle, streamOptions);
  // Each read or change of the list tells the user's other tabs (any node) to refresh the count.
  const signal = (userId: string) => ctx.services.messageChannel.publish([userId])
    .catch((err: Error) => ctx.services.logger.warn('message signal not sent', { userId, error: err.message }));

  ctx.routes.add<unknown, { unread?: string; page: number; pageSize: number }>(router, {
    method: 'get', path: '/notifications', tag: 'messages', access: 'session', summary: 'The caller\'s messages, newest first (`unread=1`: only unread), with the unread count',
    query: messagesQuery, responses: { 200: { description: 'a page of messages', schema: schemaRef('MessagePage') } },
  }, async ({ req, query }) => listMessages(pool, ctx.tenantId, requireAuth(req).user.id, { unread: isSet(query.unread), page: query.page, pageSize: query.pageSize }));

  ctx.routes.add<unknown, unknown, { id: string }>(router, {
    method: 'post', path: '/notifications/:id/read', tag: 'messages', access: 'session', summary: 'Marks one of the caller\'s messages read',
    params: idParams, responses: { 200: { description: 'read', schema: { type: 'object', properties: { read: { type: 'boolean' } } } } },
  }, async ({ req, params }) => {
    const { user } = requireAuth(req);
    if (!isUuid(params.id) || !await markMessageRead(pool, ctx.tenantId, user.id, params.id, ctx.services.clock.now())) {
      throw new NotFoundError(`Message ${params.id} does not exist`);
    }
    await signal(user.id);
    return { read: true };
  });

  ctx.routes.add(router, {
    method: 'post', path: '/notifications/read-all', tag: 'messages', access: 'session', summary: 'Marks every message of the caller read',
    responses: { 200: { description: 'how many were unread', schema: { type: 'object', properties: { read: { type: 'integer' } } } } },
  }, async ({ req }) => {
    const { user } = requireAuth(req);
    const read = await markAllMessagesRead(pool, ctx.tenantId, user.id, ctx.services.clock.now());
    await signal(user.id);
    return { read };
  });

  ctx.routes.add(router, {
    method: 'get', path: '/events', tag: 'messages', access: 'session',
    summary: 'Server-sent events: `unread` with the caller\'s unread count, at once and on every change (any node); heartbeats; at most 5 per user',
    responses: { 200: { description: 'an event stream', contentType: 'text/event-stream' } },
  }, async ({ req, res }) => { await stream.handle(req, res); return undefined; });

  return router;
}
