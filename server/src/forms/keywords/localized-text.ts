import type { AnySchemaObject } from 'ajv';

/** A text in every locale, carried in error params so the localizer can pick the user's language. */
export interface LocalizedText {
  'zh-CN': string;
  en: string;
}

/** The title of a sibling property, in both languages, for messages that name other fields. */
export function propertyTitle(parentSchema: AnySchemaObject | undefined, name: string): LocalizedText {
  const property = (parentSchema?.properties as Record<string, AnySchemaObject> | undefined)?.[name];
  const zh = typeof property?.title === 'string' ? property.title : name;
  const en = typeof property?.['x-title-en'] === 'string' ? (property['x-title-en'] as string) : name;
  return { 'zh-CN': zh, en };
}

/** Joins localized texts with the list separator of each language. */
export function joinTitles(titles: LocalizedText[]): LocalizedText {
  return {
    'zh-CN': titles.map((t) => t['zh-CN']).join('、'),
    en: titles.map((t) => t.en).join(', '),
  };
}
