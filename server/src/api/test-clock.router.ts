import { Router } from 'express';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { testClockBody } from './request-schemas';
import { schemaRef } from './response-schemas';

/**
 * `POST /api/test/clock { advance: "P7D" }`: moves the manual clock and fires what became due,
 * answering `{ now, fired }`. Mounted only when NODE_ENV=test with a manual clock; otherwise the
 * path does not exist (404).
 */
export function createTestClockRouter(ctx: ApiContext): Router {
  const router = Router();
  const clock = ctx.testClock;
  if (!clock || ctx.services.config.nodeEnv !== 'test') return router;

  ctx.routes.add<{ advance: string }>(router, {
    method: 'post', path: '/test/clock', tag: 'test', access: 'public', summary: 'Test mode only: moves the clock and fires the timers now due',
    body: testClockBody, responses: { 200: { description: 'the new time and how many timers fired', schema: schemaRef('Clock') } },
  }, async ({ body }) => {
    try {
      clock.advance(body.advance);
    } catch (err) {
      throw new HttpError(400, 'invalid', (err as Error).message, { '/advance': [(err as Error).message] });
    }
    const fired = await ctx.services.runtime.fireDueTimers();
    return { now: clock.now().toISOString(), fired };
  });

  ctx.routes.add(router, {
    method: 'get', path: '/test/clock', tag: 'test', access: 'public', summary: 'Test mode only: the clock\'s time',
    responses: { 200: { description: 'the time', schema: schemaRef('Clock') } },
  }, () => ({ now: clock.now().toISOString() }));

  return router;
}
