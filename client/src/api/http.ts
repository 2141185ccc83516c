import { ApiError, toApiError } from './ApiError';

const CSRF_KEY = 'jz.csrfToken';
const unauthorizedListeners = new Set<() => void>();
let language = 'zh-CN';

/**
 * The CSRF token from login. Kept in localStorage because `GET /api/me` does not repeat it:
 * a reload or a second tab must still be able to send mutations with the same session.
 */
export function setCsrfToken(token: string | null): void {
  if (token) localStorage.setItem(CSRF_KEY, token);
  else localStorage.removeItem(CSRF_KEY);
}

export function getCsrfToken(): string | null {
  return localStorage.getItem(CSRF_KEY);
}

/** The server answers validation messages in the user's language. */
export function setRequestLanguage(locale: string): void {
  language = locale;
}

/** Called on every 401, so the session can send the user to the login page with their place kept. */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

/** `?a=1&b=x`, leaving out empty values so a cleared filter disappears from the URL. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Headers every call sends; mutations add the CSRF token. */
export function requestHeaders(method: string): Record<string, string> {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': language };
  const token = getCsrfToken();
  if (method !== 'GET' && token) headers['X-CSRF-Token'] = token;
  return headers;
}

/** Tells the session listeners about a 401 and turns the answer into an ApiError. */
export function failedResponse(status: number, body: unknown): ApiError {
  if (status === 401) unauthorizedListeners.forEach((listener) => listener());
  return toApiError(status, body);
}

/** One JSON call to `/api`. Resolves with the parsed body, rejects with an ApiError. */
export async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal, extraHeaders?: Record<string, string>): Promise<T> {
  const headers = { ...requestHeaders(method), ...extraHeaders };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError(0, 'network', String(cause));
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) throw failedResponse(response.status, parsed);
  return parsed as T;
}

/** The body as JSON, or null when it is empty or not JSON (an HTML error page from a proxy). */
export function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, undefined, signal),
  /** `headers` adds e.g. an `Idempotency-Key`, so a repeat of the same submission is carried out once. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body ?? {}, undefined, headers),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
