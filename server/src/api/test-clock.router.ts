import { Router } from 'express';
import type { ApiContext } from './api-context';
import { HttpError } from './http-error';
import { testClockBody } from './request-schemas';
import { schemaRef } from './response-schemas';
import { countTimerOutcomes, listDueTimerIds } from '../store/timers.repository';

/** How long the answer waits for the queue's workers to deliver the timers that came due. */
const DRAIN_LIMIT_MS = 10_000;

/**
 * `POST /api/test/clock { advance: "P7D" }`: moves the test clock, hands every timer now due to
 * the job queue (so the workers of every node deliver them), fires what is left itself, and
 * answers `{ now, fired }` once the timers that came due have been delivered: `fired` counts those
 * that fired, by whichever node, so it does not depend on which worker was quicker. Mounted only
 * when NODE_ENV=test with a test clock; otherwise the path does not exist (404).
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
    const { pool } = ctx.services.db;
    const due = await listDueTimerIds(pool, ctx.tenantId, clock.now(), 100_000);
    // Reminders and escalations that came due, and the messages of the tasks the timers opened, after the answer's work.
    const sweepMessages = <T>(answer: T) => ctx.services.notifications.sweep().then(() => answer);
    if (!ctx.services.timerQueue) return sweepMessages({ now: clock.now().toISOString(), fired: await ctx.services.runtime.fireDueTimers() });
    // The sweep takes 500 timers a round; with a queue they go to every node's worker at once.
    for (let round = 0; round < 400 && (await ctx.services.runtime.sweepTimers()) > 0; round++);
    await ctx.services.runtime.fireDueTimers();
    if (!due.length) return sweepMessages({ now: clock.now().toISOString(), fired: 0 });
    // Wait (bounded) until every timer that was due has been delivered. A timer fires once, whether
    // a worker or the direct pass above gets to it first (the step is gated on its status).
    const until = Date.now() + DRAIN_LIMIT_MS;
    let outcome = await countTimerOutcomes(pool, due);
    while (outcome.scheduled > 0 && Date.now() < until) {
      await new Promise((resume) => setTimeout(resume, 20));
      outcome = await countTimerOutcomes(pool, due);
    }
    return sweepMessages({ now: clock.now().toISOString(), fired: outcome.fired });
  });

  ctx.routes.add(router, {
    method: 'get', path: '/test/clock', tag: 'test', access: 'public', summary: 'Test mode only: the clock\'s time',
    responses: { 200: { description: 'the time', schema: schemaRef('Clock') } },
  }, () => ({ now: clock.now().toISOString() }));

  return router;
}
