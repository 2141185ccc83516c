import sharedDefs from '../../../schemas/_defs.json';
import type { Locale } from '../i18n/LocaleContext';

interface SchemaDef {
  enum?: string[];
  'x-enumNames-en'?: string[];
}

const defs = (sharedDefs as unknown as { $defs: Record<string, SchemaDef> }).$defs;

/**
 * Filter options from the same enumerations the forms use (schemas/_defs.json), so the registry
 * filters can never offer a value the records cannot hold. Values are the stored Chinese terms.
 */
/** The shared enumerations a household's record is read through. */
export type EnumName = 'town' | 'householdCategory' | 'householdStatus' | 'povertyCause' | 'relation' | 'sex' | 'education' | 'health' | 'labour';

export function enumOptions(name: EnumName, locale: Locale) {
  const def = defs[name];
  return (def.enum ?? []).map((value, i) => ({ value, label: locale === 'en' ? def['x-enumNames-en']?.[i] ?? value : value }));
}

/** A registry status as shown (the stored Chinese term, or its English name), with the colour of its tag: 清退 stands out. */
export function statusTag(status: string, locale: Locale): { label: string; color?: string } {
  const option = enumOptions('householdStatus', locale).find((o) => o.value === status);
  const colors: Record<string, string> = { 清退: 'red', 返贫: 'orange', 已脱贫: 'green', 预脱贫: 'blue' };
  return { label: option?.label ?? status, color: colors[status] };
}

/** A stored enumeration term (a category, a cause, a member's relation…) as the reader's language names it; a term the list lacks as it is. */
export function enumLabel(name: EnumName, value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  return enumOptions(name, locale).find((o) => o.value === value)?.label ?? value;
}
