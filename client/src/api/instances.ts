import type { FormSpec, Instance, InstanceSummary, Machine, Page, StartInstanceRequest, StepSummary, VersionDetail } from '@shared/contract';
import { api, toQueryString } from './http';
import { normalizeInstance, normalizeStepSummary } from './normalize';

/**
 * Starts a case and answers the start's summary (`Prefer: return=minimal`): the case's id and the
 * tasks it opened, with their outcomes, which is all the pages that start cases go on with; a phone
 * on a weak connection need not download the new case. With `idempotencyKey`, a start sent again (a
 * retry, the offline queue) starts one case only.
 */
export const startInstance = (definitionKey: string, data?: Record<string, unknown>, idempotencyKey?: string) =>
  api.post<StepSummary | Instance>('/instances', { definitionKey, data } satisfies StartInstanceRequest, {
    Prefer: 'return=minimal', ...(idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {}),
  }).then(normalizeStepSummary);

export const getInstance = (id: string, signal?: AbortSignal) =>
  api.get<Instance>(`/instances/${encodeURIComponent(id)}`, signal).then(normalizeInstance);

export const getForm = (key: string, signal?: AbortSignal) =>
  api.get<FormSpec>(`/forms/${encodeURIComponent(key)}`, signal);

/** The definition's machine; accepts the workflow file as stored (`machine`) or a bare machine config. */
export async function getMachine(key: string, version: number, signal?: AbortSignal): Promise<Machine> {
  const answer = await api.get<VersionDetail & Partial<Machine>>(
    `/definitions/${encodeURIComponent(key)}/versions/${version}`,
    signal,
  );
  return answer.machine ?? (answer as unknown as Machine);
}

/** 我发起的 (`mine`) or 已办 (`handled`): the caller's cases, newest first; `q` a name, ID tail or 受理编号. */
export const listMyCases = (view: 'mine' | 'handled', query: { q?: string; page?: number; pageSize?: number }, signal?: AbortSignal) =>
  api.get<Page<InstanceSummary>>(`/instances${toQueryString({ [view]: '1', ...query })}`, signal);
