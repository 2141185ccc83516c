/** A logged-in demo user as the benchmarks drive the HTTP API: the session cookie and the CSRF token. */
export interface HttpSession { cookie: string; csrf: string }

/** Logs `username` in (`POST /api/auth/login`) and answers the cookie and CSRF token to send. */
export async function login(base: string, username: string, password: string): Promise<HttpSession> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  const body = await response.json() as { csrfToken: string };
  const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  return { cookie, csrf: body.csrfToken };
}
