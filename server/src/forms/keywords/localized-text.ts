import type { AnySchemaObject } from 'ajv';

/** A text in every locale, carried in error params so the localizer can pick the user's language. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

// A unit in the title, as in 总预算（元）, is repeated by the message next to the number.
const ZH_UNIT = /（[^（）]*）$/;
const EN_UNIT = /\s*\([^()]*\)$/;

/** The title of a sibling property, in both languages and without its unit, for messages that name other fields. */
export function propertyTitle(parentSchema: AnySchemaObject | undefined, name: string): LocalizedText {
  const property = (parentSchema?.properties as Record<string, AnySchemaObject> | undefined)?.[name];
  const zh = typeof property?.title === 'string' ? property.title.replace(ZH_UNIT, '') : name;
  const en = typeof property?.['x-title-en'] === 'string' ? (property['x-title-en'] as string).replace(EN_UNIT, '') : name;
  return { 'zh-CN': zh, en };
}

/** Joins localized texts with the list separator of each language. */
export function joinTitles(titles: LocalizedText[]): LocalizedText {
  return {
    'zh-CN': titles.map((t) => t['zh-CN']).join('、'),
    en: titles.map((t) => t.en).join(', '),
  };
}
