import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookieParser from 'cookie-parser';
import express from 'express';
import type { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import { createLoginLimits } from '../auth/login-limits';
import { createRateLimiter } from '../auth/rate-limiter';
import { createSessionStore } from '../auth/session-store';
import type { AdjustableClock, Lifecycle } from '../kernel';
import { systemClock } from '../kernel';
import type { Clock } from '../kernel';
import type { Services } from '../services';
import { createAnonymousWriteGate } from './anonymous-write-gate';
import { createAttachmentsRouter } from './attachments.router';
import { compressText, serveClient } from './client-assets';
import { createSensitiveFieldIndex } from './sensitive-fields';
import { createAdminAuditRouter } from './admin-audit.router';
import { createAdminDefinitionsRouter } from './admin-definitions.router';
import { createAdminMigrationsRouter } from './admin-migrations.router';
import { createAdminOrgUnitsRouter } from './admin-org-units.router';
import { createAdminUsersRouter } from './admin-users.router';
import type { ApiContext } from './api-context';
import { createAuthRouter } from './auth.router';
import { createDefinitionsRouter } from './definitions.router';
import { apiNotFound, createErrorHandler } from './error-handler';
import { createFormsRouter } from './forms.router';
import { createFormBlocksRouter } from './form-blocks.router';
import { createHelpRouter } from './help.router';
import { createHouseholdsRouter } from './households.router';
import { createInstancesRouter } from './instances.router';
import { createMetaRouter } from './meta.router';
import { createMessagesRouter } from './messages.router';
import type { MessageStreamOptions } from './message-stream';
import { createMetricsRoute } from './metrics-endpoint';
import { createQueueDashboard, QUEUE_DASHBOARD_PATH } from './queue-dashboard';
import { createNoticesRouter } from './notices.router';
import { createOrgUnitsRouter } from './org-units.router';
import { createReportsRouter } from './reports.router';
import { createFundsRouter } from './funds.router';
import { createVillagesRouter } from './villages.router';
import { createRegistryReviewsRouter } from './registry-reviews.router';
import { rejectUnsafeText } from './reject-unsafe-text';
import { createRequestLog } from './request-log';
import { jsonBody } from './json-body';
import { series } from './middleware-series';
import { createRequestValidator } from './request-validator';
import { createRoleStateIndex } from '../domain/tasks/role-states';
import { dispatchByFirstSegment } from './route-dispatch';
import { createRouteTable } from './route-table';
import { createSessionMiddleware, csrfGuard } from './session-middleware';
import { createTasksRouter } from './tasks.router';
import { createTestClockRouter } from './test-clock.router';

export interface CreateAppOptions {
  /** The clock behind `POST /api/test/clock` (NODE_ENV=test only); it must be the services' clock. */
  testClock?: AdjustableClock;
  /** The process's shutdown state: `GET /api/ready` answers 503 while it drains. */
  lifecycle?: Lifecycle;
  /** The built web client (`client/dist`), served with a fallback to index.html for the SPA's routes. */
  clientDir?: string;
  /** Time for sessions and rate limits (default: the system clock). */
  wallClock?: Clock;
  /** JSON body limit in bytes (default 256 KiB). */
  bodyLimitBytes?: number;
  /** Failed logins per username and address in 15 minutes before 429 (default 5). */
  loginFailureLimit?: number;
  /** Failed logins per client address in 15 minutes, whatever the username (default 20). */
  loginAddressFailureLimit?: number;
  /** Failed logins of the whole system in 15 minutes (default 200). */
  loginGlobalFailureLimit?: number;
  /** Objections per address per hour (default 10). */
  objectionLimit?: number;
  /** Anonymous writes (objections) per minute across the whole deployment (default 120). */
  anonymousWriteLimit?: number;
  /** Anonymous writes one process runs at once (default 4); the rest get 503 with Retry-After. */
  anonymousWriteConcurrency?: number;
  /** Limits of the live 消息 streams (`GET /api/events`): per user, per process, heartbeat. */
  messageStream?: MessageStreamOptions;
}


/**
 * Builds the HTTP app on running services: security headers, `/api` (session, CSRF, JSON bodies,
 * routers, JSON errors) and, when given, the web client.
 */
export function createApp(services: Services, options: CreateAppOptions = {}): Express {
  const wallClock = options.wallClock ?? systemClock;
  const { pool } = services.db;
  const ctx: ApiContext = {
    services,
    tenantId: services.config.tenantId,
    routes: createRouteTable(createRequestValidator()),
    sessions: createSessionStore(pool, wallClock, { changes: services.sessionChanges }),
    roleStates: createRoleStateIndex(pool, services.config.tenantId),
    loginFailures: createLoginLimits(pool, wallClock, {
      perAccount: options.loginFailureLimit, perAddress: options.loginAddressFailureLimit, global: options.loginGlobalFailureLimit,
    }),
    sensitiveFields: createSensitiveFieldIndex(pool, services.config.tenantId, wallClock),
    anonymousWrites: createAnonymousWriteGate({
      concurrency: options.anonymousWriteConcurrency ?? 4,
      perAddress: createRateLimiter(pool, wallClock, { name: 'objection', limit: options.objectionLimit ?? 10, windowMs: 60 * 60_000 }),
      global: createRateLimiter(pool, wallClock, { name: 'anonymous-writes', limit: options.anonymousWriteLimit ?? 120, windowMs: 60_000 }),
    }),
    wallClock,
    testClock: options.testClock,
    lifecycle: options.lifecycle,
    secureCookies: services.config.nodeEnv === 'production',
  };
  const production = services.config.nodeEnv === 'production';

  const noStore: RequestHandler = (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  };

  const app = express();
  app.disable('x-powered-by');
  // No hash of every answer's body for an ETag: API answers are `no-store`, so none is ever
  // revalidated; the answers that can be (attachments, shared form blocks) set their own ETag.
  app.disable('etag');
  // First, so every log line of the request carries its id and every answer is timed.
  app.use(createRequestLog(services.logger, services.metrics.observeHttp));
  // TRUST_PROXY hops: req.ip (rate limits, audit) is then the client's address as those proxies report it, never a header the client wrote itself.
  app.set('trust proxy', services.config.trustProxy ?? false);
  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        // The forms' validator (AJV, shared with the server) compiles each schema to a function in the
        // browser; forms are edited at run time, so they cannot be compiled ahead. Inline scripts stay refused.
        scriptSrc: ["'self'", "'unsafe-eval'"],
        upgradeInsecureRequests: production ? [] : null,
      },
    },
    strictTransportSecurity: production,
  }));
  app.use(compressText());

  const api = express.Router();
  // A test clock shared through the database is read before each request: another node may have moved it.
  // When the database does not answer, the last offset stands (liveness must not depend on it).
  const syncClock = options.testClock?.sync?.bind(options.testClock);
  if (syncClock) api.use((_req, _res, next) => { syncClock().then(() => next(), () => next()); });
  // One layer for what every API request passes, in this order: the body is parsed after the CSRF
  // check, so a forged request is refused before its body is read; then NUL, lone surrogates,
  // non-finite numbers, absurd nesting and undecodable paths are a 400 here, not a 500 from PostgreSQL.
  api.use(series(noStore, cookieParser(), createSessionMiddleware(ctx), csrfGuard, jsonBody({ limitBytes: options.bodyLimitBytes ?? 256 * 1024 }), rejectUnsafeText));
  // Each request goes to the routers with a route under its first path segment (not through every router in turn).
  const dispatch = dispatchByFirstSegment([
    createMetaRouter(ctx), createAuthRouter(ctx), createDefinitionsRouter(ctx), createFormsRouter(ctx), createFormBlocksRouter(ctx), createInstancesRouter(ctx),
    createTasksRouter(ctx), createNoticesRouter(ctx), createHouseholdsRouter(ctx), createHelpRouter(ctx), createOrgUnitsRouter(ctx), createReportsRouter(ctx), createFundsRouter(ctx), createVillagesRouter(ctx), createRegistryReviewsRouter(ctx),
    createTestClockRouter(ctx), createAdminDefinitionsRouter(ctx), createAdminMigrationsRouter(ctx), createAdminUsersRouter(ctx),
    createAdminOrgUnitsRouter(ctx), createAdminAuditRouter(ctx), createAttachmentsRouter(ctx), createMessagesRouter(ctx, options.messageStream),
  ]);
  app.locals.routersForEveryPath = dispatch.everywhere;
  api.use(dispatch.handler);
  api.use(apiNotFound);
  app.use('/api', api);
  app.get('/metrics', createMetricsRoute(services.metrics, services.config.metrics.token));
  app.use(QUEUE_DASHBOARD_PATH, createQueueDashboard(ctx));

  if (options.clientDir && existsSync(join(options.clientDir, 'index.html'))) app.use(serveClient(options.clientDir));

  app.use(createErrorHandler(services.logger));
  return app;
}
