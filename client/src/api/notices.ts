import { api, toQueryString } from './http';
import type { Notice, NoticeSummary, ObjectionInput } from './domainTypes';

export const listNotices = (query: { status?: 'open' | 'closed' | 'all' }, signal?: AbortSignal) =>
  api.get<{ items: NoticeSummary[]; total: number }>(`/notices${toQueryString(query)}`, signal);

export const getNotice = (id: string, signal?: AbortSignal) =>
  api.get<Notice>(`/notices/${encodeURIComponent(id)}`, signal);

export const fileObjection = (noticeId: string, objection: ObjectionInput) =>
  api.post<{ id: string }>(`/notices/${encodeURIComponent(noticeId)}/objections`, objection);
