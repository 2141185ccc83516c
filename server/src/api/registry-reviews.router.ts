import { Router } from 'express';
import type { ApiContext } from './api-context';
import { requestLocale, requireAuth } from './request-context';
import type { JsonSchema } from './request-validator';

const startBody: JsonSchema = {
  type: 'object', additionalProperties: false, required: ['year'],
  properties: {
    year: { type: 'integer', minimum: 2016, maximum: 2030, description: 'the year reviewed (回头看年度)' },
    villageIds: { type: 'array', minItems: 1, maxItems: 500, uniqueItems: true, items: { type: 'string', maxLength: 32, pattern: '^[0-9]+$' }, description: 'only these villages of the caller\'s scope; default: every village of it' },
  },
};
const errorRef: JsonSchema = { $ref: '#/components/schemas/Error' };
const villageRef: JsonSchema = { type: 'object', properties: { villageId: { type: 'string' }, villageName: { type: 'string' }, instanceId: { type: 'string' } } };
const started: JsonSchema = {
  type: 'object', required: ['year', 'started', 'skipped'],
  properties: {
    year: { type: 'integer' },
    started: { type: 'array', items: { ...villageRef, properties: { ...villageRef.properties as object, households: { type: 'integer', description: 'households on the roster' } } } },
    skipped: { type: 'array', items: { ...villageRef, properties: { ...villageRef.properties as object, reason: { type: 'string', enum: ['started', 'no_households'] } } } },
  },
};

/** 回头看: the yearly roster review of the registry, started per village by a town or county reviewer. */
export function createRegistryReviewsRouter(ctx: ApiContext): Router {
  const router = Router();
  ctx.routes.add<{ year: number; villageIds?: string[] }>(router, {
    method: 'post', path: '/registry-reviews', tag: 'households', access: 'session',
    summary: 'Starts the year\'s 回头看: one registry-review case per village of the caller\'s scope (town or county reviewer), each with its registered households as the roster; a village already reviewed that year is a 409',
    body: startBody,
    responses: {
      201: { description: 'the cases started, one per village, and the villages skipped (already started, or no registered household)', schema: started },
      403: { description: 'not a town or county reviewer', schema: errorRef },
      404: { description: 'a named village is not in the caller\'s scope', schema: errorRef },
      409: { description: 'a named village already has the year\'s review (message in Chinese), or nothing is left to start', schema: errorRef },
    },
  }, async ({ req, body }) => ctx.services.runtime.startRegistryReview({
    actor: requireAuth(req).actor, year: body.year, villageIds: body.villageIds, locale: requestLocale(req),
  }));
  return router;
}
