import { existsSync } from 'node:fs';
import { checkMigrations } from '../store/database';
import { statfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Router } from 'express';
import type { ApiContext } from './api-context';
import { renderApiDocsPage } from './api-docs-page';
import { buildOpenApiDocument } from './openapi';
import { schemaRef } from './response-schemas';

/** When free disk space stops being "ok": below either bound the readiness check answers 503. */
export interface DiskThresholds {
  /** Fewer free bytes than this is "low" (default 200 MB). */
  minFreeBytes: number;
  /** A smaller free share of the file system than this is "low" (default 0.01 = 1 %). */
  minFreeRatio: number;
}

/** PostgreSQL stops writing (and corrupts nothing, but refuses every step) when its disk fills: warn well before. */
export const DEFAULT_DISK_THRESHOLDS: DiskThresholds = { minFreeBytes: 200 * 1024 * 1024, minFreeRatio: 0.01 };

/** What the readiness check says about one file system. */
export interface DiskHealth {
  status: 'ok' | 'low';
  path: string;
  freeBytes: number;
  totalBytes: number;
  freeRatio: number;
}

/** Judges free space against the thresholds: "low" when either bound is crossed. */
export function assessDisk(path: string, space: { freeBytes: number; totalBytes: number }, thresholds: DiskThresholds = DEFAULT_DISK_THRESHOLDS): DiskHealth {
  const freeRatio = space.totalBytes > 0 ? space.freeBytes / space.totalBytes : 0;
  const low = space.freeBytes < thresholds.minFreeBytes || freeRatio < thresholds.minFreeRatio;
  return { status: low ? 'low' : 'ok', path, freeBytes: space.freeBytes, totalBytes: space.totalBytes, freeRatio: Math.round(freeRatio * 10_000) / 10_000 };
}

/** The nearest existing folder on the way to `path` (the data dir may not exist yet with DATABASE_URL). */
function existingAncestor(path: string): string {
  let current = resolve(path);
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** Options of the meta router; the defaults suit a production server. */
export interface MetaRouterOptions {
  disk?: Partial<DiskThresholds>;
  /** Where to measure free space (default the data directory, `JZ_DATA_DIR`). */
  diskPath?: string;
  /** Longest a readiness probe may take before it counts as down (default 2 s). */
  probeTimeoutMs?: number;
  /** How long one free-space measurement is reused (default 10 s). */
  diskCacheMs?: number;
}

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([work, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

/** `GET /api/health` (liveness), `GET /api/ready` (the database and its migrations, the queue, free disk, draining), `GET /api/openapi.json` (the contract) and `GET /api/docs` (the same, to read). */
export function createMetaRouter(ctx: ApiContext, options: MetaRouterOptions = {}): Router {
  const router = Router();
  const thresholds = { ...DEFAULT_DISK_THRESHOLDS, ...options.disk };
  const probeTimeoutMs = options.probeTimeoutMs ?? 2_000;

  // Liveness: the process runs and its event loop answers; nothing behind it is asked, so a
  // database outage never makes a supervisor restart healthy processes.
  ctx.routes.add(router, {
    method: 'get', path: '/health', tag: 'meta', access: 'public',
    summary: 'Liveness: 200 while the process runs (also while it drains); asks nothing of the database or the queue',
    responses: { 200: { description: 'alive: `{ status: "ok", draining, uptimeSeconds }`', schema: schemaRef('Health') } },
  }, () => ({ status: 'ok', draining: ctx.lifecycle?.draining ?? false, uptimeSeconds: Math.round(process.uptime()) }));

  // Free space changes slowly: one statfs per `diskCacheMs` is enough for a probe called every few seconds.
  const diskCacheMs = options.diskCacheMs ?? 10_000;
  let diskCache: { at: number; value: Promise<DiskHealth | { status: 'unknown'; path: string; error: string }> } | undefined;
  const diskHealth = () => {
    if (!diskCache || Date.now() - diskCache.at > diskCacheMs) {
      const path = existingAncestor(options.diskPath ?? ctx.services.config.dataDir);
      diskCache = {
        at: Date.now(),
        value: statfs(path).then(
          (fs) => assessDisk(path, { freeBytes: fs.bavail * fs.bsize, totalBytes: fs.blocks * fs.bsize }, thresholds),
          (err: Error) => ({ status: 'unknown' as const, path, error: err.message })),
      };
    }
    return diskCache.value;
  };

  ctx.routes.add(router, {
    method: 'get', path: '/ready', tag: 'meta', access: 'public',
    summary: 'Readiness: 200 when the database answers with every migration applied, the job queue answers, the disk has room and the process is not draining; 503 otherwise',
    responses: {
      200: { description: 'ready: `{ status: "ok", database, migrations, queue, disk, draining, details }`', schema: schemaRef('Readiness') },
      503: { description: 'draining (shutting down), the database or the queue does not answer, a migration is missing, or the disk is (nearly) full', schema: schemaRef('Readiness') },
    },
  }, async ({ res }) => {
    // Three cheap probes side by side: one read of the migration ledger, one queue round trip, a cached statfs.
    const [database, queue, disk] = await Promise.all([
      withTimeout(checkMigrations(ctx.services.db.pool), probeTimeoutMs, 'the database')
        .then((m) => ({ status: 'ok' as const, migrations: m.applied ? 'ok' as const : 'missing' as const, ...m }),
          (err: Error) => ({ status: 'down' as const, migrations: 'unknown' as const, error: err.message })),
      ctx.services.timerQueue
        ? withTimeout(ctx.services.timerQueue.health(), probeTimeoutMs, 'the queue')
          .then((h) => ({ ...h, status: h.ok ? 'ok' as const : 'down' as const }), (err: Error) => ({ status: 'down' as const, error: err.message }))
        : Promise.resolve({ status: 'off' as const }),
      diskHealth(),
    ]);
    const draining = ctx.lifecycle?.draining ?? false;
    const ready = !draining && database.status === 'ok' && database.migrations === 'ok' && queue.status !== 'down' && disk.status !== 'low';
    const body = {
      status: ready ? 'ok' : draining ? 'draining' : 'unavailable',
      database: database.status, migrations: database.migrations, queue: queue.status, disk: disk.status, draining,
      details: { database, queue, disk: { ...disk, minFreeBytes: thresholds.minFreeBytes, minFreeRatio: thresholds.minFreeRatio } },
      time: ctx.services.clock.now().toISOString(),
    };
    if (!ready) res.set('Retry-After', '5');
    res.status(ready ? 200 : 503).json(body);
    return undefined;
  });

  // Built on first request, once every router is mounted.
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  let page: string | undefined;
  ctx.routes.add(router, {
    method: 'get', path: '/openapi.json', tag: 'meta', access: 'public', summary: 'This API\'s OpenAPI 3.1 document',
    responses: { 200: { description: 'the document', schema: { type: 'object', description: 'an OpenAPI 3.1 document', required: ['openapi', 'info', 'paths'], properties: { openapi: { type: 'string' }, info: { type: 'object' }, paths: { type: 'object' } } } } },
  }, () => (document ??= buildOpenApiDocument(ctx.routes.routes)));

  ctx.routes.add(router, {
    method: 'get', path: '/docs', tag: 'meta', access: 'public', summary: 'This API\'s reference as a page to read (the OpenAPI document rendered)',
    responses: { 200: { description: 'the page', contentType: 'text/html' } },
  }, ({ res }) => {
    page ??= renderApiDocsPage(document ??= buildOpenApiDocument(ctx.routes.routes));
    res.type('html').send(page);
    return undefined;
  });

  return router;
}
