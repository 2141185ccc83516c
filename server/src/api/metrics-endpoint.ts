import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Express, RequestHandler } from 'express';

/** What the endpoint serves: the Prometheus text and its content type. */
export interface MetricsSource {
  render(): Promise<string>;
  contentType: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * GET /metrics on the public port. With a token, only a caller that sends `Authorization: Bearer
 * <token>` gets the metrics (401 otherwise); without one the route answers 404, as if it did not
 * exist, so a deployment that configured neither METRICS_TOKEN nor METRICS_PORT shows nothing.
 */
export function createMetricsRoute(metrics: MetricsSource, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!expected) {
      res.status(404).json({ error: { code: 'not_found', message: '未启用指标接口 (metrics are off: set METRICS_TOKEN or METRICS_PORT)' } });
      return;
    }
    const header = req.get('authorization') ?? '';
    const match = /^Bearer (\S+)$/.exec(header);
    // Digests have one length, so the comparison takes the same time whatever was sent.
    if (!match || !timingSafeEqual(digest(match[1]), expected)) {
      res.set('WWW-Authenticate', 'Bearer realm="metrics"').status(401)
        .json({ error: { code: 'unauthenticated', message: '需要指标令牌 (send Authorization: Bearer <METRICS_TOKEN>)' } });
      return;
    }
    res.type(metrics.contentType).send(await metrics.render());
  };
}

/** The app of the private metrics listener (METRICS_PORT): GET /metrics without a token, nothing else. */
export function createMetricsApp(metrics: MetricsSource): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    res.set('Cache-Control', 'no-store').type(metrics.contentType).send(await metrics.render());
  });
  app.use((_req, res) => { res.status(404).json({ error: { code: 'not_found', message: 'Only GET /metrics is served here' } }); });
  return app;
}
