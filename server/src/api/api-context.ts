import type { RequestHandler } from 'express';
import type { LoginLimits } from '../auth/login-limits';
import type { SessionStore } from '../auth/session-store';
import type { AdjustableClock, Clock, Lifecycle } from '../kernel';
import type { SensitiveFieldIndex } from './sensitive-fields';
import type { Services } from '../services';
import type { RoleStateIndex } from '../domain/tasks/role-states';
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
  /** The gate in front of anonymous writes (objections): concurrency, per-address and global budgets. */
  anonymousWrites: RequestHandler;
  /** Which form fields hold personal numbers (masked unless unmasked). */
  sensitiveFields: SensitiveFieldIndex;
  /** Wall-clock time for sessions and rate limits; workflow time is `services.clock`. */
  wallClock: Clock;
  /** The clock `POST /api/test/clock` moves; only in NODE_ENV=test. */
  testClock?: AdjustableClock;
  /** Whether the process is shutting down (readiness then answers 503). */
  lifecycle?: Lifecycle;
  /** Whether cookies get `Secure` (production). */
  secureCookies: boolean;
}

