import { request, toQueryString } from './http';

/** Users, org units and the audit trail (scratch/admin-contract.md, "Users and org units"). */
export interface AdminUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  orgUnitId: string;
  orgUnitName: string;
  disabled: boolean;
  createdAt: string;
}

export interface UserQuery {
  q?: string;
  orgUnitId?: string;
  role?: string;
  page?: number;
  pageSize?: number;
}

export interface NewUser {
  username: string;
  displayName: string;
  password: string;
  roles: string[];
  orgUnitId: string;
}

export type UserPatch = Partial<Pick<AdminUser, 'displayName' | 'roles' | 'orgUnitId' | 'disabled'>> & { password?: string };

export interface OrgUnit {
  id: string;
  parentId: string | null;
  level: 'county' | 'town' | 'village' | 'group';
  name: string;
  path?: string;
  relativelyPoor?: boolean;
}

export interface NewOrgUnit {
  id: string;
  parentId: string;
  level: 'town' | 'village' | 'group';
  name: string;
  relativelyPoor?: boolean;
}

export interface AuditEvent {
  id: string;
  at: string;
  actor: { username: string; roles: string[] } | null;
  action: string;
  target: string | null;
  reason: string | null;
  details: unknown;
}

export interface AuditQuery {
  action?: string;
  actor?: string;
  target?: string;
  from?: string;
  to?: string;
  page?: number;
}

export interface Listing<T> {
  items: T[];
  total: number;
}

export const listUsers = (query: UserQuery, signal?: AbortSignal) =>
  request<Listing<AdminUser>>('GET', `/admin/users${toQueryString({ ...query })}`, undefined, signal);

export const createUser = (user: NewUser) => request<AdminUser>('POST', '/admin/users', user);

export const updateUser = (id: string, patch: UserPatch) => request<AdminUser>('PATCH', `/admin/users/${encodeURIComponent(id)}`, patch);

/** Org units below a parent (id), or the towns when no parent is given. */
export const listOrgUnits = (parent?: string, signal?: AbortSignal) =>
  request<{ items: OrgUnit[] }>('GET', `/org-units${toQueryString({ parent })}`, undefined, signal).then((answer) => answer.items);

/** The top of the tree: the county (the tenant's root unit). */
export const listCounties = (signal?: AbortSignal) =>
  request<{ items: OrgUnit[] }>('GET', `/org-units${toQueryString({ level: 'county' })}`, undefined, signal).then((answer) => answer.items);

export const createOrgUnit = (unit: NewOrgUnit) => request<OrgUnit>('POST', '/admin/org-units', unit);

export const updateOrgUnit = (id: string, patch: { name?: string; relativelyPoor?: boolean }) =>
  request<OrgUnit>('PATCH', `/admin/org-units/${encodeURIComponent(id)}`, patch);

export const listAuditEvents = (query: AuditQuery, signal?: AbortSignal) =>
  request<Listing<AuditEvent>>('GET', `/admin/audit${toQueryString({ ...query })}`, undefined, signal);
