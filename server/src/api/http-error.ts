/**
 * An error the API raises itself (not the runtime): not logged in, too many requests, an upload
 * that is not a workbook. It carries its HTTP status; runtime errors are mapped in error-handler.ts.
 */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}
