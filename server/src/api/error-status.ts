import { ConflictError, ForbiddenError, NotFoundError, TransitionNotAllowedError, UserError, ValidationError } from '../kernel';

/** HTTP status of each kind of runtime error; the `code` refines the message, the class decides the status. */
const STATUS_BY_CLASS: Array<[abstract new (...args: never[]) => UserError, number]> = [
  [ValidationError, 400], [ForbiddenError, 403], [NotFoundError, 404], [ConflictError, 409], [TransitionNotAllowedError, 422],
];

/** The status of a user error, or undefined for one this API does not know (then it is a bug: 500). */
export function statusOfUserError(err: UserError): number | undefined {
  return STATUS_BY_CLASS.find(([type]) => err instanceof type)?.[1];
}
