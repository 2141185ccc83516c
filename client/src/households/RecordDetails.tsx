import { Descriptions } from 'antd';
import { useLocale } from '../i18n';
import { definitionFields } from './householdOptions';

/** Shows a value as the form would: money with separators, yes/no in words, nothing as a dash. */
function show(value: unknown, locale: string): string {
  if (value === undefined || value === null || value === '') return '—';
  if (typeof value === 'number') return value.toLocaleString(locale, { maximumFractionDigits: 2 });
  if (typeof value === 'boolean') return value ? (locale === 'en' ? 'Yes' : '是') : locale === 'en' ? 'No' : '否';
  return String(value);
}

/**
 * A block of the household record (income, living conditions) labelled with the form's own field
 * titles from schemas/_defs.json; nested blocks (转移性收入) are listed item by item.
 */
export function RecordDetails({ record, definition }: { record: Record<string, unknown>; definition: 'income' | 'livingConditions' }) {
  const { locale } = useLocale();
  const items = definitionFields(definition, locale).flatMap(({ key, label, fields }) => {
    const value = record[key];
    if (!fields.length) return [{ key, label, children: show(value, locale) }];
    const nested = (value ?? {}) as Record<string, unknown>;
    return fields.map((field) => ({ key: `${key}.${field.key}`, label: `${label} · ${field.label}`, children: show(nested[field.key], locale) }));
  });
  return <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}
