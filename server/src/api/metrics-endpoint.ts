import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import type { Express, Request, RequestHandler } from 'express';

/** What the endpoint serves: the Prometheus text and its content type. */
export interface MetricsSource {
  render(): Promise<string>;
  contentType: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

/**
 * A caller on this machine talking to the app directly: a loopback address, and no header a
 * reverse proxy adds (nginx on the same host forwards the public's requests from 127.0.0.1).
 */
export function isDirectLocalCaller(req: Pick<Request, 'socket' | 'get'>): boolean {
  const address = req.socket.remoteAddress ?? '';
  if (!LOOPBACK.test(address)) return false;
  return !['x-forwarded-for', 'forwarded', 'x-real-ip'].some((header) => req.get(header) !== undefined);
}

/**
 * GET /metrics on the public port. With a token, only a caller that sends `Authorization: Bearer
 * <token>` gets the metrics (401 otherwise). Without one, only a direct caller on 127.0.0.1 gets
 * them (a Prometheus or curl on the same machine); anyone else, a proxied request included, gets
 * 404 as if the route did not exist.
 */
export function createMetricsRoute(metrics: MetricsSource, token: string | undefined): RequestHandler {
  const expected = token === undefined ? undefined : digest(token);
  return async (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (!expected) {
      if (isDirectLocalCaller(req)) {
        res.type(metrics.contentType).send(await metrics.render());
        return;
      }
      res.status(404).json({ error: { code: 'not_found', message: '指标接口仅对本机开放 (without METRICS_TOKEN, /metrics answers 127.0.0.1 only)' } });
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
