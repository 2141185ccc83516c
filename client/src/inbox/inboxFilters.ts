import type { InboxQuery } from '@shared/contract';
import type { TaskQuery } from '../api';

export type InboxTab = 'mine' | 'claimable' | 'all';

/** The inbox filters, kept in the URL so a filtered inbox can be reloaded and shared. */
export interface InboxFilters {
  tab: InboxTab;
  definitionKey: string;
  orgUnit: string;
  state: string;
  overdue: boolean;
  dueSoon: boolean;
  /** Name, ID tail or 受理编号. */
  q: string;
  sort: 'dueAt' | 'createdAt';
}

export function readFilters(params: URLSearchParams): InboxFilters {
  const tab = params.get('tab');
  return {
    tab: tab === 'claimable' || tab === 'mine' ? tab : 'all',
    definitionKey: params.get('definitionKey') ?? '',
    orgUnit: params.get('orgUnit') ?? '',
    state: params.get('state') ?? '',
    overdue: params.get('overdue') === '1',
    dueSoon: params.get('dueSoon') === '1',
    q: params.get('q') ?? '',
    sort: params.get('sort') === 'createdAt' ? 'createdAt' : 'dueAt',
  };
}

export function writeFilters(filters: InboxFilters): Record<string, string> {
  const entries = Object.entries({
    ...filters, overdue: filters.overdue ? '1' : '', dueSoon: filters.dueSoon ? '1' : '', tab: filters.tab === 'all' ? '' : filters.tab,
    sort: filters.sort === 'dueAt' ? '' : filters.sort, q: filters.q.trim(),
  });
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

/** "All" (the default) is everything the caller may act on; "mine" what they claimed; "claimable" the open pool. */
export function toTaskQuery(filters: InboxFilters): TaskQuery {
  const status = filters.tab === 'mine' ? 'claimed' : filters.tab === 'claimable' ? 'open' : '';
  return {
    status, definitionKey: filters.definitionKey, orgUnit: filters.orgUnit, state: filters.state, overdue: filters.overdue,
    dueSoon: filters.dueSoon, q: filters.q.trim(), sort: filters.sort,
  };
}

/** The filters as a saved filter keeps them (`POST /api/inbox/filters`), and back. */
export function toSavedQuery(filters: InboxFilters): InboxQuery {
  const query = toTaskQuery(filters);
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== false && value !== undefined)) as InboxQuery;
}

export function fromSavedQuery(query: InboxQuery): InboxFilters {
  const tab: InboxTab = query.status === 'claimed' ? 'mine' : query.status === 'open' ? 'claimable' : 'all';
  return {
    tab, definitionKey: query.definitionKey ?? '', orgUnit: query.orgUnit ?? '', state: query.state ?? '', overdue: query.overdue === true,
    dueSoon: query.dueSoon === true, q: query.q ?? '', sort: query.sort === 'createdAt' ? 'createdAt' : 'dueAt',
  };
}
