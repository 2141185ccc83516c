import { UserError, ValidationError } from '../kernel';
import type { ErrorBody } from './error-handler';
import { statusOfUserError } from './error-status';

/** Turns a user error into the status and body the error handler would answer, for per-item results. */
export function createErrorBodyMapper() {
  return (err: UserError): { status: number; body: ErrorBody } => ({
    status: statusOfUserError(err) ?? 500,
    body: { error: { code: err.code, message: err.message, ...(err instanceof ValidationError ? { fields: err.fields } : {}) } },
  });
}
