import type { TaskQuery } from '../api';

export type InboxTab = 'mine' | 'claimable' | 'all';

/** The inbox filters, kept in the URL so a filtered inbox can be reloaded and shared. */
export interface InboxFilters {
  tab: InboxTab;
  definitionKey: string;
  orgUnit: string;
  state: string;
  overdue: boolean;
}

export function readFilters(params: URLSearchParams): InboxFilters {
  const tab = params.get('tab');
  return {
    tab: tab === 'claimable' || tab === 'mine' ? tab : 'all',
    definitionKey: params.get('definitionKey') ?? '',
    orgUnit: params.get('orgUnit') ?? '',
    state: params.get('state') ?? '',
    overdue: params.get('overdue') === '1',
  };
}

export function writeFilters(filters: InboxFilters): Record<string, string> {
  const entries = Object.entries({ ...filters, overdue: filters.overdue ? '1' : '', tab: filters.tab === 'all' ? '' : filters.tab });
  return Object.fromEntries(entries.filter(([, value]) => value !== ''));
}

/** "All" (the default) is everything the caller may act on; "mine" what they claimed; "claimable" the open pool. */
export function toTaskQuery(filters: InboxFilters): TaskQuery {
  const status = filters.tab === 'mine' ? 'claimed' : filters.tab === 'claimable' ? 'open' : '';
  return { status, definitionKey: filters.definitionKey, orgUnit: filters.orgUnit, state: filters.state, overdue: filters.overdue };
}
