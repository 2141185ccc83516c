import type { Pool, PoolClient } from 'pg';

/**
 * What a repository function runs its SQL on: the pool, or the caller's connection inside a
 * transaction, so a use case composes several repository calls into one transaction.
 */
export type SqlClient = Pool | PoolClient;

/** The application's connection pool, as the layers above `store/` hand it around without importing `pg`. */
export type SqlPool = Pool;

/** One connection inside an open transaction (see `Database.transaction`). */
export type SqlTransaction = PoolClient;

/** Answers when the database runs a trivial statement: the liveness probe of `GET /api/health`. */
export async function pingDatabase(db: SqlClient): Promise<void> {
  await db.query('SELECT 1');
}
