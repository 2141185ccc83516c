/** Field messages keyed by JSON pointer into the submitted data, e.g. `/members/0/idNumber`. */
export type FieldErrors = Record<string, string[]>;

/**
 * An error answer of the API (`{ error: { code, message, fields? } }`), or a network failure
 * (status 0, code `network`). Pages show `message`; forms show `fields` next to the inputs.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Builds an ApiError from a response body, accepting a single message per field as well as a list. */
export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: string; message?: string; fields?: Record<string, string | string[]> } } | null)?.error;
  const fields = error?.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([pointer, messages]) => [pointer, ([] as string[]).concat(messages)]))
    : undefined;
  return new ApiError(status, error?.code ?? `http_${status}`, error?.message ?? `HTTP ${status}`, fields);
}
