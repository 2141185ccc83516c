/** HTTP status of each runtime error code; a code not listed here is a bug (500). */
export const STATUS_BY_CODE: Record<string, number> = {
  not_found: 404, forbidden: 403, invalid: 400, conflict: 409, task_claimed: 409, task_closed: 409, transition_not_allowed: 422,
};
