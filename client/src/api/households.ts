import type { Household, HouseholdPage, HouseholdQuery, HouseholdVersion, ProgressReport } from '@shared/contract';
import { api, toQueryString } from './http';

export const listHouseholds = (query: HouseholdQuery, signal?: AbortSignal) =>
  api.get<HouseholdPage>(`/households${toQueryString({ ...query })}`, signal);

export const getHousehold = (id: string, signal?: AbortSignal) =>
  api.get<Household>(`/households/${encodeURIComponent(id)}`, signal);

/** A plain link: the browser downloads the workbook with the session cookie. */
export const householdExportUrl = (query: HouseholdQuery) =>
  `/api/households/export.xlsx${toQueryString({ ...query, page: undefined, pageSize: undefined })}`;

/** One year's progress report (the server's current year when none is given). */
export const getProgressReport = (year: number | undefined, signal?: AbortSignal) =>
  api.get<ProgressReport>(`/reports/progress${toQueryString({ year })}`, signal);

/** Every version of a household, newest first, with what changed from the one before. */
export const listHouseholdVersions = (id: string, signal?: AbortSignal) =>
  api.get<{ items: HouseholdVersion[] }>(`/households/${encodeURIComponent(id)}/versions`, signal);
