import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The name of the migrated, seeded template every test database is copied from. */
export const TEMPLATE_DATABASE = 'jz_template';

/** The test server's URL for another database on it. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The PostgreSQL server the suites run against (set by the global setup). */
export function testServerUrl(): string {
  const url = process.env.JZ_TEST_SERVER_URL;
  if (!url) throw new Error('JZ_TEST_SERVER_URL is not set: run the suites through jest (its global setup starts PostgreSQL)');
  return url;
}

/** A fresh database copied from the template: migrated and seeded, private to one test file. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = testServerUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  return {
    url: databaseUrl(server, name),
    async drop() {
      const c = new Client({ connectionString: server });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
