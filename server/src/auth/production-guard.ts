import type { SqlPool } from '../store/sql-client';
import { disableUnchangedPasswords } from '../store/users.repository';
import { DEMO_ACCOUNTS } from '../domain/org-seed';
import type { AppConfig } from '../config';

/** Raised when the configuration or the data is not fit for production; the message says what to do. */
export class ProductionGuardError extends Error {}

/**
 * Before anything starts: production never runs with a demo password from the environment, nor
 * with cookies that could travel over plain HTTP.
 */
export function assertProductionConfig(config: AppConfig): void {
  if (config.nodeEnv !== 'production') return;
  if (config.demoPassword) {
    throw new ProductionGuardError('JZ_DEMO_PASSWORD is set but NODE_ENV=production: demo passwords are refused in production. '
      + 'Unset JZ_DEMO_PASSWORD and give each account its own password with `npx tsx server/src/set-password-cli.ts <username>`.');
  }
}

/**
 * After the database is ready, in production: a demo account still on the password the seed gave
 * it (`password_changed_at` is null) is disabled, and the start is refused once, naming the accounts
 * and the command that gives each a real password (which enables it again). This holds whether the
 * seed ran on this start or on an earlier one in development mode.
 */
export async function assertNoDemoPasswords(config: AppConfig, pool: SqlPool): Promise<void> {
  if (config.nodeEnv !== 'production') return;
  const disabled = await disableUnchangedPasswords(pool, config.tenantId, DEMO_ACCOUNTS.map((a) => a.username));
  if (disabled.length === 0) return;
  const usernames = [...disabled].sort();
  throw new ProductionGuardError(`NODE_ENV=production and the demo accounts ${usernames.join(', ')} still have the password the seed gave them. `
    + 'Demo passwords are refused in production, so these accounts are now disabled. Set a real password for each account you need with '
    + '`npx tsx server/src/set-password-cli.ts <username>` (it enables the account), then start again.');
}
