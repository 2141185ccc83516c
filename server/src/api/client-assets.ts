import { join } from 'node:path';
import compression from 'compression';
import express from 'express';
import type { RequestHandler, Router } from 'express';

/** A year: a hashed asset never changes under its name, so a browser may keep it that long. */
const ONE_YEAR_S = 365 * 24 * 60 * 60;

/**
 * Brotli or gzip (as the browser accepts) for every text answer, JSON included: on a village's weak
 * link the JavaScript shrinks to a third. Server-sent events stay uncompressed, or each message would
 * wait in the compressor's buffer.
 */
export function compressText(): RequestHandler {
  return compression({
    threshold: 1024,
    filter: (req, res) => {
      const type = String(res.getHeader('Content-Type') ?? '');
      if (type.startsWith('text/event-stream')) return false;
      return compression.filter(req, res);
    },
  });
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
