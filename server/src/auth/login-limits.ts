import type { SqlPool } from '../store/sql-client';
import type { Clock } from '../kernel';
import { createRateLimiter } from './rate-limiter';
import type { RateLimiter } from './rate-limiter';

/** Which budget refused a login: one username from one address, one address, or the whole system. */
export type LoginLimitScope = 'account' | 'address' | 'global';

/** The answer to "may this login attempt check a password?". */
export type LoginAdmission =
  | {
    admitted: true;
    /**
     * Takes the attempt back out of every budget: the right password is not a failure, nor is an
     * attempt the server was too busy to check.
     */
    takeBack(): Promise<void>;
  }
  | { admitted: false; scope: LoginLimitScope; retryAfterSeconds: number };

/** Budgets of login attempts that may still fail, per window. */
export interface LoginLimitOptions {
  /** Per username and client address (default 5). */
  perAccount?: number;
  /** Per client address, whatever the username: stops spraying one password over many accounts (default 20). */
  perAddress?: number;
  /** For the whole deployment: stops guessing spread over many addresses (default 200). */
  global?: number;
  /** Length of the fixed window (default 15 minutes). */
  windowMs?: number;
}

/** The login attempt budgets, shared by every server process through PostgreSQL. */
export interface LoginLimits {
  /**
   * Counts the attempt in every budget before any password is checked and decides on the
   * counted values, so N parallel attempts get at most `perAccount` failed password checks.
   * Only an admitted attempt may check the password.
   */
  admit(username: string, clientAddress: string): Promise<LoginAdmission>;
}

/** Default budgets; see {@link LoginLimitOptions}. */
export const LOGIN_LIMIT_DEFAULTS = { perAccount: 5, perAddress: 20, global: 200, windowMs: 15 * 60_000 } as const;

/**
 * Creates the three login budgets on the `rate_limits` table. Every attempt is counted first; one
 * with the right password is refunded afterwards, so the budgets measure failures while a burst
 * can never get more than the budget's number of wrong guesses checked. `clock` is the API's wall
 * clock, which tests replace to move the window.
 */
export function createLoginLimits(pool: SqlPool, clock: Clock, options: LoginLimitOptions = {}): LoginLimits {
  const windowMs = options.windowMs ?? LOGIN_LIMIT_DEFAULTS.windowMs;
  const limiters: Record<LoginLimitScope, RateLimiter> = {
    account: createRateLimiter(pool, clock, { name: 'login', limit: options.perAccount ?? LOGIN_LIMIT_DEFAULTS.perAccount, windowMs }),
    address: createRateLimiter(pool, clock, { name: 'login-address', limit: options.perAddress ?? LOGIN_LIMIT_DEFAULTS.perAddress, windowMs }),
    global: createRateLimiter(pool, clock, { name: 'login-global', limit: options.global ?? LOGIN_LIMIT_DEFAULTS.global, windowMs }),
  };
  return {
    async admit(username, clientAddress) {
      const keys: Record<LoginLimitScope, string> = { account: `${username.toLowerCase()}|${clientAddress}`, address: clientAddress, global: 'all' };
      const counted: Array<{ scope: LoginLimitScope; windowStart: Date }> = [];
      const refund = () => Promise.all(counted.map((c) => limiters[c.scope].refund(keys[c.scope], c.windowStart)));
      // Narrowest first: an attempt its own account budget refuses never reaches the wider budgets,
      // so one attacker hammering one account cannot use up everyone's budget.
      for (const scope of ['account', 'address', 'global'] as const) {
        const hit = await limiters[scope].hit(keys[scope]);
        if (!hit.allowed) {
          // The attempt checks no password: the narrower budgets it passed get it back, so a full
          // address or system budget does not also lock the accounts that happened to try.
          await refund();
          return { admitted: false, scope, retryAfterSeconds: hit.retryAfterSeconds };
        }
        counted.push({ scope, windowStart: hit.windowStart });
      }
      return { admitted: true, takeBack: async () => { await refund(); } };
    },
  };
}
