import type { LoginLimits } from '../auth/login-limits';
import type { RateLimiter } from '../auth/rate-limiter';
import type { SessionStore } from '../auth/session-store';
import type { ManualClock } from '../runtime/clocks';
import type { Actor, Clock } from '../runtime/ports';
import type { Services } from '../services';
import type { RoleStateIndex } from './role-states';
import type { RouteTable } from './route-table';

/** What every router gets: the services, the route table it mounts on, and the API's own helpers. */
export interface ApiContext {
  services: Services;
  tenantId: string;
  routes: RouteTable;
  sessions: SessionStore;
  roleStates: RoleStateIndex;
  /** Budgets of failed logins: per username and address, per address, for the system. */
  loginFailures: LoginLimits;
  objectionsPerAddress: RateLimiter;
  /** Wall-clock time for sessions and rate limits; workflow time is `services.clock`. */
  wallClock: Clock;
  /** The manual clock `POST /api/test/clock` moves; only in NODE_ENV=test. */
  testClock?: ManualClock;
  /** Whether cookies get `Secure` (production). */
  secureCookies: boolean;
}

/** The actor the runtime records for a member of the public filing an objection. */
export const PUBLIC_ACTOR: Actor = { userId: null, username: 'public', displayName: '公众', roles: [], orgUnitId: '', orgPath: '' };
