import { randomBytes } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import type { Services } from '../../server/src/services';
import { fireNoticeTimer, HOUSEHOLD_FORMS, HOUSEHOLD_PATH, withEvidence } from './drive';
import { applicationWithMembers } from './household-forms';
import type { Actor, Application, EvidenceStock } from './drive';
import type { HttpSession } from './http-session';
import { KeepAliveClient } from './keep-alive-client';

/** What the benches read of a start's or a completion's minimal answer: the case and the tasks the step opened. */
interface StepSummary { id: string; openedTasks: Array<{ id: string; formKey: string; state: string }> }

/**
 * The clients' connections: kept alive and reused, as a browser's are, each carrying one request
 * at a time. The clients share the machine's two cores with the app and PostgreSQL, so they are as
 * lean as a load generator: fetch cost them 0.98 ms of CPU per step and node's HTTP client 0.3 ms
 * (CPU then missing from the app being measured); `BENCH_HTTP_CLIENT=node` runs them on node's
 * HTTP client, to compare.
 */
const clients = new Map<string, KeepAliveClient>();
const nodeAgent = new Agent({ keepAlive: true, maxSockets: 64 });
const useNodeClient = process.env.BENCH_HTTP_CLIENT === 'node';

function nodeClientPost(url: string, headers: Record<string, string>, payload: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent: nodeAgent, headers: { ...headers, 'content-type': 'application/json', 'content-length': String(payload.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, text: (res.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8') });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * POSTs JSON with the session's cookie and CSRF token, and the headers the web client adds; a
 * compressed answer is unpacked as a browser does. The answer's latency goes to `latencies` when given.
 */
async function post<T>(base: string, session: HttpSession, path: string, body: unknown, latencies?: number[], headers: Record<string, string> = {}): Promise<T> {
  const t0 = performance.now();
  const sent = { 'accept-encoding': 'gzip', cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers };
  let status: number;
  let text: string;
  if (useNodeClient) {
    ({ status, text } = await nodeClientPost(`${base}${path}`, sent, Buffer.from(JSON.stringify(body))));
  } else {
    let client = clients.get(base);
    if (!client) clients.set(base, client = new KeepAliveClient(base));
    const answer = await client.request('POST', path, sent, body);
    status = answer.status;
    text = answer.body.toString('utf8');
  }
  latencies?.push(performance.now() - t0);
  if (status < 200 || status >= 300) throw new Error(`POST ${base}${path}: ${status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

/** Closes the clients' idle connections (at the end of a bench). */
export function closeHttpClients(): void {
  for (const client of clients.values()) client.close();
  clients.clear();
  nodeAgent.destroy();
}

export interface HttpCaseOptions {
  /** The server each request goes to (one, or round-robin over several). */
  base: () => string;
  sessions: Record<'clerk' | 'town' | 'county', HttpSession>;
  /** The users behind the sessions: without `stock`, their evidence files are uploaded in-process before each step. */
  actors: Record<'clerk' | 'town' | 'county', Actor>;
  /** Evidence uploaded before the measurement, one set per case (the upload measured apart). */
  stock?: EvidenceStock;
  /** Delivers the notice period's timer in this process, as the queue's worker would. */
  services: Services;
  application: Application;
  examples: Map<string, unknown>;
  members: number;
  startLatencies?: number[];
  completeLatencies?: number[];
}

/**
 * What the web client sends with a start and a completion: a fresh `Idempotency-Key` (32 hex
 * digits, made once per submission so that a resend is carried out once) and the wish for the
 * minimal answer (the task the start or step opened is the next).
 */
const submissionHeaders = () => ({ Prefer: 'return=minimal', 'Idempotency-Key': randomBytes(16).toString('hex') });

/**
 * One household case over the HTTP API: `POST /api/instances`, then each step of the household
 * path with `POST /api/tasks/:id/complete`, each with the web client's headers, the notice timer
 * delivered by the runtime. Answers the steps counted (9).
 */
export async function householdCaseOverHttp(options: HttpCaseOptions): Promise<number> {
  const { base, sessions, services, application, examples, members } = options;
  const evidence = options.stock?.take();
  const started = await post<StepSummary>(base(), sessions.clerk, '/api/instances', { definitionKey: 'household-identification' }, options.startLatencies, submissionHeaders());
  let steps = 1;
  let task: { id: string; formKey: string } | undefined = started.openedTasks[0];
  for (const [i, [outcome, who]] of HOUSEHOLD_PATH.entries()) {
    if (outcome === 'TIMER') {
      task = await fireNoticeTimer(services, started.id);
    } else {
      if (!task) throw new Error(`case ${started.id}: no open task before ${outcome}`);
      if (evidence && task.formKey !== HOUSEHOLD_FORMS[i]) throw new Error(`case ${started.id}: step ${outcome} has form ${task.formKey}, the bench expected ${HOUSEHOLD_FORMS[i]}`);
      const data = outcome === 'SUBMIT' ? applicationWithMembers(application, members)
        : evidence ? evidence[i] : await withEvidence(services, options.actors[who], started.id, task.formKey, examples.get(task.formKey));
      const done: StepSummary = await post<StepSummary>(base(), sessions[who], `/api/tasks/${task.id}/complete`, { outcome, data, comment: '同意' }, options.completeLatencies, submissionHeaders());
      task = done.openedTasks[0];
    }
    steps++;
  }
  return steps;
}
