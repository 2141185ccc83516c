/**
 * The composition root: reads the configuration once, starts the services (the database, the
 * runtime and its timers), the HTTP app and the web client, and on SIGTERM / SIGINT / SIGHUP
 * drains and stops them in reverse order (shutdown.ts).
 */
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { createAppServer } from './api/app-server';
import { createApp } from './api/create-app';
import { createMetricsApp } from './api/metrics-endpoint';
import { assertNoDemoPasswords, assertProductionConfig, ProductionGuardError } from './auth/production-guard';
import { parseConfig } from './config';
import { DEMO_ACCOUNTS } from './domain/org-seed';
import { createLogger } from './kernel';
import { seedDemoCases } from './seed-demo-cases';
import { startServices } from './services';
import type { Services } from './services';
import { createShutdown } from './shutdown';
import { takeOverShutdownSignals } from './store/embedded-postgres';

const repoRoot = resolve(__dirname, '..', '..');

async function main(): Promise<void> {
  const config = parseConfig(process.env, repoRoot);
  assertProductionConfig(config);
  const logger = createLogger({ format: config.log.format, level: config.log.level });
  let server: Server | undefined;
  // Filled once the services are up; `fatal` may run before that (the database dies during migration).
  const started: { services?: Services } = {};
  let stopping = false;
  // The embedded PostgreSQL died and could not be restarted: exit non-zero so that whatever runs
  // the app (systemd, a container runtime, a test driver) starts it again, instead of answering
  // 503 forever. Closing is best effort and bounded.
  const fatal = (error: Error) => {
    if (stopping) return;
    stopping = true;
    console.error(`Jingzhun Flow 因数据库不可用而退出 (exiting, the database cannot be restarted): ${error.message}`);
    setTimeout(() => process.exit(1), 10_000).unref();
    server?.close();
    void (started.services?.close() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(1));
  };
  // In test mode the workflow clock is the test clock that POST /api/test/clock moves, shared by every node through the database.
  const services = await startServices({ config, logger, sharedTestClock: config.nodeEnv === 'test', onFatal: fatal });
  started.services = services;
  const shutdown = createShutdown({
    logger,
    closeServices: () => services.close(),
    // Forced: an immediate shutdown of the embedded PostgreSQL (it recovers on the next start), not an orphan.
    forceStop: () => { const pid = services.embedded?.pid; if (pid) process.kill(pid, 'SIGQUIT'); },
  });
  takeOverShutdownSignals();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (stopping && !shutdown.draining) return; // a fatal exit is under way
      stopping = true;
      shutdown.onSignal(signal);
    });
  }

  try {
    await assertNoDemoPasswords(config, services.db.pool);
    // A new development database shows a living county: cases at several steps and registered households.
    if (services.seededDemoPassword && config.nodeEnv === 'development') {
      const made = await seedDemoCases(services).catch((err: Error) => { logger.warn('demo cases not created', { error: err.message }); return 0; });
      if (made) logger.info('demo cases created', { count: made });
    }
    const app = createApp(services, { testClock: services.testClock, lifecycle: shutdown, clientDir: join(repoRoot, 'client', 'dist') });
    server = createAppServer(app);
    shutdown.track(server);
    server.listen(config.port, config.host);
    await once(server, 'listening');
  } catch (err) {
    await services.close();
    throw err;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  console.log(`Jingzhun Flow is listening on http://${host}:${port}/ (NODE_ENV=${config.nodeEnv}, PORT=${port})`);
  if (config.metrics.port !== undefined) {
    // Metrics on a private listener (METRICS_PORT), apart from the public port; it stops with the process.
    const metricsServer = createAppServer(createMetricsApp(services.metrics));
    metricsServer.listen(config.metrics.port, config.metrics.host);
    await once(metricsServer, 'listening');
    metricsServer.unref();
    const metricsHost = config.metrics.host.includes(':') ? `[${config.metrics.host}]` : config.metrics.host;
    console.log(`Metrics on http://${metricsHost}:${(metricsServer.address() as AddressInfo).port}/metrics`);
  }
  if (services.seededDemoPassword) {
    console.log('\nDemo accounts created on this first start (shown once):');
    for (const account of DEMO_ACCOUNTS) console.log(`  ${account.username.padEnd(15)} ${account.roles.join(' + ').padEnd(36)} ${account.orgUnit}`);
    console.log(`  password for all: ${services.seededDemoPassword}\n`);
  }
}

main().catch((err) => {
  const message = err instanceof ProductionGuardError ? err.message : (err as Error).stack ?? String(err);
  console.error(`Jingzhun Flow did not start: ${message}`);
  process.exit(1);
});
