import { join } from 'node:path';
import zlib from 'node:zlib';
import compression from 'compression';
import express from 'express';
import type { Request, RequestHandler, Response, Router } from 'express';

/** A year: a hashed asset never changes under its name, so a browser may keep it that long. */
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * Brotli or gzip (as the browser accepts) for every text answer, JSON included: on a village's weak
 * link the JavaScript shrinks to a third. Server-sent events stay uncompressed, or each message would
 * wait in the compressor's buffer. API answers are made anew for every request, so they use the
 * fastest level: a 12 KB case answer becomes 1.5 KB with Brotli quality 1 (1.4 KB at the default
 * quality 4) for a fifth of the CPU, which the server spends on every step over HTTP.
 */
export function compressText(): RequestHandler {
  const filter = (req: Request, res: Response) => {
    const type = String(res.getHeader('Content-Type') ?? '');
    if (type.startsWith('text/event-stream')) return false;
    return compression.filter(req, res);
  };
  const files = compression({ threshold: 1024, filter });
  const answers = compression({
    threshold: 1024, filter, level: zlib.constants.Z_BEST_SPEED, brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } },
  });
  return (req, res, next) => (req.path.startsWith('/api/') ? answers : files)(req, res, next);
}

/**
 * The built web client: files under `assets/` carry a content hash in their name and are cached
 * `immutable` for a year; everything else (index.html, the service worker, the manifest) is
 * revalidated on every visit, so a new release reaches the next page load. The SPA's routes
 * (/inbox, /tasks/:id, /notices/:id …) are links people share: all serve index.html.
 */
export function serveClient(clientDir: string): Router {
  const router = express.Router();
  const index = join(clientDir, 'index.html');
  router.use(express.static(clientDir, {
    index: false,
    setHeaders: (res, path) => {
      const hashed = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(path);
      res.setHeader('Cache-Control', hashed ? `public, max-age=${ONE_YEAR_S}, immutable` : 'no-cache');
    },
  }));
  router.get(/^\/(?!api(\/|$)).*/, (_req, res) => { res.set('Cache-Control', 'no-cache').sendFile(index); });
  return router;
}
