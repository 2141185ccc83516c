import { ServiceUnavailableError } from '../kernel';
import type { SqlPool } from '../store/sql-client';
import { findLoginUser } from '../store/users.repository';
import type { LoginLimits, LoginLimitScope } from './login-limits';
import { NO_USER_HASH, verifyPassword } from './passwords';
import { toSessionUser } from './session-user';
import type { SessionUser } from './session-user';

/** Why a login failed: bad credentials (one answer for unknown users and wrong passwords), or a spent budget of attempts. */
export type LoginFailure = { kind: 'invalid' } | { kind: 'rate_limited'; scope: LoginLimitScope; retryAfterSeconds: number };

export interface LoginDeps {
  pool: SqlPool;
  tenantId: string;
  /** Budgets of failed attempts per username and address, per address, and for the system. */
  limits: LoginLimits;
}

/**
 * Checks a username and password. The attempt is counted before the password is checked, and a
 * refused attempt checks nothing, so the right password inside a burst of guesses is refused once
 * the budget is spent. Unknown users still cost one argon2 verification, so response time does not
 * tell which usernames exist. The right password takes its attempt back out of the budgets.
 */
export async function checkLogin(deps: LoginDeps, input: { username: string; password: string; clientAddress: string }): Promise<SessionUser | LoginFailure> {
  const admission = await deps.limits.admit(input.username, input.clientAddress);
  if (!admission.admitted) return { kind: 'rate_limited', scope: admission.scope, retryAfterSeconds: admission.retryAfterSeconds };
  const row = await findLoginUser(deps.pool, deps.tenantId, input.username);
  let ok: boolean;
  try {
    ok = await verifyPassword(row ? row.password_hash : NO_USER_HASH, input.password);
  } catch (err) {
    // Too many checks waiting (a 503): nothing was checked, so nothing counts against the user.
    if (err instanceof ServiceUnavailableError) await admission.takeBack();
    throw err;
  }
  if (!row || !ok || row.disabled) return { kind: 'invalid' };
  await admission.takeBack();
  return toSessionUser(row);
}
