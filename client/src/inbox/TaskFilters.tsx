import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Checkbox, Input, Space } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import type { TaskView } from '../api';
import { useDefinitions } from '../api/useDefinitions';
import { useT } from '../i18n';
import { NativeSelect } from '../forms/NativeSelect';
import { FilterFold } from '../layout/FilterFold';
import { inboxText } from '../i18n/inbox';
import type { InboxFilters, InboxTab } from './inboxFilters';

const TABS: [InboxTab, 'tabMine' | 'tabClaimable' | 'tabAll'][] = [
  ['all', 'tabAll'],
  ['mine', 'tabMine'],
  ['claimable', 'tabClaimable'],
];

interface TaskFiltersProps {
  filters: InboxFilters;
  items: TaskView[];
  total: number;
  onChange: (next: Partial<InboxFilters>) => void;
  onReload: () => void;
  /** Shown at the end of the filters (the saved filters). */
  children?: ReactNode;
}

/** How many filters differ from the inbox's defaults (the tab and the search are shown apart). */
function activeFilterCount(filters: InboxFilters): number {
  return [filters.sort !== 'dueAt', Boolean(filters.definitionKey), Boolean(filters.orgUnit), filters.overdue, filters.dueSoon].filter(Boolean).length;
}

/**
 * Tab (mine / claimable / all), search, and the filters: order, process, unit, overdue and due soon.
 * The processes are the server's (those with a version past the draft stage); the unit list comes
 * from the tasks at hand. On a phone the filters fold behind one button that counts those in use,
 * so the clerk's tasks are on the first screen rather than below six controls.
 */
export function TaskFilters({ filters, items, total, onChange, onReload, children }: TaskFiltersProps) {
  const t = useT(inboxText);
  const processes = useDefinitions();
  const [search, setSearch] = useState(filters.q);
  const [shownQ, setShownQ] = useState(filters.q);
  // A saved filter or a shared link changes the query from outside: show it in the box.
  if (shownQ !== filters.q) {
    setShownQ(filters.q);
    setSearch(filters.q);
  }
  const units = new Map<string, string>();
  for (const task of items) units.set(task.orgUnitId, task.orgUnitName ?? task.orgUnitId);
  if (filters.orgUnit && !units.has(filters.orgUnit)) units.set(filters.orgUnit, filters.orgUnit);
  const keys = processes.list.filter((d) => d.versions.some((v) => v.status !== 'draft')).map((d) => d.key);
  // A link may name a process this list lacks (not loaded yet, or retired): keep it selectable.
  if (filters.definitionKey && !keys.includes(filters.definitionKey)) keys.push(filters.definitionKey);

  return (
    <div className="jz-inbox-filters">
      <Space.Compact role="tablist">
        {TABS.map(([tab, label]) => (
          <Button
            key={tab}
            role="tab"
            aria-selected={filters.tab === tab}
            type={filters.tab === tab ? 'primary' : 'default'}
            onClick={() => onChange({ tab, state: '' })}
          >
            {t(label)}
          </Button>
        ))}
      </Space.Compact>
      <FilterFold
        inUse={activeFilterCount(filters)}
        className="jz-inbox-more"
        renderToggle={(toggle) => (
          <div className="jz-inbox-toolbar">
            <Input.Search
              className="jz-inbox-search"
              allowClear
              aria-label={t('search')}
              placeholder={t('search')}
              maxLength={50}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onSearch={(q) => onChange({ q: q.trim() })}
            />
            {toggle}
            <Button icon={<ReloadOutlined aria-hidden />} onClick={onReload}>
              {t('refresh')}
            </Button>
            <span className="jz-muted">{t('total', { n: total })}</span>
          </div>
        )}
      >
        <NativeSelect
          className="jz-filter-select"
          aria-label={t('sortDue')}
          value={filters.sort}
          onChange={(sort) => onChange({ sort: sort === 'createdAt' ? 'createdAt' : 'dueAt' })}
          options={[{ value: 'dueAt', label: t('sortDue') }, { value: 'createdAt', label: t('sortCreated') }]}
        />
        <NativeSelect
          className="jz-filter-select"
          aria-label={t('allProcesses')}
          value={filters.definitionKey}
          onChange={(definitionKey) => onChange({ definitionKey, state: '' })}
          options={[{ value: '', label: t('allProcesses') }, ...keys.map((key) => ({ value: key, label: processes.title(key) }))]}
        />
        <NativeSelect
          className="jz-filter-select"
          aria-label={t('allUnits')}
          value={filters.orgUnit}
          onChange={(orgUnit) => onChange({ orgUnit })}
          options={[{ value: '', label: t('allUnits') }, ...[...units].map(([value, label]) => ({ value, label }))]}
        />
        <Checkbox checked={filters.overdue} onChange={(event) => onChange({ overdue: event.target.checked })}>
          {t('overdueOnly')}
        </Checkbox>
        <Checkbox checked={filters.dueSoon} onChange={(event) => onChange({ dueSoon: event.target.checked })}>
          {t('dueSoonOnly')}
        </Checkbox>
        {children}
      </FilterFold>
    </div>
  );
}
