import { readFileSync } from 'node:fs';
import { inspectDataDirLock } from './embedded-postgres';

/**
 * The URL of an embedded PostgreSQL that is already running on `dataDir` (an app started it), read
 * from its `postmaster.pid` (line 4: the port) and the password kept beside the cluster; undefined
 * when no server runs there.
 */
export function runningEmbeddedUrl(dataDir: string): { url: string; ownedByApp: boolean } | undefined {
  const lock = inspectDataDirLock(dataDir);
  if (lock.kind !== 'in_use' && lock.kind !== 'orphan' && lock.kind !== 'unknown') return undefined;
  const port = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[3]);
  if (!Number.isInteger(port) || port <= 0) return undefined;
  const password = readFileSync(`${dataDir}.secret`, 'utf8').trim();
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, ownedByApp: lock.kind === 'in_use' };
}
