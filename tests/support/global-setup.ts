import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createBullmqTimerQueue } from '../../server/src/runtime/bullmq-timer-queue';
import { createManualClock, randomIds, silentLogger } from '../../server/src/kernel';
import { seedDatabase } from '../../server/src/seed';
import { migrateDatabase, openDatabase } from '../../server/src/store/database';
import { startEmbeddedPostgres } from '../../server/src/store/embedded-postgres';
import { TEMPLATE_DATABASE, databaseUrl } from './test-database';

/** Demo password of the seeded test databases. */
export const TEST_DEMO_PASSWORD = 'demo-Pass-2026';

/**
 * Starts one PostgreSQL for the whole run (embedded, or DATABASE_URL's server) and prepares a
 * migrated, seeded template database that each test file copies.
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // mkdtemp makes a mode-700 folder the postgres user could not enter.
    const dir = mkdtempSync(join(tmpdir(), 'jz-test-'));
    chmodSync(dir, 0o755);
    const server = await startEmbeddedPostgres({
      dataDir: join(dir, 'pg'),
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    (globalThis as any).__JZ_EMBEDDED__ = server;
    serverUrl = server.url;
  }
  process.env.JZ_TEST_SERVER_URL = serverUrl;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await admin.end();
  const templateUrl = databaseUrl(serverUrl, TEMPLATE_DATABASE);
  await migrateDatabase(templateUrl);
  const db = openDatabase(templateUrl);
  try {
    await seedDatabase(db, { tenantId: '441424', rootDir: resolve(__dirname, '..', '..'), demoPassword: TEST_DEMO_PASSWORD, ids: randomIds, now: createManualClock().now() });
  } finally {
    await db.close();
  }
  // Create BullMQ's tables once in the template too.
  const queue = createBullmqTimerQueue({ kind: 'postgres', url: templateUrl }, silentLogger);
  await queue.ready();
  await queue.close();
}
