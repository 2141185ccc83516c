import type { Notice, NoticePage, NoticeQuery, ObjectionAnswer, ObjectionInput, ObjectionLookupInput, ObjectionStatus, OrgUnitList } from '@shared/contract';
import { api, toQueryString } from './http';

export const listNotices = (query: NoticeQuery, signal?: AbortSignal) =>
  api.get<NoticePage>(`/notices${toQueryString({ ...query })}`, signal);

export const getNotice = (id: string, signal?: AbortSignal) =>
  api.get<Notice>(`/notices/${encodeURIComponent(id)}`, signal);

export const fileObjection = (noticeId: string, objection: ObjectionInput) =>
  api.post<ObjectionAnswer>(`/notices/${encodeURIComponent(noticeId)}/objections`, objection);

/** The public lookup of an objection by its number and the phone's last four digits (or its lookup code). */
export const lookUpObjection = (input: ObjectionLookupInput) => api.post<ObjectionStatus>('/objections/lookup', input);

/** The county's towns, or the villages of one town (by name): the places the board filters by. Public. */
export const listNoticePlaces = (town: string | undefined, signal?: AbortSignal) =>
  api.get<OrgUnitList>(`/org-units${toQueryString({ parent: town })}`, signal).then((answer) => answer.items.map((unit) => unit.name));
