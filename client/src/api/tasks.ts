import { api, toQueryString } from './http';
import type { BatchResult, Instance, Task, TaskPage } from './types';

export interface TaskQuery {
  status?: 'open' | 'claimed' | '';
  definitionKey?: string;
  orgUnit?: string;
  state?: string;
  overdue?: boolean;
  page?: number;
  pageSize?: number;
}

export const listTasks = (query: TaskQuery, signal?: AbortSignal) =>
  api.get<TaskPage>(`/tasks${toQueryString({ ...query, overdue: query.overdue || undefined })}`, signal);

export const getTask = (id: string, signal?: AbortSignal) => api.get<Task>(`/tasks/${encodeURIComponent(id)}`, signal);

export const claimTask = (id: string) => api.post<Task>(`/tasks/${encodeURIComponent(id)}/claim`);

export const unclaimTask = (id: string) => api.post<Task>(`/tasks/${encodeURIComponent(id)}/unclaim`);

export interface Completion {
  outcome: string;
  data: Record<string, unknown>;
  comment: string;
}

export const completeTask = (id: string, completion: Completion) =>
  api.post<Instance>(`/tasks/${encodeURIComponent(id)}/complete`, completion);

export const batchComplete = (taskIds: string[], outcome: string, comment: string) =>
  api.post<{ results: BatchResult[] }>('/tasks/batch-complete', { taskIds, outcome, comment });
