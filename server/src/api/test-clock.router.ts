import { Router } from 'express';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { testClockBody } from './request-schemas';
import { schemaRef } from './response-schemas';

/**
 * `POST /api/test/clock { advance: "P7D" }`: moves the test clock, hands every timer now due to
 * the job queue (so the workers of every node deliver them) and fires up to 500 of them itself before
 * answering `{ now, fired }`. Mounted only when NODE_ENV=test with a test clock; otherwise the
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
      await clock.advance(body.advance);
    } catch (err) {
      throw new HttpError(400, 'invalid', (err as Error).message, { '/advance': [(err as Error).message] });
    }
    // The sweep takes 500 timers a round; with a queue they go to every node's worker at once.
    if (ctx.services.timerQueue) for (let round = 0; round < 100 && (await ctx.services.runtime.sweepTimers()) > 0; round++);
    const fired = await ctx.services.runtime.fireDueTimers();
    return { now: clock.now().toISOString(), fired };
  });

  ctx.routes.add(router, {
    method: 'get', path: '/test/clock', tag: 'test', access: 'public', summary: 'Test mode only: the clock\'s time',
    responses: { 200: { description: 'the time', schema: schemaRef('Clock') } },
  }, () => ({ now: clock.now().toISOString() }));

  return router;
}
