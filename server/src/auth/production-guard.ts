import type { Pool } from 'pg';
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
      + 'Unset JZ_DEMO_PASSWORD and give each account its own password with `npx tsx server/src/auth/set-password-cli.ts <username>`.');
  }
}

/**
 * After the database is ready: when this start has just created the demo accounts with a generated
 * password, production disables them (they can be enabled one by one by setting a real password)
 * and refuses to start, naming the accounts and the command.
 */
export async function assertNoDemoPasswords(config: AppConfig, pool: Pool, seededDemoPassword: string | undefined): Promise<void> {
  if (config.nodeEnv !== 'production' || seededDemoPassword === undefined) return;
  const usernames = DEMO_ACCOUNTS.map((a) => a.username);
  await pool.query('UPDATE users SET disabled = true WHERE tenant_id = $1 AND username = ANY($2::text[])', [config.tenantId, usernames]);
  throw new ProductionGuardError(`NODE_ENV=production and this start created the demo accounts (${usernames.join(', ')}) with a generated password. `
    + 'Demo passwords are refused in production, so these accounts are now disabled. Set a real password for each account you need with '
    + '`npx tsx server/src/auth/set-password-cli.ts <username>` (it enables the account), then start again.');
}
