import type { Request } from 'express';
import { mayUnmask, UNMASK_ROLES } from '../auth/permissions';
import type { ApiContext } from './api-context';
import { recordAuditEvent } from './audit';
import { HttpError } from './http-error';
import { requestLocale } from './request-context';
import type { RequestAuth } from './request-context';
import { isSet } from './request-schemas';

/** The query of a read that may unmask: `unmask=1` with a `reason`. */
export interface UnmaskQuery { unmask?: string; reason?: string }

/**
 * Whether this request unmasks personal numbers. Refuses (403) a caller without the permission
 * and (400) a missing reason; records an audit event for every read it allows.
 */
export async function decideUnmask(ctx: ApiContext, req: Request, auth: RequestAuth, query: UnmaskQuery, action: string, target: string): Promise<boolean> {
  if (!isSet(query.unmask)) return false;
  const en = requestLocale(req) === 'en';
  if (!mayUnmask(auth.user.roles)) {
    throw new HttpError(403, 'forbidden', en ? `Only ${UNMASK_ROLES.join(' or ')} may unmask personal data` : '只有县级审核员或管理员可以查看完整证件号码');
  }
  if (!query.reason || query.reason.trim().length < 2) {
    throw new HttpError(400, 'invalid', en ? 'Say why you unmask' : '请说明查看完整信息的理由', { '/reason': [en ? 'is required to unmask' : '查看完整信息时必填'] });
  }
  const { unmask: _unmask, reason: _reason, ...rest } = query as Record<string, unknown>;
  await recordAuditEvent(ctx.services.db.pool, {
    id: ctx.services.ids.uuid(), tenantId: ctx.tenantId, at: ctx.services.clock.now(), user: auth.user, action,
    target, reason: query.reason.trim(), details: { path: req.path, query: rest },
  });
  return true;
}
