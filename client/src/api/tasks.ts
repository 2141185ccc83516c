import type { BatchCompleteAnswer, BatchResult, CompleteTaskRequest, InboxQuery, InboxPage, SavedFilter, StepSummary, Task } from '@shared/contract';
import { api, toQueryString } from './http';
import { announceTasksSettled } from './messages';
import { normalizeTask, normalizeTaskPage } from './normalize';

export type TaskQuery = Pick<InboxQuery, 'status' | 'definitionKey' | 'orgUnit' | 'state' | 'overdue' | 'dueSoon' | 'q' | 'sort' | 'page' | 'pageSize'>;

export const listTasks = (query: TaskQuery, signal?: AbortSignal) =>
  api.get<InboxPage>(`/tasks${toQueryString({ ...query, overdue: query.overdue ? 1 : undefined, dueSoon: query.dueSoon ? 1 : undefined })}`, signal).then(normalizeTaskPage);

export const listSavedFilters = (signal?: AbortSignal) => api.get<{ items: SavedFilter[] }>('/inbox/filters', signal).then((answer) => answer.items);

export const saveFilter = (name: string, query: InboxQuery) => api.post<SavedFilter>('/inbox/filters', { name, query });

export const deleteSavedFilter = (id: string) => api.delete<{ deleted: boolean }>(`/inbox/filters/${encodeURIComponent(id)}`);

export const getTask = (id: string, signal?: AbortSignal) =>
  api.get<Task>(`/tasks/${encodeURIComponent(id)}`, signal).then(normalizeTask);

export const claimTask = (id: string) => api.post<Task>(`/tasks/${encodeURIComponent(id)}/claim`).then(normalizeTask);

export const unclaimTask = (id: string) => api.post<Task>(`/tasks/${encodeURIComponent(id)}/unclaim`).then(normalizeTask);

/**
 * Completes a task. The answer is the step's summary (where the case went, the tasks it opened), not
 * the whole case: the page goes back to the inbox, and a phone on a weak connection need not download
 * the case's data and history. With `idempotencyKey`, a completion sent again (a retry, the offline
 * queue) is carried out once.
 */
export const completeTask = (id: string, completion: CompleteTaskRequest, idempotencyKey?: string) =>
  api.post<StepSummary>(`/tasks/${encodeURIComponent(id)}/complete`, completion, {
    Prefer: 'return=minimal', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
  }).then((summary) => {
    announceTasksSettled();
    return summary;
  });

/** The server takes at most this many tasks per batch call. */
const BATCH_LIMIT = 200;

/** Completes a roster; rosters longer than one call allows go in consecutive calls, results in order. */
export async function batchComplete(taskIds: string[], outcome: string, comment: string, data?: Record<string, unknown>): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (let start = 0; start < taskIds.length; start += BATCH_LIMIT) {
    const answer = await api.post<BatchCompleteAnswer>('/tasks/batch-complete', { taskIds: taskIds.slice(start, start + BATCH_LIMIT), outcome, comment, data });
    results.push(...answer.results);
  }
  if (results.some((r) => r.ok)) announceTasksSettled();
  return results;
}
