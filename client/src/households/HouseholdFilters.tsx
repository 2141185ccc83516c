import type { HouseholdQuery } from '@shared/contract';
import { Input, Select } from 'antd';
import { useLocale, useT } from '../i18n';
import { householdsText } from '../i18n/households';
import { FilterFold } from '../layout/FilterFold';
import { enumOptions } from './householdOptions';

interface HouseholdFiltersProps {
  query: HouseholdQuery;
  onChange: (next: Partial<HouseholdQuery>) => void;
}

/** Search and the five registry filters: town, village, category, status, cause (folded away on a phone). */
export function HouseholdFilters({ query, onChange }: HouseholdFiltersProps) {
  const t = useT(householdsText);
  const { locale } = useLocale();
  const select = (key: 'town' | 'category' | 'status' | 'cause', label: string, def: Parameters<typeof enumOptions>[0]) => (
    <Select
      className="jz-household-select"
      aria-label={label}
      value={query[key] ?? ''}
      onChange={(value) => onChange({ [key]: value, ...(key === 'town' ? { village: '' } : {}) })}
      options={[{ value: '', label: `${label}：${t('all')}` }, ...enumOptions(def, locale)]}
    />
  );
  const inUse = [query.town, query.village, query.category, query.status, query.cause].filter(Boolean).length;
  return (
    <div className="jz-household-filters">
      <FilterFold
        inUse={inUse}
        className="jz-household-more"
        renderToggle={(toggle) => (
          <div className="jz-household-toolbar">
            <Input.Search
              className="jz-household-search"
              placeholder={t('search')}
              aria-label={t('search')}
              defaultValue={query.q}
              allowClear
              onSearch={(q) => onChange({ q: q.trim() })}
            />
            {toggle}
          </div>
        )}
      >
        {select('town', t('town'), 'town')}
        <Input
          className="jz-household-select"
          aria-label={t('village')}
          placeholder={t('villagePlaceholder')}
          defaultValue={query.village}
          key={query.town}
          allowClear
          onBlur={(event) => onChange({ village: event.target.value.trim() })}
          onPressEnter={(event) => onChange({ village: event.currentTarget.value.trim() })}
        />
        {select('category', t('category'), 'householdCategory')}
        {select('status', t('status'), 'householdStatus')}
        {select('cause', t('cause'), 'povertyCause')}
      </FilterFold>
    </div>
  );
}
