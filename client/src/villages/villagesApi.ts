import type { InstanceSummary, Page, VillageDetail, VillageSummary, VillageYear } from '@shared/contract';
import { api, toQueryString } from '../api/http';

export const listVillages = (signal?: AbortSignal) => api.get<{ items: VillageSummary[] }>('/villages', signal);

export const getVillage = (id: string, signal?: AbortSignal) => api.get<VillageDetail>(`/villages/${encodeURIComponent(id)}`, signal);

/** The cases within the village (its exit, its households' cases), newest first. */
export const listVillageCases = (id: string, signal?: AbortSignal) =>
  api.get<Page<InstanceSummary>>(`/instances${toQueryString({ orgUnit: id, pageSize: 20 })}`, signal);

export type VillageStatus = 'exited' | 'poor' | 'notDesignated';

/** 已出列, 贫困村 or 非贫困村. */
export const statusOf = (v: Pick<VillageSummary, 'designated' | 'exitedYear'>): VillageStatus =>
  v.exitedYear !== null ? 'exited' : v.designated ? 'poor' : 'notDesignated';

export const FACILITIES = ['road', 'water', 'power', 'clinic', 'broadband'] as const satisfies ReadonlyArray<keyof VillageYear>;
