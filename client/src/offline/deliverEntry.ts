import { ApiError, completeTask, startInstance } from '../api';
import { forwardOutcome } from '../inbox/forwardOutcome';
import { putOutboxEntry } from './outboxStore';
import type { ApplicationEntry, OutboxEntry, Refusal } from './outboxTypes';

/** What sending one queued submission came to. */
export type Delivery =
  | { kind: 'delivered'; instanceId: string }
  /** No network, no session, or the server is busy: the entry waits for the next try. */
  | { kind: 'later'; reason: 'network' | 'login' | 'server' }
  | { kind: 'refused'; refusal: Refusal };

/** The application state's name: the task a new household case opens for its starter. */
const FIRST_STATE = 'application';

async function deliverApplication(entry: ApplicationEntry): Promise<string> {
  let current = entry;
  if (!current.instanceId || !current.taskId) {
    // A repeat of this key (an earlier send whose answer the network lost) answers the same case: one case only.
    const started = await startInstance(current.definitionKey, undefined, current.startKey);
    const task = started.openedTasks.find((candidate) => candidate.state === FIRST_STATE);
    if (!task) throw new ApiError(422, 'no_application_task', `Case ${started.id} opened no ${FIRST_STATE} task`);
    current = { ...current, instanceId: started.id, taskId: task.id, outcome: forwardOutcome(task)?.event ?? 'SUBMIT' };
    // Remembered before the second call, so even a lost start answer is never followed by a second case.
    await putOutboxEntry(current);
  }
  await completeTask(current.taskId!, { outcome: current.outcome ?? 'SUBMIT', data: current.data, comment: '' }, current.completeKey);
  return current.instanceId!;
}

/**
 * Sends one queued submission with the `Idempotency-Key`s made when it was queued, so however many
 * times it is sent (a lost answer, two tabs, a reload mid-send) the server carries it out once.
 */
export async function deliverEntry(entry: OutboxEntry): Promise<Delivery> {
  try {
    if (entry.kind === 'application') return { kind: 'delivered', instanceId: await deliverApplication(entry) };
    const instance = await completeTask(entry.taskId, { outcome: entry.outcome, data: entry.data, comment: entry.comment }, entry.completeKey);
    return { kind: 'delivered', instanceId: instance.id };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 0) return { kind: 'later', reason: 'network' };
    if (error.status === 401) return { kind: 'later', reason: 'login' };
    if (error.status >= 500 || error.status === 429) return { kind: 'later', reason: 'server' };
    // The server did it already and only its answer was lost (a process stopped in between): done.
    if (error.code === 'idempotency_already_done') return { kind: 'delivered', instanceId: entry.kind === 'application' ? entry.instanceId ?? '' : '' };
    return { kind: 'refused', refusal: { status: error.status, code: error.code, message: error.message, fields: error.fields } };
  }
}
