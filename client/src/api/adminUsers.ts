/** Users, org units and the audit trail, for the admin pages. */
import type { AdminUser, AuditEvent, AuditQuery, Listing, NewOrgUnit, NewUser, OrgUnit, OrgUnitList, OrgUnitPatch, UserPatch, UserQuery } from '@shared/contract';
import { request, toQueryString } from './http';

// The audit page imports its row type from here.
export type { AuditEvent };

export const listUsers = (query: UserQuery, signal?: AbortSignal) =>
  request<Listing<AdminUser>>('GET', `/admin/users${toQueryString({ ...query })}`, undefined, signal);

export const createUser = (user: NewUser) => request<AdminUser>('POST', '/admin/users', user);

export const updateUser = (id: string, patch: UserPatch) => request<AdminUser>('PATCH', `/admin/users/${encodeURIComponent(id)}`, patch);

/** Org units below a parent (id), or the towns when no parent is given. */
export const listOrgUnits = (parent?: string, signal?: AbortSignal) =>
  request<OrgUnitList>('GET', `/org-units${toQueryString({ parent })}`, undefined, signal).then((answer) => answer.items);

/** The top of the tree: the county (the tenant's root unit). */
export const listCounties = (signal?: AbortSignal) =>
  request<OrgUnitList>('GET', `/org-units${toQueryString({ level: 'county' })}`, undefined, signal).then((answer) => answer.items);

export const createOrgUnit = (unit: NewOrgUnit) => request<OrgUnit>('POST', '/admin/org-units', unit);

export const updateOrgUnit = (id: string, patch: OrgUnitPatch) =>
  request<OrgUnit>('PATCH', `/admin/org-units/${encodeURIComponent(id)}`, patch);

export const listAuditEvents = (query: AuditQuery, signal?: AbortSignal) =>
  request<Listing<AuditEvent>>('GET', `/admin/audit${toQueryString({ ...query })}`, undefined, signal);
