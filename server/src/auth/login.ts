import type { Pool } from 'pg';
import { hashPassword, verifyPassword } from './passwords';
import type { RateLimiter } from './rate-limiter';
import { SESSION_USER_COLUMNS, toSessionUser } from './session-user';
import type { SessionUser } from './session-user';

/** Why a login failed: bad credentials (one answer for unknown users and wrong passwords), or too many tries. */
export type LoginFailure = { kind: 'invalid' } | { kind: 'rate_limited'; retryAfterSeconds: number };

export interface LoginDeps {
  pool: Pool;
  tenantId: string;
  /** Failed attempts per username and client address. */
  failures: RateLimiter;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password. Unknown users still cost one argon2 verification, so response
 * time does not tell which usernames exist. Success clears the failure count.
 */
export async function checkLogin(deps: LoginDeps, input: { username: string; password: string; clientAddress: string }): Promise<SessionUser | LoginFailure> {
  const limitKey = `${input.username.toLowerCase()}|${input.clientAddress}`;
  const limited = await deps.failures.isBlocked(limitKey);
  if (limited.blocked) return { kind: 'rate_limited', retryAfterSeconds: limited.retryAfterSeconds };
  const { rows } = await deps.pool.query(
    `SELECT ${SESSION_USER_COLUMNS}, u.password_hash, u.disabled
     FROM users u JOIN org_units o ON o.id = u.org_unit_id WHERE u.username = $1 AND u.tenant_id = $2`,
    [input.username, deps.tenantId]);
  const row = rows[0];
  dummyHash ??= hashPassword('no-such-user-placeholder');
  const ok = await verifyPassword(row ? row.password_hash : await dummyHash, input.password);
  if (!row || !ok || row.disabled) {
    const hit = await deps.failures.hit(limitKey);
    if (!hit.allowed) return { kind: 'rate_limited', retryAfterSeconds: hit.retryAfterSeconds };
    return { kind: 'invalid' };
  }
  await deps.failures.reset(limitKey);
  return toSessionUser(row);
}
