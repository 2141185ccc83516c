import { api, toQueryString } from './http';
import type { Notice, NoticeSummary, ObjectionInput } from './domainTypes';

/** A page of the public board; `town` and `village` are names (华城镇, 董源村), filtered by the server. */
export interface NoticeQuery {
  status?: 'open' | 'closed' | 'all';
  town?: string;
  village?: string;
  page?: number;
  pageSize?: number;
}

export const listNotices = (query: NoticeQuery, signal?: AbortSignal) =>
  api.get<{ items: NoticeSummary[]; total: number }>(`/notices${toQueryString({ ...query })}`, signal);

export const getNotice = (id: string, signal?: AbortSignal) =>
  api.get<Notice>(`/notices/${encodeURIComponent(id)}`, signal);

export const fileObjection = (noticeId: string, objection: ObjectionInput) =>
  api.post<{ id: string }>(`/notices/${encodeURIComponent(noticeId)}/objections`, objection);

/** The county's towns, or the villages of one town (by name): the places the board filters by. Public. */
export const listNoticePlaces = (town: string | undefined, signal?: AbortSignal) =>
  api.get<{ items: { id: string; name: string }[] }>(`/org-units${toQueryString({ parent: town })}`, signal).then((answer) => answer.items.map((unit) => unit.name));
