import type { ErrorBody, FieldErrors } from '@shared/contract';

export type { FieldErrors };

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
  // Lenient on purpose: a proxy's error page has no body of this shape, and some answers give one message per field.
  const error = (body as { error?: Partial<Omit<ErrorBody['error'], 'fields'>> & { fields?: Record<string, string | string[]> } } | null)?.error;
  const fields = error?.fields
    ? Object.fromEntries(Object.entries(error.fields).map(([pointer, messages]) => [pointer, ([] as string[]).concat(messages)]))
    : undefined;
  return new ApiError(status, error?.code ?? `http_${status}`, error?.message ?? `HTTP ${status}`, fields);
}
