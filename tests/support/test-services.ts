import { resolve } from 'node:path';
import { parseConfig } from '../../server/src/config';
import { createManualClock, silentLogger } from '../../server/src/kernel';
import type { ManualClock } from '../../server/src/kernel';
import type { Actor } from '../../server/src/kernel';
import { startServices } from '../../server/src/services';
import type { Services, ServicesOptions } from '../../server/src/services';
import { TEST_DEMO_PASSWORD } from './global-setup';
import { createTestDatabase } from './test-database';

export const REPO_ROOT = resolve(__dirname, '..', '..');

export interface TestServices extends Services {
  clock: ManualClock;
  /** The seeded demo user as the runtime sees it. */
  actor(username: string): Promise<Actor>;
}

/** Services on a private copy of the seeded template database, with a manual clock. */
export async function startTestServices(options: Partial<Omit<ServicesOptions, 'config'>> & { databaseUrl?: string; clock?: ManualClock; env?: Record<string, string> } = {}): Promise<TestServices & { dropDatabase(): Promise<void> }> {
  const database = options.databaseUrl ? { url: options.databaseUrl, drop: async () => undefined } : await createTestDatabase();
  const clock = options.clock ?? createManualClock();
  // `env` adds settings such as REDIS_URL or METRICS_TOKEN to the test configuration.
  const config = parseConfig({ ...options.env, DATABASE_URL: database.url, NODE_ENV: 'test', JZ_DEMO_PASSWORD: TEST_DEMO_PASSWORD }, REPO_ROOT);
  const services = await startServices({ timers: 'none', sweepIntervalMs: 0, logger: silentLogger, ...options, config, clock });
  return Object.assign(services, {
    clock,
    async actor(username: string): Promise<Actor> {
      const { rows } = await services.db.pool.query(
        'SELECT u.id, u.username, u.display_name, u.roles, u.org_unit_id, o.path FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = $1', [username]);
      if (!rows[0]) throw new Error(`No demo user ${username}`);
      const r = rows[0];
      return { userId: r.id, username: r.username, displayName: r.display_name, roles: r.roles, orgUnitId: r.org_unit_id, orgPath: r.path };
    },
    dropDatabase: () => database.drop(),
  });
}
