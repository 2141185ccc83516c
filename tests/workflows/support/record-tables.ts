import { generateDrizzleJson, generateMigration } from 'drizzle-kit/api';
import type { Pool } from 'pg';
import * as recordTables from '../../../server/src/domain/records/schema';

/**
 * Creates the domain record tables (server/src/domain/records/schema.ts) in a test database when
 * the migrations do not have them yet. Once the migration folder includes them this does nothing.
 */
export async function ensureRecordTables(pool: Pool): Promise<void> {
  const { rows } = await pool.query(`SELECT to_regclass('public.correction_requests') AS present`);
  if (rows[0].present) return;
  const statements = await generateMigration(generateDrizzleJson({}), generateDrizzleJson(recordTables));
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    // The schema diff starts from nothing, so it also emits the foreign keys to `households`, which exists.
    for (const statement of statements) await client.query(statement);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}
