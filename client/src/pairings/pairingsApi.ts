import type { HelperAssignment, OrgUnitList, VillagePairings } from '@shared/contract';
import { api, toQueryString } from '../api/http';

/** A helper as the town's picker lists them, with how many households each helps now. */
export interface HelperOption {
  userId: string;
  name: string;
  unit: string;
  households: number;
}

export const listChildUnits = (parent: string, signal?: AbortSignal) => api.get<OrgUnitList>(`/org-units${toQueryString({ parent })}`, signal);

export const getVillagePairings = (village: string, signal?: AbortSignal) => api.get<VillagePairings>(`/help/pairings${toQueryString({ village })}`, signal);

export const listHelpers = (signal?: AbortSignal) => api.get<{ items: HelperOption[] }>('/helpers', signal);

/** Pairs the household with another helper (the current pairing ends with the reason); answers its pairings, newest first. */
export const reassignHelper = (householdId: string, body: { helperUserId: string; reason: string }) =>
  api.post<{ items: HelperAssignment[] }>(`/households/${encodeURIComponent(householdId)}/helper`, body);
