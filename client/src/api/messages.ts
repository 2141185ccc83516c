import type { Colleague, MessagePage, TaskCommentView } from '@shared/contract';
import { api, toQueryString } from './http';

export const listMessages = (query: { unread?: boolean; page?: number }, signal?: AbortSignal) =>
  api.get<MessagePage>(`/notifications${toQueryString({ unread: query.unread ? 1 : undefined, page: query.page })}`, signal);

/** The caller's unread count, as the bell shows it (one message's page: the count comes with it). */
export const countUnread = (signal?: AbortSignal) =>
  api.get<MessagePage>(`/notifications${toQueryString({ unread: 1, pageSize: 1 })}`, signal).then((page) => page.unread);

const TASKS_SETTLED = 'jz:tasks-settled';

/**
 * Says that this browser just completed tasks: a message about a task to do reads as read once the
 * task is done, so the bell counts again. The event stream carries new messages; this is the one
 * change to the count it does not.
 */
export function announceTasksSettled(): void {
  window.dispatchEvent(new Event(TASKS_SETTLED));
}

/** Calls `listener` whenever this browser completes tasks; answers the function that stops it. */
export function onTasksSettled(listener: () => void): () => void {
  window.addEventListener(TASKS_SETTLED, listener);
  return () => window.removeEventListener(TASKS_SETTLED, listener);
}

export const markMessageRead = (id: string) => api.post<{ read: boolean }>(`/notifications/${encodeURIComponent(id)}/read`);

export const markAllMessagesRead = () => api.post<{ read: number }>('/notifications/read-all');

export const listColleagues = (taskId: string, signal?: AbortSignal) =>
  api.get<{ items: Colleague[] }>(`/tasks/${encodeURIComponent(taskId)}/colleagues`, signal).then((answer) => answer.items);

export const reassignTask = (taskId: string, userId: string, comment?: string) =>
  api.post<unknown>(`/tasks/${encodeURIComponent(taskId)}/reassign`, { userId, comment: comment || undefined });

export const urgeTask = (taskId: string, text?: string) => api.post<{ urged: boolean }>(`/tasks/${encodeURIComponent(taskId)}/urge`, { text: text || undefined });

export const listTaskComments = (taskId: string, signal?: AbortSignal) =>
  api.get<{ items: TaskCommentView[] }>(`/tasks/${encodeURIComponent(taskId)}/comments`, signal).then((answer) => answer.items);

export const addTaskComment = (taskId: string, text: string) => api.post<TaskCommentView>(`/tasks/${encodeURIComponent(taskId)}/comments`, { text });
