import type { Services } from '../../server/src/services';
import { fireNoticeTimer, HOUSEHOLD_FORMS, HOUSEHOLD_PATH, withEvidence } from './drive';
import { applicationWithMembers } from './household-forms';
import type { Actor, Application, EvidenceStock } from './drive';
import type { HttpSession } from './http-session';

/** What the benches read of a start's answer (the case): its id and its tasks. */
interface InstanceView { id: string; tasks: Array<{ id: string; status: string; formKey: string; state: string }> }
/** What the benches read of a completion's minimal answer: the tasks the step opened. */
interface StepSummary { id: string; openedTasks: Array<{ id: string; formKey: string; state: string }> }

/**
 * POSTs JSON with the session's cookie and CSRF token, and the headers the web client adds (a
 * completion asks for the minimal answer, as the task page does); the answer's latency goes to
 * `latencies` when given.
 */
async function post<T>(base: string, session: HttpSession, path: string, body: unknown, latencies?: number[], headers: Record<string, string> = {}): Promise<T> {
  const t0 = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers },
  });
  const text = await response.text();
  latencies?.push(performance.now() - t0);
  if (!response.ok) throw new Error(`POST ${base}${path}: ${response.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

const openTask = (instance: InstanceView) => instance.tasks.find((t) => t.status === 'open' || t.status === 'claimed');

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
 * One household case over the HTTP API: `POST /api/instances`, then each step of the household
 * path with `POST /api/tasks/:id/complete` (asking, as the web client does, for the minimal answer: the
 * task the step opened is the next),
 * the notice timer delivered by the runtime. Answers the steps counted (9).
 */
export async function householdCaseOverHttp(options: HttpCaseOptions): Promise<number> {
  const { base, sessions, services, application, examples, members } = options;
  const evidence = options.stock?.take();
  const started = await post<InstanceView>(base(), sessions.clerk, '/api/instances', { definitionKey: 'household-identification' }, options.startLatencies);
  let steps = 1;
  let task: { id: string; formKey: string } | undefined = openTask(started);
  for (const [i, [outcome, who]] of HOUSEHOLD_PATH.entries()) {
    if (outcome === 'TIMER') {
      task = await fireNoticeTimer(services, started.id);
    } else {
      if (!task) throw new Error(`case ${started.id}: no open task before ${outcome}`);
      if (evidence && task.formKey !== HOUSEHOLD_FORMS[i]) throw new Error(`case ${started.id}: step ${outcome} has form ${task.formKey}, the bench expected ${HOUSEHOLD_FORMS[i]}`);
      const data = outcome === 'SUBMIT' ? applicationWithMembers(application, members)
        : evidence ? evidence[i] : await withEvidence(services, options.actors[who], started.id, task.formKey, examples.get(task.formKey));
      const done = await post<StepSummary>(base(), sessions[who], `/api/tasks/${task.id}/complete`, { outcome, data, comment: '同意' }, options.completeLatencies, { Prefer: 'return=minimal' });
      task = done.openedTasks[0];
    }
    steps++;
  }
  return steps;
}
