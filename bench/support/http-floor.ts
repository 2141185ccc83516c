import { randomUUID } from 'node:crypto';
import type { HttpSession } from './http-session';
import { KeepAliveClient } from './keep-alive-client';
import { processCpuSeconds } from './process-cpu';

/** One kind of request the floor measures, and the status it must answer. */
interface FloorRequest { label: string; status: number; send: () => Promise<number> }

/** App CPU per request of one kind, with `clients` concurrent clients for `seconds`. */
async function appCpuPerRequest(pid: number, request: FloorRequest, clients: number, seconds: number): Promise<number> {
  const status = await request.send();
  if (status !== request.status) throw new Error(`${request.label}: answered ${status}, the floor expects ${request.status}`);
  const cpu0 = processCpuSeconds(pid) ?? NaN;
  const t0 = performance.now();
  let count = 0;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() - t0 < seconds * 1000) {
      await request.send();
      count++;
    }
  }));
  return (((processCpuSeconds(pid) ?? NaN) - cpu0) * 1000) / count;
}

/**
 * What the HTTP layer costs the app alone, as CPU per request for requests that do no step:
 * liveness (every middleware, no session, no database), the caller's user (the session's one read
 * added), and the completion of a task that does not exist (a body parsed and checked, the task
 * looked up, a 404 answered). A completion over HTTP costs the step plus about the last of these.
 */
export async function httpFloor(base: string, pid: number, session: HttpSession, clients: number, seconds = 2): Promise<string> {
  const auth = { cookie: session.cookie, 'x-csrf-token': session.csrf };
  const body = { outcome: 'PASS', data: { opinion: '同意' }, comment: '同意' };
  const client = new KeepAliveClient(base);
  const status = async (answer: Promise<{ status: number }>) => (await answer).status;
  const requests: FloorRequest[] = [
    { label: 'GET /api/health', status: 200, send: () => status(client.request('GET', '/api/health', {})) },
    { label: 'GET /api/me', status: 200, send: () => status(client.request('GET', '/api/me', auth)) },
    { label: 'POST /api/tasks/<none>/complete', status: 404, send: () => status(client.request('POST', `/api/tasks/${randomUUID()}/complete`, auth, body)) },
  ];
  const parts: string[] = [];
  for (const request of requests) parts.push(`${request.label} ${(await appCpuPerRequest(pid, request, clients, seconds)).toFixed(2)} ms`);
  client.close();
  return `app CPU per request without a step (${clients} clients, ${seconds} s each): ${parts.join('; ')}`;
}
