import type { Colleague, MessagePage, TaskCommentView } from '@shared/contract';
import { api, toQueryString } from './http';

export const listMessages = (query: { unread?: boolean; page?: number }, signal?: AbortSignal) =>
  api.get<MessagePage>(`/notifications${toQueryString({ unread: query.unread ? 1 : undefined, page: query.page })}`, signal);

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
