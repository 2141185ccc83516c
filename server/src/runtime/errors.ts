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
