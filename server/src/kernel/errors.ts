/**
 * Errors by who must act. User errors carry a stable `code` and, for bad input, field
 * messages keyed by JSON pointer; the api maps them to HTTP statuses.
 */
export class UserError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The thing does not exist, or the caller may not see it. */
export class NotFoundError extends UserError {
  constructor(message: string) { super('not_found', message); }
}

/** Another step won the race, or the task is no longer open. Reload and try again. */
export class ConflictError extends UserError {
  constructor(message: string, code = 'conflict') { super(code, message); }
}

/** Submitted data fails its form or request schema; nothing was written. */
export class ValidationError extends UserError {
  constructor(message: string, readonly fields: Record<string, string[]>) { super('invalid', message); }
}

/** The caller is known but lacks the role or scope. */
export class ForbiddenError extends UserError {
  constructor(message: string) { super('forbidden', message); }
}

/** The event or outcome is not accepted in the instance's current state. */
export class TransitionNotAllowedError extends UserError {
  constructor(message: string) { super('transition_not_allowed', message); }
}

/**
 * Operational errors: nobody did anything wrong, the system cannot serve right now (the database
 * is down or its pool is saturated). The caller retries after `retryAfterSeconds`.
 */
export class OperationalError extends Error {
  constructor(readonly code: string, message: string, readonly retryAfterSeconds = 5) {
    super(message);
    this.name = new.target.name;
  }
}

/** The database does not answer, or no connection could be had within the acquire timeout. */
export class ServiceUnavailableError extends OperationalError {
  constructor(message: string, retryAfterSeconds = 5) { super('unavailable', message, retryAfterSeconds); }
}

/** PostgreSQL and node-postgres errors that mean "the database cannot serve now", not "this request is wrong". */
const UNAVAILABLE_SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300', '08000', '08001', '08003', '08004', '08006', '57014']);
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [
  'timeout exceeded when trying to connect', 'Connection terminated', 'Client has encountered a connection error',
  'Cannot use a pool after calling end', 'the database system is starting up', 'the database system is shutting down',
];

/** True when `err` says the database is unreachable, saturated, restarting, or cancelled a query on timeout. */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: unknown; message?: unknown };
  if (typeof e.code === 'string' && (UNAVAILABLE_SQLSTATES.has(e.code) || UNAVAILABLE_NODE_CODES.has(e.code))) return true;
  // The server's Unix socket is gone while it is stopped or restarting (the embedded database is reached through it).
  if (e.code === 'ENOENT' && (err as { syscall?: unknown }).syscall === 'connect') return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}
